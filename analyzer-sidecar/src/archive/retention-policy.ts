/**
 * Retention per record type: rows older than `hot_days` move from the store to
 * the Parquet archive; archived days older than `archive_days` are deleted
 * (`null` keeps them forever). Data is only ever deleted from the archive, so
 * nothing leaves the analyzer without having been archived first.
 */
import { RECORD_TYPES, type RecordType } from '../model/records';

export interface RetentionRule {
  readonly hot_days: number;
  readonly archive_days: number | null;
}

export type RetentionPolicy = Readonly<Record<RecordType, RetentionRule>>;

export const DEFAULT_RETENTION_POLICY: RetentionPolicy = {
  executions: { hot_days: 30, archive_days: 365 },
  steps: { hot_days: 30, archive_days: 365 },
  recoveries: { hot_days: 30, archive_days: 365 },
  resources: { hot_days: 7, archive_days: 90 },
};

export const DAY_MS = 86_400_000;

export class InvalidPolicyError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = 'InvalidPolicyError';
  }
}

/** Validates a (partial) policy and merges it over `base`; throws naming the bad field. */
export function mergePolicy(
  base: RetentionPolicy,
  update: Readonly<Record<string, unknown>>,
): RetentionPolicy {
  const merged: Record<string, RetentionRule> = { ...base };
  for (const [type, raw] of Object.entries(update)) {
    if (!(RECORD_TYPES as readonly string[]).includes(type)) {
      throw new InvalidPolicyError(type, `${type} is not a record type (${RECORD_TYPES.join(', ')})`);
    }
    merged[type] = validateRule(type, raw, base[type as RecordType]);
  }
  return Object.freeze(merged) as RetentionPolicy;
}

function validateRule(type: string, raw: unknown, base: RetentionRule): RetentionRule {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    throw new InvalidPolicyError(type, `${type} must be an object`);
  const rule = raw as Record<string, unknown>;
  for (const key of Object.keys(rule)) {
    if (key !== 'hot_days' && key !== 'archive_days')
      throw new InvalidPolicyError(`${type}.${key}`, `unknown field ${type}.${key}`);
  }
  const hot = rule.hot_days ?? base.hot_days;
  const archive = rule.archive_days === undefined ? base.archive_days : rule.archive_days;
  if (typeof hot !== 'number' || !Number.isInteger(hot) || hot < 0 || hot > 36500) {
    throw new InvalidPolicyError(`${type}.hot_days`, `${type}.hot_days must be an integer in [0, 36500]`);
  }
  if (
    archive !== null &&
    (typeof archive !== 'number' || !Number.isInteger(archive) || archive < hot || archive > 36500)
  ) {
    throw new InvalidPolicyError(
      `${type}.archive_days`,
      `${type}.archive_days must be null or an integer in [hot_days, 36500]`,
    );
  }
  return Object.freeze({ hot_days: hot, archive_days: archive as number | null });
}

/** Rows with time < this leave the hot store. */
export function hotCutoff(rule: RetentionRule, now: number): number {
  return now - rule.hot_days * DAY_MS;
}

/** Archived days that end at or before this are deleted; undefined keeps everything. */
export function archiveCutoff(rule: RetentionRule, now: number): number | undefined {
  return rule.archive_days === null ? undefined : now - rule.archive_days * DAY_MS;
}
