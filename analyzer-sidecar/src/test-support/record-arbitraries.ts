/** fast-check generators of records, shared by the store and archive property tests. */
import fc from 'fast-check';
import type { ExecutionRecord, RecordBatch, ResourceRecord, StepRecord } from '../model/records';

export const DAY_MS = 86_400_000;
/** 2026-01-01T00:00:00Z: generated times fall in the ten days after. */
export const BASE_TIME = Date.UTC(2026, 0, 1);

const workflowId = fc.constantFrom('wf-a', 'wf-b', 'wf-c');
const actionType = fc.constantFrom('click', 'type', 'wait');
const time = fc.integer({ min: BASE_TIME, max: BASE_TIME + 10 * DAY_MS });
const duration = fc.double({ min: 0, max: 600_000, noNaN: true });

export function executionArbitrary(id: string): fc.Arbitrary<ExecutionRecord> {
  return fc
    .record({
      workflow_id: workflowId,
      started_at: time,
      duration_ms: duration,
      status: fc.constantFrom('completed', 'failed', 'cancelled'),
      steps_total: fc.integer({ min: 0, max: 20 }),
      error_message: fc.option(fc.string({ maxLength: 20 }), { nil: null }),
      context: fc.dictionary(
        fc.constantFrom('customer', 'region', '__proto__'),
        fc.oneof(fc.string({ maxLength: 8 }), fc.integer()),
      ),
      cpu: fc.option(fc.double({ min: 0, max: 100, noNaN: true }), { nil: null }),
    })
    .map((r) => ({
      execution_id: id,
      workflow_id: r.workflow_id,
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
      service_name: 'executor',
      host_name: null,
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

export function stepArbitrary(id: string, execution: ExecutionRecord): fc.Arbitrary<StepRecord> {
  return fc
    .record({
      action_type: actionType,
      offset: fc.integer({ min: 0, max: DAY_MS }),
      duration_ms: duration,
      status: fc.constantFrom('completed', 'failed', 'skipped'),
      confidence: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: null }),
      retry_count: fc.integer({ min: 0, max: 3 }),
    })
    .map((r) => ({
      step_id: id,
      execution_id: execution.execution_id,
      workflow_id: execution.workflow_id,
      node_id: `node-${r.action_type}`,
      action_type: r.action_type,
      target_element: '#button',
      started_at: execution.started_at + r.offset,
      completed_at: execution.started_at + r.offset + Math.floor(r.duration_ms),
      duration_ms: r.duration_ms,
      status: r.status as StepRecord['status'],
      confidence_score: r.confidence,
      retry_count: r.retry_count,
      error_details: null,
      error_type: null,
      trace_id: null,
      span_id: null,
    }));
}

export function resourceArbitrary(index: number): fc.Arbitrary<ResourceRecord> {
  return fc
    .record({
      timestamp: time,
      cpu: fc.double({ min: 0, max: 100, noNaN: true }),
      memory: fc.double({ min: 0, max: 1e5, noNaN: true }),
    })
    .map((r) => ({
      timestamp: r.timestamp,
      service_instance_id: `instance-${index}`,
      workflow_id: null,
      execution_id: null,
      cpu_percent: r.cpu,
      memory_mb: r.memory,
      gpu_utilization: null,
      gpu_memory_mb: null,
      disk_io_mb: null,
    }));
}

/** A batch of up to `maxExecutions` executions with a few steps each, ids unique. */
export function batchArbitrary(maxExecutions = 12): fc.Arbitrary<RecordBatch> {
  return fc.integer({ min: 0, max: maxExecutions }).chain((n) =>
    fc.tuple(...Array.from({ length: n }, (_, i) => executionArbitrary(`exec-${i}`))).chain((executions) =>
      fc
        .tuple(
          fc.tuple(
            ...executions.map((e, i) =>
              fc
                .array(fc.nat(), { maxLength: 4 })
                .chain((s) => fc.tuple(...s.map((_, j) => stepArbitrary(`exec-${i}/${j}`, e)))),
            ),
          ),
          fc
            .array(fc.nat(), { maxLength: 4 })
            .chain((r) => fc.tuple(...r.map((_, i) => resourceArbitrary(i)))),
        )
        .map(([steps, resources]) => ({ executions, steps: steps.flat(), recoveries: [], resources })),
    ),
  );
}
