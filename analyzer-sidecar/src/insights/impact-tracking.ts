/**
 * Seed `track_insight_implementation`: once an insight is implemented, the
 * metric it targets is measured over the following period and compared with
 * what the insight expected.
 */
import type { Insight } from '../model/analysis';
import { percentChange } from '../analysis/degradation';

export type ImpactVerdict = 'met' | 'partial' | 'none' | 'worse' | 'unmeasured';

export interface ImpactReport {
  insight_id: string;
  workflow_id: string;
  metric: string;
  baseline_value: number;
  expected_value: number;
  actual_value: number | null;
  expected_change_percent: number;
  actual_change_percent: number | null;
  /** Actual change / expected change: 1 means exactly as expected. */
  realized_ratio: number | null;
  verdict: ImpactVerdict;
}

function verdictOf(ratio: number | null): ImpactVerdict {
  if (ratio === null) return 'unmeasured';
  if (ratio >= 1) return 'met';
  if (ratio >= 0.25) return 'partial';
  if (ratio >= -0.1) return 'none';
  return 'worse';
}

/**
 * `followingMetrics`: the metrics of the period after implementation, by name
 * (a PerformanceStats, SuccessRate or resource summary serves as is).
 */
export function evaluateInsightImpact(
  insight: Insight,
  followingMetrics: Readonly<Record<string, unknown>>,
): ImpactReport {
  const { metric, baseline_value, expected_value, change_percent } = insight.expected_change;
  const raw = followingMetrics[metric];
  const actual = typeof raw === 'number' && Number.isFinite(raw) ? raw : null;
  const expectedDelta = expected_value - baseline_value;
  // + 0 turns the -0 of "no change" into 0 for JSON and equality.
  const ratio = actual === null || expectedDelta === 0 ? null : (actual - baseline_value) / expectedDelta + 0;
  return {
    insight_id: insight.insight_id,
    workflow_id: insight.workflow_id,
    metric,
    baseline_value,
    expected_value,
    actual_value: actual,
    expected_change_percent: change_percent,
    actual_change_percent: percentChange(baseline_value, actual),
    realized_ratio: ratio,
    verdict: verdictOf(ratio),
  };
}
