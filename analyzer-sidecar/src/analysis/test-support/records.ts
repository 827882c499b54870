/** Record builders for tests: every field present, overrides on top. */
import type { ExecutionRecord, StepRecord } from '../../model/records';

export function makeExecution(overrides: Partial<ExecutionRecord> = {}): ExecutionRecord {
  const started = overrides.started_at ?? 0;
  const duration = overrides.duration_ms === undefined ? 1000 : overrides.duration_ms;
  return {
    execution_id: 'e-1',
    workflow_id: 'wf-1',
    started_at: started,
    completed_at: duration === null ? null : started + duration,
    duration_ms: duration,
    status: 'completed',
    steps_total: 0,
    steps_completed: 0,
    steps_failed: 0,
    error_message: null,
    error_type: null,
    context: {},
    service_name: null,
    host_name: null,
    trace_id: null,
    span_id: null,
    cpu_percent_avg: null,
    cpu_percent_max: null,
    memory_mb_max: null,
    gpu_utilization_max: null,
    gpu_memory_mb_max: null,
    disk_io_mb: null,
    requested_at: null,
    ...overrides,
  };
}

export function makeStep(overrides: Partial<StepRecord> = {}): StepRecord {
  const started = overrides.started_at ?? 0;
  const duration = overrides.duration_ms ?? 100;
  return {
    step_id: 's-1',
    execution_id: 'e-1',
    workflow_id: 'wf-1',
    node_id: 'n-1',
    action_type: 'click',
    target_element: 'button',
    started_at: started,
    completed_at: started + duration,
    duration_ms: duration,
    status: 'completed',
    confidence_score: null,
    retry_count: 0,
    error_details: null,
    error_type: null,
    trace_id: null,
    span_id: null,
    ...overrides,
  };
}
