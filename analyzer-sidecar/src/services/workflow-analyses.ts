/**
 * Every workflow's WorkflowAnalysis (the insight rules' input) from a handful
 * of store-wide queries over the lookback period: duration summaries, per-node
 * summaries, degradation periods, success counts, failures, resource usage.
 */
import { detectPerformanceDegradation } from '../analysis/degradation';
import { categorizeFailures } from '../analysis/failure-breakdown';
import { performanceStatsFromSummary } from '../analysis/performance';
import { toSuccessRate } from '../analysis/success-rate';
import type { WorkflowAnalysis } from '../insights/workflow-analysis';
import type { Anomaly, NodeSummary } from '../model/analysis';
import type { FailureRow } from '../store/analysis-store';
import type { AnalysisContext } from './analysis-context';
import type { RecentPeriods } from './periods';
import { durationSummaries, EMPTY_SUMMARY } from './workflow-metrics';

function groupBy<T extends { workflow_id: string }>(rows: readonly T[]): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const row of rows) {
    const list = map.get(row.workflow_id);
    if (list) list.push(row);
    else map.set(row.workflow_id, [row]);
  }
  return map;
}

async function queryAll(context: AnalysisContext, periods: RecentPeriods) {
  const { store, analysisStore } = context;
  const range = { from: periods.lookback.from, to: periods.lookback.to };
  const [ids, performance, nodes, baseline, current, rates, failures, resources] = await Promise.all([
    analysisStore.workflowIds(range),
    durationSummaries(store, range),
    store.nodeSummaries(range),
    durationSummaries(store, periods.baseline),
    durationSummaries(store, periods.current),
    store.successRates(range),
    analysisStore.failures(range),
    analysisStore.resourceUsage(range),
  ]);
  return {
    ids,
    performance,
    nodes: groupBy<NodeSummary>(nodes),
    baseline,
    current,
    rates: new Map(rates.map((r) => [r.workflow_id, r])),
    failures: groupBy<FailureRow>(failures),
    resources: new Map(resources.map((r) => [r.workflow_id, r])),
  };
}

export async function buildWorkflowAnalyses(
  context: AnalysisContext,
  periods: RecentPeriods,
  anomalies: readonly Anomaly[],
): Promise<WorkflowAnalysis[]> {
  const q = await queryAll(context, periods);
  const anomaliesOf = groupBy<Anomaly>(anomalies);
  const rules = context.failureRules ? { rules: context.failureRules } : {};
  return q.ids.map((id) => {
    const nodes = q.nodes.get(id) ?? [];
    const rate = q.rates.get(id);
    return {
      workflow_id: id,
      performance: performanceStatsFromSummary(id, q.performance.get(id) ?? EMPTY_SUMMARY, {
        stepSummaries: nodes,
        period: periods.lookback,
      }),
      nodes,
      degradation: detectPerformanceDegradation(
        id,
        q.baseline.get(id) ?? EMPTY_SUMMARY,
        q.current.get(id) ?? EMPTY_SUMMARY,
      ),
      reliability: toSuccessRate({
        workflow_id: id,
        completed: rate?.completed ?? 0,
        failed: rate?.failed ?? 0,
      }),
      failures: categorizeFailures(q.failures.get(id) ?? [], rules),
      resources: q.resources.get(id) ?? null,
      anomalies: anomaliesOf.get(id) ?? [],
    };
  });
}
