/**
 * The committed generated types equal a fresh generation from the analyzer's route schemas
 * (scripts/generate-types.mjs --check builds the analyzer app in-process and compares).
 * Needs the analyzer built (`npm run build`, as the test suite does first).
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

describe('generated analyzer API types', () => {
  it('match the analyzer’s /openapi.json (else: npm run generate:types -w grafana-plugin)', async () => {
    const root = path.resolve(__dirname, '..', '..', '..');
    const run = promisify(execFile)(process.execPath, ['scripts/generate-types.mjs', '--check'], {
      cwd: root,
      timeout: 120_000,
    });
    await expect(run).resolves.toMatchObject({ stdout: expect.stringContaining('matches') });
  }, 130_000);
});
