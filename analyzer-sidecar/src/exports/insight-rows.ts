/** Insights flattened into export rows: the expectation and its measured impact as columns. */
import type { TrackedInsight } from '../services/insight-tracking';
import type { ExportRow } from './export-columns';

export function insightRow(insight: TrackedInsight): ExportRow {
  const impl = insight.implementation;
  return {
    insight_id: insight.insight_id,
    workflow_id: insight.workflow_id,
    category: insight.category,
    title: insight.title,
    description: insight.description,
    recommendation: insight.recommendation,
    expected_impact: insight.expected_impact,
    ease_of_implementation: insight.ease_of_implementation,
    priority_score: insight.priority_score,
    created_at: insight.created_at,
    expected_metric: insight.expected_change.metric,
    expected_baseline_value: insight.expected_change.baseline_value,
    expected_value: insight.expected_change.expected_value,
    expected_change_percent: insight.expected_change.change_percent,
    implemented: impl !== null,
    implemented_at: impl?.implemented_at ?? null,
    impact_actual_value: impl?.impact.actual_value ?? null,
    impact_actual_change_percent: impl?.impact.actual_change_percent ?? null,
    impact_realized_ratio: impl?.impact.realized_ratio ?? null,
    impact_verdict: impl?.impact.verdict ?? null,
    supporting_data: insight.supporting_data,
  };
}
