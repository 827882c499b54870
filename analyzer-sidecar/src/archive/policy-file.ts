/** The retention policy persisted as JSON in the data directory (written atomically). */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_RETENTION_POLICY, mergePolicy, type RetentionPolicy } from './retention-policy';

const FILE_NAME = 'retention-policy.json';

export function loadPolicy(dataDir: string): RetentionPolicy {
  const path = join(dataDir, FILE_NAME);
  if (!existsSync(path)) return DEFAULT_RETENTION_POLICY;
  return mergePolicy(
    DEFAULT_RETENTION_POLICY,
    JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>,
  );
}

export function savePolicy(dataDir: string, policy: RetentionPolicy): void {
  const path = join(dataDir, FILE_NAME);
  writeFileSync(`${path}.tmp`, JSON.stringify(policy, null, 2));
  renameSync(`${path}.tmp`, path);
}
