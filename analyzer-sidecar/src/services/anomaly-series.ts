/** The detector's metric series from the store's lean inputs, as buildMetricSeries makes them from records. */
import {
  buildMetricSeries,
  type MetricSeries,
  type Observation,
  seriesKey,
  stepMetricName,
} from '../analysis/anomaly/metric-series';
import type { SeriesRecords, StepColumns } from '../store/analysis-store';

function stepSeries(columns: StepColumns): MetricSeries {
  const { completed_at, duration_ms, execution_id } = columns;
  return {
    workflow_id: columns.workflow_id,
    metric_name: stepMetricName(columns.node_id),
    kind: 'continuous',
    observations: completed_at
      .map((timestamp, i) => ({
        timestamp,
        value: duration_ms[i] as number,
        execution_id: execution_id[i] as string,
      }))
      .sort(byTime),
  };
}

/** buildMetricSeries' order: time, then execution id. */
function byTime(a: Observation, b: Observation): number {
  return (
    a.timestamp - b.timestamp ||
    (a.execution_id < b.execution_id ? -1 : a.execution_id > b.execution_id ? 1 : 0)
  );
}

/** Every series, ordered by key (workflow, metric), observations by time then execution id. */
export function seriesFromStore(records: SeriesRecords): MetricSeries[] {
  const keyed = [...buildMetricSeries(records.executions), ...records.steps.map(stepSeries)].map(
    (s) => [seriesKey(s.workflow_id, s.metric_name), s] as const,
  );
  return keyed.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, s]) => s);
}
