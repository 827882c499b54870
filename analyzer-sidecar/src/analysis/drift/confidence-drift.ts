/**
 * Confidence drift per target element: is the visual-match confidence of one
 * UI target falling across executions, before the target starts failing?
 *
 * One test per (workflow, target) over the window asked for (the API's range,
 * a week by default): a one-sided Mann–Kendall test of a decline at level
 * `alpha`, plus a practical floor on the Theil–Sen decline over the window
 * (`minDecline`) so a statistically certain but negligible drift does not page
 * anyone. Under the null (exchangeable confidences) the probability that a
 * clean element is flagged in one window is at most `alpha` (the floor only
 * lowers it): with the default week window, `alpha` is the false-alarm rate per
 * element-week. drift-false-alarms.test.ts measures it by simulation.
 */
import { standardNormalQuantile } from './standard-normal';
import { mannKendall, theilSenSlope } from './mann-kendall';

/** One step's confidence on a target (plain data, as the store returns it). */
export interface ConfidencePoint {
  readonly workflow_id: string;
  readonly target_element: string;
  readonly execution_id: string;
  readonly started_at: number;
  /** Null for a step that failed without reporting one. */
  readonly confidence: number | null;
  /** The step's status: failures are reported, not tested on (see first_failure_at). */
  readonly status: string;
  /**
   * Executions this point stands for, when the store already averaged
   * equal-count bins of a busy target (default 1).
   */
  readonly executions?: number;
  /** Earliest failed step among them, when status is `failed` (default started_at). */
  readonly failed_at?: number | null;
}

export interface DriftOptions {
  /** False-alarm rate per element per window (one-sided). */
  readonly alpha: number;
  /** Fewest executions with a confidence for a test. */
  readonly minExecutions: number;
  /** Smallest fitted decline over the window (confidence units) that counts. */
  readonly minDecline: number;
  /** Confidence below which the target is expected to fail (for the projection). */
  readonly floor: number;
  /**
   * Most values tested per element: busier elements are averaged into this
   * many equal-count bins in time order (Mann–Kendall is O(n²); bin means of
   * exchangeable values are still exchangeable, so alpha holds).
   */
  readonly maxPoints: number;
}

export const DEFAULT_DRIFT_OPTIONS: DriftOptions = {
  alpha: 0.01,
  minExecutions: 10,
  minDecline: 0.02,
  floor: 0.8,
  maxPoints: 200,
};

export interface DriftExecution {
  readonly execution_id: string;
  readonly started_at: number;
  /** Mean confidence of the target's steps in this execution (or bin). */
  readonly confidence: number;
  /** Executions it stands for: 1, or the size of an equal-count bin of a busy target. */
  readonly count: number;
}

export interface ElementDrift {
  readonly workflow_id: string;
  readonly target_element: string;
  readonly executions_count: number;
  readonly flagged: boolean;
  readonly mann_kendall_z: number;
  readonly p_value: number;
  /** Theil–Sen slope, confidence per day (negative: declining). */
  readonly slope_per_day: number;
  /** Fitted confidence at the first and last execution of the window. */
  readonly fitted_start: number;
  readonly fitted_end: number;
  /** Days until the fitted line reaches `floor`; null when not declining or already below. */
  readonly days_to_floor: number | null;
  /** First failed step of the target in the window, if any (epoch ms). */
  readonly first_failure_at: number | null;
  readonly executions: readonly DriftExecution[];
}

const DAY_MS = 86_400_000;

/** Drift of every element with enough executions, flagged first, then steepest decline. */
export function detectConfidenceDrift(
  points: readonly ConfidencePoint[],
  options: DriftOptions = DEFAULT_DRIFT_OPTIONS,
): ElementDrift[] {
  const zCritical = standardNormalQuantile(options.alpha);
  const results: ElementDrift[] = [];
  for (const group of groupByElement(points).values()) {
    const executions = perExecution(group.points);
    if (executions.length < options.minExecutions) continue;
    results.push(
      testElement(
        group.workflow_id,
        group.target_element,
        executions,
        group.firstFailure,
        zCritical,
        options,
      ),
    );
  }
  return results.sort((a, b) => Number(b.flagged) - Number(a.flagged) || a.slope_per_day - b.slope_per_day);
}

