/**
 * Performance degradation (seed `detect_performance_degradation`, Property 7):
 * a statistic of the current period against the baseline period; degraded when
 * it grew by more than `thresholdPercent`. Inputs are duration summaries, so
 * the store can compute both periods' quantiles itself.
 */
import type { Degradation, DegradationStatistic, DurationSummary } from '../model/analysis';

export interface DegradationOptions {
  /** Default 20 (%). */
  thresholdPercent?: number;
  /**
   * Default `median`: the typical execution, not moved by a few stuck runs the
   * way the mean is on heavy-tailed durations (the anomaly detector covers those).
   */
  statistic?: DegradationStatistic;
  /** Fewer executions than this on either side: never degraded; default 1. */
  minSamples?: number;
}

const FIELD: Record<DegradationStatistic, keyof DurationSummary> = {
  avg: 'avg_duration_ms',
  median: 'median_duration_ms',
  p95: 'p95_duration_ms',
};

/** Change in percent of |baseline|; null when undefined or not finite (a zero or denormal baseline). */
export function percentChange(baseline: number | null, current: number | null): number | null {
  if (baseline === null || current === null || baseline === 0) return null;
  const change = ((current - baseline) / Math.abs(baseline)) * 100;
  return Number.isFinite(change) ? change : null;
}

export function detectPerformanceDegradation(
  workflowId: string,
  baseline: DurationSummary,
  current: DurationSummary,
  options: DegradationOptions = {},
): Degradation {
  const threshold = options.thresholdPercent ?? 20;
  const statistic = options.statistic ?? 'median';
  const minSamples = options.minSamples ?? 1;
  const field = FIELD[statistic];
  const change = percentChange(baseline[field], current[field]);
  const enough = baseline.count >= minSamples && current.count >= minSamples;
  return {
    workflow_id: workflowId,
    degraded: enough && change !== null && change > threshold,
    statistic,
    threshold_percent: threshold,
    change_percent: change,
    baseline,
    current,
  };
}
