import { execFileSync } from 'node:child_process';

/**
 * The path of a system binary the tests need. A missing one fails the test
 * with what to install: tests never skip because a tool is absent.
 */
export function requireBinary(name: string, debianPackage: string): string {
  try {
    return execFileSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).trim();
  } catch {
    throw new Error(
      `${name} is missing: install it with 'apt-get install -y ${debianPackage}' (npm test does this as root)`,
    );
  }
}
