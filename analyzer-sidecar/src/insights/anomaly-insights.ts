/** Anomaly rule: a metric with recurring or severe anomaly episodes in the period. */
import type { Anomaly, InsightCategory } from '../model/analysis';
import type { InsightDraft } from './build-insight';
import { INSIGHT_THRESHOLDS as T, type WorkflowAnalysis } from './workflow-analysis';

function categoryOf(metric: string): InsightCategory {
  if (metric === 'failure_rate') return 'reliability';
  if (metric === 'cpu_percent' || metric === 'memory_mb') return 'resource';
  return 'performance';
}

export function anomalyInsights(a: WorkflowAnalysis): InsightDraft[] {
  const byMetric = new Map<string, Anomaly[]>();
  for (const anomaly of a.anomalies ?? []) {
    if (anomaly.workflow_id !== a.workflow_id) continue;
    byMetric.set(anomaly.metric_name, [...(byMetric.get(anomaly.metric_name) ?? []), anomaly]);
  }
  const drafts: InsightDraft[] = [];
  for (const [metric, episodes] of [...byMetric].sort(([x], [y]) => (x < y ? -1 : 1))) {
    const peak = Math.max(...episodes.map((e) => e.severity));
    if (episodes.length < T.anomalyRecurrence && peak < T.anomalySeverity) continue;
    const worst = episodes.find((e) => e.severity === peak) as Anomaly;
    drafts.push({
      workflow_id: a.workflow_id,
      category: categoryOf(metric),
      key: `anomalies:${metric}`,
      title: `${episodes.length} anomal${episodes.length === 1 ? 'y' : 'ies'} in ${metric} (peak severity ${peak.toFixed(2)})`,
      description: worst.description,
      recommendation: worst.recommended_action ?? 'Investigate the executions of the worst episode.',
      ease: 'medium',
      metric: 'anomaly_episodes',
      baseline_value: episodes.length,
      expected_value: 0,
      evidence: episodes.reduce((s, e) => s + e.execution_ids.length, 0),
      supporting_data: { anomaly_ids: episodes.map((e) => e.anomaly_id), worst_anomaly: worst },
    });
  }
  return drafts;
}
