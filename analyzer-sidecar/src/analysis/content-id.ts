/**
 * Deterministic ids from content: the same finding analysed twice gets the
 * same id, so the API can page, deduplicate and track it across runs.
 */
import { createHash } from 'node:crypto';

export function contentId(prefix: string, ...parts: readonly (string | number)[]): string {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(`${typeof part}:${String(part)}\u0000`);
  return `${prefix}-${hash.digest('hex').slice(0, 16)}`;
}