function testElement(
  workflow_id: string,
  target_element: string,
  executions: DriftExecution[],
  first_failure_at: number | null,
  zCritical: number,
  options: DriftOptions,
): ElementDrift {
  const tested = binned(executions, options.maxPoints);
  const ys = tested.map((e) => e.confidence);
  const t0 = (tested[0] as DriftExecution).started_at;
  const days = tested.map((e) => (e.started_at - t0) / DAY_MS);
  const mk = mannKendall(ys);
  const slope = theilSenSlope(days, ys) ?? 0;
  const intercept = median(ys.map((y, i) => y - slope * (days[i] as number)));
  const span = days[days.length - 1] as number;
  const fitted_start = intercept;
  const fitted_end = intercept + slope * span;
  const flagged = mk.z <= zCritical && fitted_start - fitted_end >= options.minDecline;
  const days_to_floor =
    slope < 0 && fitted_end > options.floor ? (fitted_end - options.floor) / -slope : null;
  return {
    workflow_id,
    target_element,
    executions_count: executions.reduce((n, e) => n + e.count, 0),
    flagged,
    mann_kendall_z: mk.z,
    p_value: mk.p_decline,
    slope_per_day: slope,
    fitted_start,
    fitted_end,
    days_to_floor,
    first_failure_at,
    executions,
  };
}

interface ElementGroup {
  workflow_id: string;
  target_element: string;
  points: ConfidencePoint[];
  firstFailure: number | null;
}

function groupByElement(points: readonly ConfidencePoint[]): Map<string, ElementGroup> {
  const groups = new Map<string, ElementGroup>();
  for (const p of points) {
    const key = JSON.stringify([p.workflow_id, p.target_element]);
    let group = groups.get(key);
    if (!group) {
      group = {
        workflow_id: p.workflow_id,
        target_element: p.target_element,
        points: [],
        firstFailure: null,
      };
      groups.set(key, group);
    }
    if (p.status === 'failed') {
      const at = p.failed_at ?? p.started_at;
      if (group.firstFailure === null || at < group.firstFailure) group.firstFailure = at;
    }
    if (p.confidence !== null && Number.isFinite(p.confidence)) group.points.push(p);
  }
  return groups;
}

/** One value per execution (its mean), in start order: repeated steps of a target must not weigh more. */
function perExecution(points: readonly ConfidencePoint[]): DriftExecution[] {
  const byExecution = new Map<string, { started_at: number; sum: number; n: number; count: number }>();
  for (const p of points) {
    const e = byExecution.get(p.execution_id);
    if (e) {
      e.sum += p.confidence as number;
      e.n += 1;
      e.started_at = Math.min(e.started_at, p.started_at);
    } else
      byExecution.set(p.execution_id, {
        started_at: p.started_at,
        sum: p.confidence as number,
        n: 1,
        count: p.executions ?? 1,
      });
  }
  return [...byExecution]
    .map(([execution_id, e]) => ({
      execution_id,
      started_at: e.started_at,
      confidence: e.sum / e.n,
      count: e.count,
    }))
    .sort((a, b) => a.started_at - b.started_at || a.execution_id.localeCompare(b.execution_id));
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** Equal-count bins (mean time, mean confidence) when there are more than `max` executions. */
function binned(executions: readonly DriftExecution[], max: number): DriftExecution[] {
  if (executions.length <= max) return [...executions];
  const bins: DriftExecution[] = [];
  for (let b = 0; b < max; b++) {
    const part = executions.slice(
      Math.floor((b * executions.length) / max),
      Math.floor(((b + 1) * executions.length) / max),
    );
    bins.push({
      execution_id: (part[part.length - 1] as DriftExecution).execution_id,
      started_at: part.reduce((sum, e) => sum + e.started_at, 0) / part.length,
      confidence: part.reduce((sum, e) => sum + e.confidence, 0) / part.length,
      count: part.reduce((sum, e) => sum + e.count, 0),
    });
  }
  return bins;
}
