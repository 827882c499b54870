import { createDataFrame, FieldType, type DataFrame } from '@grafana/data';

import type { AggregateRow, Anomaly, Bottleneck, ExecutionMetrics, SuccessRate } from '../api/types';

const ms = (t: string | null | undefined) => (t ? Date.parse(t) : null);

/** One series per workflow: execution duration over time (a point per finished execution). */
export function executionsToFrames(refId: string, executions: ExecutionMetrics[]): DataFrame[] {
  const byWorkflow = new Map<string, ExecutionMetrics[]>();
  for (const e of executions) {
    if (e.duration_ms === null) {
      continue;
    }
    byWorkflow.set(e.workflow_id, [...(byWorkflow.get(e.workflow_id) ?? []), e]);
  }
  return [...byWorkflow.entries()].map(([workflowId, rows]) => {
    const sorted = rows.slice().sort((a, b) => Date.parse(a.started_at) - Date.parse(b.started_at));
    return createDataFrame({
      refId,
      name: workflowId,
      fields: [
        { name: 'time', type: FieldType.time, values: sorted.map((e) => ms(e.started_at)) },
        {
          name: 'duration',
          type: FieldType.number,
          values: sorted.map((e) => e.duration_ms),
          config: { unit: 'ms', displayNameFromDS: workflowId },
          labels: { workflow_id: workflowId },
        },
        { name: 'status', type: FieldType.string, values: sorted.map((e) => e.status) },
        { name: 'execution_id', type: FieldType.string, values: sorted.map((e) => e.execution_id) },
        { name: 'trace_id', type: FieldType.string, values: sorted.map((e) => e.trace_id ?? '') },
      ],
    });
  });
}

export function successRatesToFrame(refId: string, rates: SuccessRate[]): DataFrame {
  return createDataFrame({
    refId,
    name: 'success_rates',
    fields: [
      { name: 'workflow_id', type: FieldType.string, values: rates.map((r) => r.workflow_id) },
      {
        name: 'success_rate',
        type: FieldType.number,
        values: rates.map((r) => r.success_rate),
        config: { unit: 'percent', min: 0, max: 100 },
      },
      { name: 'total', type: FieldType.number, values: rates.map((r) => r.total) },
      { name: 'completed', type: FieldType.number, values: rates.map((r) => r.completed) },
      { name: 'failed', type: FieldType.number, values: rates.map((r) => r.failed) },
    ],
  });
}

export function bottlenecksToFrame(refId: string, items: Bottleneck[]): DataFrame {
  return createDataFrame({
    refId,
    name: 'bottlenecks',
    fields: [
      { name: 'node_id', type: FieldType.string, values: items.map((b) => b.node_id) },
      { name: 'action_type', type: FieldType.string, values: items.map((b) => b.action_type) },
      {
        name: 'share_of_execution_time',
        type: FieldType.number,
        values: items.map((b) => b.share_of_execution_time),
        config: { unit: 'percentunit' },
      },
      {
        name: 'avg_duration_ms',
        type: FieldType.number,
        values: items.map((b) => b.avg_duration_ms),
        config: { unit: 'ms' },
      },
      {
        name: 'p95_duration_ms',
        type: FieldType.number,
        values: items.map((b) => b.p95_duration_ms),
        config: { unit: 'ms' },
      },
      { name: 'count', type: FieldType.number, values: items.map((b) => b.count) },
    ],
  });
}

/** The aggregate catalog's time buckets (RFC 3339 start of the bucket). */
const TIME_COLUMNS = ['hour', 'day'];

/** Group columns become fields; `hour`/`day` become the time field, so buckets plot as series. */
export function aggregateToFrame(refId: string, rows: AggregateRow[], groupBy: string[]): DataFrame {
  const columns = groupBy.length > 0 ? groupBy : Object.keys(rows[0]?.group ?? {});
  return createDataFrame({
    refId,
    name: 'aggregate',
    fields: [
      ...columns.map((c) =>
        TIME_COLUMNS.includes(c)
          ? {
              name: c,
              type: FieldType.time,
              values: rows.map((r) => (r.group[c] ? Date.parse(r.group[c]!) : null)),
            }
          : {
              name: c,
              type: FieldType.string,
              values: rows.map((r) => r.group[c] ?? ''),
            }
      ),
      { name: 'value', type: FieldType.number, values: rows.map((r) => r.value) },
      { name: 'count', type: FieldType.number, values: rows.map((r) => r.count) },
    ],
  });
}

/** Anomalies in the shape Grafana turns into annotations (time, timeEnd, title, text, tags). */
export function anomaliesToFrame(refId: string, anomalies: Anomaly[]): DataFrame {
  return createDataFrame({
    refId,
    name: 'anomalies',
    fields: [
      { name: 'time', type: FieldType.time, values: anomalies.map((a) => ms(a.started_at)) },
      { name: 'timeEnd', type: FieldType.time, values: anomalies.map((a) => ms(a.ended_at)) },
      {
        name: 'title',
        type: FieldType.string,
        values: anomalies.map((a) => `${a.workflow_id}: ${a.metric_name} anomaly`),
      },
      {
        name: 'text',
        type: FieldType.string,
        values: anomalies.map((a) => [a.description, a.recommended_action].filter(Boolean).join(' — ')),
      },
      {
        name: 'tags',
        type: FieldType.other,
        values: anomalies.map((a) => ['rpa-anomaly', a.workflow_id, a.metric_name]),
      },
      { name: 'severity', type: FieldType.number, values: anomalies.map((a) => a.severity) },
      { name: 'workflow_id', type: FieldType.string, values: anomalies.map((a) => a.workflow_id) },
    ],
  });
}
