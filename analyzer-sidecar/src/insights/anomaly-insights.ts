/**
 * Anomaly rule: one insight per workflow and kind of metric (durations,
 * failures, resources) with recurring or severe anomaly episodes in the
 * period, so one incident that moved every step yields one insight, not one
 * per step.
 */
import type { Anomaly, InsightCategory } from '../model/analysis';
import type { InsightDraft } from './build-insight';
import { INSIGHT_THRESHOLDS as T, type WorkflowAnalysis } from './workflow-analysis';

export function categoryOf(metric: string): InsightCategory {
  if (metric === 'failure_rate') return 'reliability';
  if (metric === 'cpu_percent' || metric === 'memory_mb') return 'resource';
  return 'performance';
}

function draftFor(
  workflowId: string,
  category: InsightCategory,
  episodes: readonly Anomaly[],
): InsightDraft | null {
  const worst = episodes.reduce((w, e) => (e.severity > w.severity ? e : w));
  if (episodes.length < T.anomalyRecurrence && worst.severity < T.anomalySeverity) return null;
  const metrics = [...new Set(episodes.map((e) => e.metric_name))].sort();
  return {
    workflow_id: workflowId,
    category,
    key: `anomalies:${category}`,
    title: `${episodes.length} anomal${episodes.length === 1 ? 'y' : 'ies'} in ${metrics.length === 1 ? metrics[0] : `${metrics.length} metrics`} (peak severity ${worst.severity.toFixed(2)})`,
    description: worst.description,
    recommendation: worst.recommended_action ?? 'Investigate the executions of the worst episode.',
    ease: 'medium',
    metric: 'anomaly_episodes',
    baseline_value: episodes.length,
    expected_value: 0,
    evidence: new Set(episodes.flatMap((e) => e.execution_ids)).size,
    supporting_data: { metrics, anomaly_ids: episodes.map((e) => e.anomaly_id), worst_anomaly: worst },
  };
}

export function anomalyInsights(a: WorkflowAnalysis): InsightDraft[] {
  const byCategory = new Map<InsightCategory, Anomaly[]>();
  for (const anomaly of a.anomalies ?? []) {
    if (anomaly.workflow_id !== a.workflow_id) continue;
    const category = categoryOf(anomaly.metric_name);
    byCategory.set(category, [...(byCategory.get(category) ?? []), anomaly]);
  }
  return [...byCategory]
    .sort(([x], [y]) => (x < y ? -1 : 1))
    .map(([category, episodes]) => draftFor(a.workflow_id, category, episodes))
    .filter((d): d is InsightDraft => d !== null);
}
