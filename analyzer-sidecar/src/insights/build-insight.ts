/**
 * Turns a rule's finding into an Insight: a deterministic id from the
 * finding's identity (workflow, rule, subject; not its numbers, so a re-run
 * finds the same insight and implementation tracking follows it), the
 * quantified expected impact, and the priority score.
 *
 *   priority_score = benefit × ease weight × evidence
 *
 * - benefit: the expected relative improvement in percent of the metric the
 *   insight targets, weighted by how much of the workflow's cost that metric
 *   is: mean duration 1.0 (every run), p95 0.3 (the slow tail only), success
 *   rate points 2.0 (a failure costs a rerun and a person's attention),
 *   resources 0.3, anomaly episodes 0.2 (removing them all is -100 %).
 * - ease weight: easy 1, medium 0.7, hard 0.4 (quick wins first).
 * - evidence: min(1, observations / 30), so thin data ranks lower.
 */
import type { Ease, ExpectedChange, Insight, InsightCategory } from '../model/analysis';
import { contentId } from '../analysis/content-id';
import { percentChange } from '../analysis/degradation';

export const METRIC_WEIGHT: Record<string, number> = {
  avg_duration_ms: 1,
  median_duration_ms: 1,
  p95_duration_ms: 0.3,
  success_rate: 2,
  cpu_percent_max_p95: 0.3,
  memory_mb_max_p95: 0.3,
  anomaly_episodes: 0.2,
  // A drifting target is about to fail runs; healing debt costs time on every run (insights/healing-insights).
  target_confidence_loss: 0.8,
  healing_time_ms: 0.3,
};

export const EASE_WEIGHT: Record<Ease, number> = { easy: 1, medium: 0.7, hard: 0.4 };

export interface InsightDraft {
  workflow_id: string;
  category: InsightCategory;
  /** The rule and its subject, e.g. `bottleneck:node-7`. */
  key: string;
  title: string;
  description: string;
  recommendation: string;
  ease: Ease;
  metric: string;
  baseline_value: number;
  expected_value: number;
  /** Observations behind the finding. */
  evidence: number;
  supporting_data: Record<string, unknown>;
  /** success_rate is in points, not percent of itself. */
  unit?: string;
}

const fmt = (x: number) =>
  Math.abs(x) >= 100
    ? Math.round(x).toLocaleString('en-US')
    : Number.isInteger(x)
      ? String(x)
      : x.toPrecision(3);

function benefitOf(change: ExpectedChange): number {
  const weight = METRIC_WEIGHT[change.metric] ?? 0.5;
  const gain =
    change.metric === 'success_rate' ? change.expected_value - change.baseline_value : -change.change_percent;
  return Math.max(0, gain) * weight;
}

export function buildInsight(draft: InsightDraft, now: number): Insight {
  const change_percent = percentChange(draft.baseline_value, draft.expected_value) ?? 0;
  const expected_change: ExpectedChange = {
    metric: draft.metric,
    baseline_value: draft.baseline_value,
    expected_value: draft.expected_value,
    change_percent,
  };
  const evidence = Math.min(1, draft.evidence / 30);
  const priority = benefitOf(expected_change) * EASE_WEIGHT[draft.ease] * evidence;
  const unit = draft.unit ?? '';
  return {
    insight_id: contentId('ins', draft.workflow_id, draft.category, draft.key),
    workflow_id: draft.workflow_id,
    category: draft.category,
    title: draft.title,
    description: draft.description,
    recommendation: draft.recommendation,
    expected_impact: `${draft.metric} ${fmt(draft.baseline_value)}${unit} → ${fmt(draft.expected_value)}${unit} (${change_percent >= 0 ? '+' : ''}${change_percent.toFixed(1)} %)`,
    ease_of_implementation: draft.ease,
    priority_score: Math.round(priority * 100) / 100,
    supporting_data: draft.supporting_data,
    created_at: now,
    expected_change,
  };
}

export { fmt as formatNumber };
