/**
 * The series the anomaly detector watches, one per workflow and metric:
 * execution duration, step duration per node, failure rate and resource usage,
 * each an ordered list of per-execution (or per-step) observations.
 */
import { EXECUTION_STATUS, STEP_STATUS } from '@rpa-analytics/conventions';
import type { ExecutionRecord, StepRecord } from '../../model/records';

/** `continuous`: positive, heavy-tailed values (watched on a log scale); `rate`: 0/1 outcomes. */
export type MetricKind = 'continuous' | 'rate';

export interface Observation {
  timestamp: number;
  value: number;
  execution_id: string;
}

export interface MetricSeries {
  workflow_id: string;
  metric_name: string;
  kind: MetricKind;
  observations: Observation[];
}

export const METRIC = {
  executionDuration: 'execution_duration_ms',
  stepDuration: 'step_duration_ms',
  failureRate: 'failure_rate',
  cpuPercent: 'cpu_percent',
  memoryMb: 'memory_mb',
} as const;

/** `step_duration_ms:<node_id>`: one series per node. */
export function stepMetricName(nodeId: string): string {
  return `${METRIC.stepDuration}:${nodeId}`;
}

export function seriesKey(workflowId: string, metricName: string): string {
  return `${workflowId}\u0000${metricName}`;
}

function byTime(a: Observation, b: Observation): number {
  return (
    a.timestamp - b.timestamp ||
    (a.execution_id < b.execution_id ? -1 : a.execution_id > b.execution_id ? 1 : 0)
  );
}

type Extract = (e: ExecutionRecord) => number | null;

const EXECUTION_METRICS: readonly [string, MetricKind, Extract][] = [
  [
    METRIC.executionDuration,
    'continuous',
    (e) => (e.status === EXECUTION_STATUS.completed ? e.duration_ms : null),
  ],
  [
    METRIC.failureRate,
    'rate',
    (e) => (e.status === EXECUTION_STATUS.failed ? 1 : e.status === EXECUTION_STATUS.completed ? 0 : null),
  ],
  [METRIC.cpuPercent, 'continuous', (e) => e.cpu_percent_avg],
  [METRIC.memoryMb, 'continuous', (e) => e.memory_mb_max],
];

function push(
  map: Map<string, MetricSeries>,
  head: Omit<MetricSeries, 'observations'>,
  obs: Observation,
): void {
  const key = seriesKey(head.workflow_id, head.metric_name);
  let series = map.get(key);
  if (!series) map.set(key, (series = { ...head, observations: [] }));
  series.observations.push(obs);
}

/** Every series the records hold, observations in time order; series ordered by key. */
export function buildMetricSeries(
  executions: readonly ExecutionRecord[],
  steps: readonly StepRecord[] = [],
): MetricSeries[] {
  const map = new Map<string, MetricSeries>();
  for (const e of executions) {
    if (e.status === 'running') continue;
    const timestamp = e.completed_at ?? e.started_at;
    for (const [metric_name, kind, extract] of EXECUTION_METRICS) {
      const value = extract(e);
      if (value !== null && Number.isFinite(value))
        push(
          map,
          { workflow_id: e.workflow_id, metric_name, kind },
          { timestamp, value, execution_id: e.execution_id },
        );
    }
  }
  for (const s of steps) {
    if (s.status !== STEP_STATUS.completed) continue;
    const head = {
      workflow_id: s.workflow_id,
      metric_name: stepMetricName(s.node_id),
      kind: 'continuous' as const,
    };
    push(map, head, { timestamp: s.completed_at, value: s.duration_ms, execution_id: s.execution_id });
  }
  const all = [...map.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, s]) => s);
  for (const series of all) series.observations.sort(byTime);
  return all;
}
