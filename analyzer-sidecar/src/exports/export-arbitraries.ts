/** fast-check generators for the export round trip: records with hostile strings, anomalies, insight rows. */
import fc from 'fast-check';
import type { Anomaly } from '../model/analysis';
import type { ExecutionRecord, StepRecord } from '../model/records';
import type { ExportRow } from './export-columns';

export const T0 = Date.UTC(2026, 0, 1);
const HOUR = 3_600_000;

/** What breaks CSV, spreadsheets and naive encoders, plus any Unicode text. */
export const hostileText = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    '"',
    '""',
    ',',
    'a,b',
    'say "hi", then\r\nleave',
    '\n',
    '\r',
    'line1\nline2',
    '=1+2',
    '+SUM(A1)',
    '-3',
    '@cmd',
    "'=already",
    '\t=tab',
    'naïve – café ✓ 𝄞 漢字 🙂',
    '\\N',
    'null',
    '\u200b',
  ),
  fc.string({ unit: 'grapheme', maxLength: 12 }),
);
const time = fc.integer({ min: T0, max: T0 + 48 * HOUR });
const finite = fc.double({ min: 0, max: 1e9, noNaN: true, noDefaultInfinity: true });

export function stepArbitrary(id: string, executionId: string, workflowId: string): fc.Arbitrary<StepRecord> {
  return fc
    .record({
      node_id: hostileText,
      action_type: hostileText,
      target_element: hostileText,
      started_at: time,
      duration_ms: finite,
      status: fc.constantFrom('completed', 'failed', 'skipped'),
      confidence_score: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: null }),
      retry_count: fc.integer({ min: 0, max: 5 }),
      error_details: fc.option(hostileText, { nil: null }),
      error_type: fc.option(hostileText, { nil: null }),
    })
    .map((r) => ({
      ...r,
      step_id: id,
      execution_id: executionId,
      workflow_id: workflowId,
      completed_at: r.started_at + Math.floor(r.duration_ms),
      status: r.status as StepRecord['status'],
      trace_id: null,
      span_id: null,
    }));
}

export function executionArbitrary(id: string, workflowId: string): fc.Arbitrary<ExecutionRecord> {
  return fc
    .record({
      started_at: time,
      duration_ms: finite, // a finished execution (no end: the store keeps it as running)
      status: fc.constantFrom('completed', 'failed', 'cancelled'),
      steps_total: fc.integer({ min: 0, max: 50 }),
      error_message: fc.option(hostileText, { nil: null }),
      context: fc.dictionary(
        fc.constantFrom('customer', 'region', 'note'),
        fc.oneof(hostileText, fc.integer(), fc.boolean()),
      ),
      service_name: fc.option(hostileText, { nil: null }),
      cpu: fc.option(fc.double({ min: 0, max: 100, noNaN: true }), { nil: null }),
    })
    .map((r) => ({
      execution_id: id,
      workflow_id: workflowId,
      started_at: r.started_at,
      completed_at: r.started_at + Math.floor(r.duration_ms),
      duration_ms: r.duration_ms,
      status: r.status as ExecutionRecord['status'],
      steps_total: r.steps_total,
      steps_completed: r.steps_total,
      steps_failed: 0,
      error_message: r.error_message,
      error_type: null,
      context: { ...r.context },
      service_name: r.service_name,
      host_name: 'host "1", rack 2',
      trace_id: null,
      span_id: null,
      cpu_percent_avg: r.cpu,
      cpu_percent_max: r.cpu,
      memory_mb_max: null,
      gpu_utilization_max: null,
      gpu_memory_mb_max: null,
      disk_io_mb: null,
      requested_at: null,
    }));
}

export function anomalyArbitrary(id: string, workflowId: string): fc.Arbitrary<Anomaly> {
  return fc
    .record({
      metric_name: hostileText,
      status: fc.constantFrom('open', 'resolved'),
      started_at: time,
      length: fc.integer({ min: 0, max: 6 * HOUR }),
      severity: fc.double({ min: 0, max: 1, noNaN: true }),
      deviation: fc.double({ min: -50, max: 50, noNaN: true }).map((x) => x + 0), // JSON has no -0
      description: hostileText,
      recommended_action: fc.option(hostileText, { nil: null }),
      execution_ids: fc.array(hostileText, { maxLength: 3 }),
    })
    .map((r) => ({
      anomaly_id: id,
      workflow_id: workflowId,
      metric_name: r.metric_name,
      kind: 'collective' as const,
      status: r.status as Anomaly['status'],
      detected_at: r.started_at + r.length,
      resolved_at: r.status === 'resolved' ? r.started_at + r.length + 1 : null,
      severity: r.severity,
      deviation: r.deviation,
      baseline_value: 100,
      actual_value: 250.5,
      description: r.description,
      recommended_action: r.recommended_action,
      started_at: r.started_at,
      ended_at: r.started_at + r.length,
      execution_ids: r.execution_ids,
    }));
}

export const insightRowArbitrary: fc.Arbitrary<ExportRow> = fc
  .record({
    insight_id: hostileText,
    title: hostileText,
    recommendation: hostileText,
    priority_score: finite,
    created_at: time,
    implemented_at: fc.option(time, { nil: null }),
    realized: fc.option(
      fc.double({ min: -5, max: 5, noNaN: true }).map((x) => x + 0),
      { nil: null },
    ),
    supporting_data: fc.dictionary(fc.constantFrom('node', 'share'), fc.oneof(hostileText, fc.integer())),
  })
  .map((r) => ({
    insight_id: r.insight_id,
    workflow_id: 'wf-a',
    category: 'performance',
    title: r.title,
    description: 'Step "search" takes 72 %, of the step time',
    recommendation: r.recommendation,
    expected_impact: '-36 %',
    ease_of_implementation: 'easy',
    priority_score: r.priority_score,
    created_at: r.created_at,
    expected_metric: 'avg_duration_ms',
    expected_baseline_value: 5718.29,
    expected_value: 3647.07,
    expected_change_percent: -36.2,
    implemented: r.implemented_at !== null,
    implemented_at: r.implemented_at,
    impact_actual_value: r.implemented_at === null ? null : 4000,
    impact_actual_change_percent: r.implemented_at === null ? null : -30.05,
    impact_realized_ratio: r.implemented_at === null ? null : r.realized,
    impact_verdict: r.implemented_at === null ? null : 'partial',
    supporting_data: { ...r.supporting_data },
  }));
