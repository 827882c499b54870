/** ExecutionMetrics and StepMetrics as the API serves them (the seed's fields, snake_case). */
import { component, nullableNumber, nullableString, rfc3339 } from './common';

export const stepSchema = component('StepMetrics', {
  type: 'object',
  properties: {
    step_id: { type: 'string' },
    execution_id: { type: 'string' },
    workflow_id: { type: 'string' },
    node_id: { type: 'string' },
    action_type: { type: 'string' },
    target_element: { type: 'string' },
    started_at: rfc3339,
    completed_at: rfc3339,
    duration_ms: { type: 'number' },
    status: { type: 'string', enum: ['completed', 'failed', 'skipped'] },
    confidence_score: nullableNumber,
    retry_count: { type: 'integer' },
    error_details: nullableString,
    error_type: nullableString,
    trace_id: nullableString,
    span_id: nullableString,
  },
} as const);

export const executionSchema = component('ExecutionMetrics', {
  type: 'object',
  properties: {
    execution_id: { type: 'string' },
    workflow_id: { type: 'string' },
    started_at: rfc3339,
    completed_at: { ...rfc3339, type: ['string', 'null'] },
    duration_ms: nullableNumber,
    status: { type: 'string', enum: ['running', 'completed', 'failed', 'cancelled'] },
    steps_total: { type: 'integer' },
    steps_completed: { type: 'integer' },
    steps_failed: { type: 'integer' },
    error_message: nullableString,
    error_type: nullableString,
    context: { type: 'object', additionalProperties: true },
    service_name: nullableString,
    host_name: nullableString,
    trace_id: nullableString,
    span_id: nullableString,
    cpu_percent_avg: nullableNumber,
    cpu_percent_max: nullableNumber,
    memory_mb_max: nullableNumber,
    gpu_utilization_max: nullableNumber,
    gpu_memory_mb_max: nullableNumber,
    disk_io_mb: nullableNumber,
    requested_at: {
      ...rfc3339,
      type: ['string', 'null'],
      description: 'When the run was requested (rpa.execution.requested_at); null when not reported',
    },
    queue_ms: {
      ...nullableNumber,
      description: 'started_at − requested_at (clamped at 0); null without requested_at',
    },
    steps: { type: 'array', items: stepSchema, description: 'With include=steps' },
  },
} as const);
