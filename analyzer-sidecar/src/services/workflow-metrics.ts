/**
 * Per-workflow metric values from the store: duration summaries (the store's
 * quantile_cont and stddev_samp), success rates and resource usage, flattened
 * by metric name for comparisons and impact measurement.
 */
import type { MetricValues } from '../analysis/comparison';
import { toSuccessRate } from '../analysis/success-rate';
import type { DurationSummary } from '../model/analysis';
import type { ExecutionFilter, Store } from '../store/store';
import type { AnalysisContext } from './analysis-context';

export const EMPTY_SUMMARY: DurationSummary = {
  count: 0,
  avg_duration_ms: null,
  median_duration_ms: null,
  p95_duration_ms: null,
  p99_duration_ms: null,
  min_duration_ms: null,
  max_duration_ms: null,
  std_dev_ms: null,
};

/** Metrics `/analytics/compare` and impact tracking can name. */
export const COMPARABLE_METRICS = [
  'execution_count',
  'avg_duration_ms',
  'median_duration_ms',
  'p95_duration_ms',
  'p99_duration_ms',
  'min_duration_ms',
  'max_duration_ms',
  'std_dev_ms',
  'success_rate',
  'total',
  'completed',
  'failed',
  'cpu_percent_avg_median',
  'cpu_percent_max_p95',
  'memory_mb_max_median',
  'memory_mb_max_p95',
] as const;

export async function durationSummaries(
  store: Store,
  filter: ExecutionFilter,
): Promise<Map<string, DurationSummary>> {
  const rows = await store.durationSummaries(filter);
  return new Map(rows.map(({ workflow_id, ...summary }) => [workflow_id, summary]));
}

/** Each workflow's metrics over the filter's range, by COMPARABLE_METRICS name. */
export async function metricValues(
  context: AnalysisContext,
  workflowIds: readonly string[],
  filter: ExecutionFilter,
): Promise<Map<string, MetricValues>> {
  const scoped = { ...filter, workflowIds: [...workflowIds] };
  const [durations, rates, resources] = await Promise.all([
    durationSummaries(context.store, scoped),
    context.store.successRates({ ...scoped, status: undefined }),
    context.analysisStore.resourceUsage({ ...scoped, status: undefined }),
  ]);
  const values = new Map<string, MetricValues>();
  for (const id of workflowIds) {
    const { count, ...duration } = durations.get(id) ?? EMPTY_SUMMARY;
    const rate = rates.find((r) => r.workflow_id === id) ?? { workflow_id: id, completed: 0, failed: 0 };
    const resource = resources.find((r) => r.workflow_id === id);
    values.set(id, {
      execution_count: count,
      ...duration,
      ...toSuccessRate({ workflow_id: id, completed: rate.completed, failed: rate.failed }),
      ...resource,
    });
  }
  return values;
}
