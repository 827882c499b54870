/**
 * Missing runs: did a workflow's expected run start? The expected cadence is
 * either configured (a cron expression in an IANA zone, with a tolerance) or
 * learned from history: the median gap between the last starts, with a
 * tolerance of half that gap unless one is configured. A run is missing when
 * the expected start plus the tolerance has passed with no start since the
 * expected start minus the tolerance (an early run counts); the state
 * resolves as soon as a run starts.
 */
import { Cron } from 'croner';

export interface CadenceSetting {
  /** Cron expression (five fields or a nickname); null: learn the cadence from history. */
  readonly cron: string | null;
  readonly timezone: string;
  /** Allowed lateness in minutes; null: the default for the source. */
  readonly tolerance_minutes: number | null;
}

export interface CadenceOptions {
  /** Fewest gaps between starts to learn a cadence from. */
  readonly minGaps: number;
  /** Gaps the median is taken over (the most recent). */
  readonly maxGaps: number;
  /** Learned tolerance as a share of the median gap. */
  readonly learnedToleranceShare: number;
  /**
   * Least learned tolerance, ms: the check runs about once a minute, and a workflow started
   * every few seconds would otherwise call any short stall of its executor a missing run.
   */
  readonly minLearnedToleranceMs: number;
  /** Cron tolerance when none is configured, ms. */
  readonly cronToleranceMs: number;
}

export const DEFAULT_CADENCE_OPTIONS: CadenceOptions = {
  minGaps: 5,
  maxGaps: 50,
  learnedToleranceShare: 0.5,
  minLearnedToleranceMs: 2 * 60_000,
  cronToleranceMs: 15 * 60_000,
};

export interface RunExpectation {
  readonly workflow_id: string;
  readonly source: 'cron' | 'learned';
  /** Median gap between starts (learned) or null (cron). */
  readonly interval_ms: number | null;
  readonly tolerance_ms: number;
  readonly last_started_at: number | null;
  /** The expected start that is missing, or the next expected start when none is. */
  readonly expected_at: number;
  readonly missing: boolean;
  /** How far past expected_at + tolerance, ms (0 when not missing). */
  readonly overdue_ms: number;
}

/**
 * The expectation of one workflow at `now` from its starts (any order); null
 * when it has neither a cron nor enough history to learn from.
 */
export function evaluateExpectedRun(
  workflow_id: string,
  starts: readonly number[],
  setting: CadenceSetting | undefined,
  now: number,
  options: CadenceOptions = DEFAULT_CADENCE_OPTIONS,
): RunExpectation | null {
  const sorted = starts.filter((s) => s <= now).sort((a, b) => a - b);
  const last = sorted.length > 0 ? (sorted[sorted.length - 1] as number) : null;
  const configuredTolerance = setting?.tolerance_minutes != null ? setting.tolerance_minutes * 60_000 : null;
  if (setting?.cron)
    return cronExpectation(
      workflow_id,
      sorted,
      last,
      setting,
      configuredTolerance ?? options.cronToleranceMs,
      now,
    );
  const interval = learnedInterval(sorted, options);
  if (interval === null || last === null) return null;
  const tolerance_ms =
    configuredTolerance ?? Math.max(options.minLearnedToleranceMs, interval * options.learnedToleranceShare);
  const expected_at = last + interval;
  const overdue = now - (expected_at + tolerance_ms);
  return {
    workflow_id,
    source: 'learned',
    interval_ms: interval,
    tolerance_ms,
    last_started_at: last,
    expected_at,
    missing: overdue > 0,
    overdue_ms: Math.max(0, overdue),
  };
}

function cronExpectation(
  workflow_id: string,
  sorted: readonly number[],
  last: number | null,
  setting: CadenceSetting,
  tolerance_ms: number,
  now: number,
): RunExpectation {
  const cron = new Cron(setting.cron as string, { timezone: setting.timezone, paused: true });
  // The latest fire time whose tolerance has run out: that run must have started by now.
  const due = cron.previousRuns(1, new Date(now - tolerance_ms))[0]?.getTime() ?? null;
  const startedForDue = due !== null && sorted.some((s) => s >= due - tolerance_ms);
  if (due !== null && !startedForDue) {
    return {
      workflow_id,
      source: 'cron',
      interval_ms: null,
      tolerance_ms,
      last_started_at: last,
      expected_at: due,
      missing: true,
      overdue_ms: now - (due + tolerance_ms),
    };
  }
  const next = cron.nextRun(new Date(now - tolerance_ms))?.getTime() ?? now;
  return {
    workflow_id,
    source: 'cron',
    interval_ms: null,
    tolerance_ms,
    last_started_at: last,
    expected_at: next,
    missing: false,
    overdue_ms: 0,
  };
}

/** Median of the most recent gaps between starts; null with too few. */
function learnedInterval(sorted: readonly number[], options: CadenceOptions): number | null {
  const gaps: number[] = [];
  for (let i = Math.max(1, sorted.length - options.maxGaps); i < sorted.length; i++) {
    const gap = (sorted[i] as number) - (sorted[i - 1] as number);
    if (gap > 0) gaps.push(gap);
  }
  if (gaps.length < options.minGaps) return null;
  gaps.sort((a, b) => a - b);
  const mid = gaps.length >> 1;
  return gaps.length % 2 === 1
    ? (gaps[mid] as number)
    : ((gaps[mid - 1] as number) + (gaps[mid] as number)) / 2;
}
