/**
 * The analyzer's records: what ingestion produces, the store keeps and the
 * analysis reads. Field names are the seed's, in snake_case, as the REST API
 * serves them; times are epoch milliseconds here and RFC 3339 on the wire.
 */
import type { ExecutionStatus, RecoveryOutcome, StepStatus } from '@rpa-analytics/conventions';

/** An execution as stored: `running` until its span arrives with a final status. */
export type StoredExecutionStatus = ExecutionStatus | 'running';

export interface ExecutionRecord {
  execution_id: string;
  workflow_id: string;
  started_at: number;
  completed_at: number | null;
  duration_ms: number | null;
  status: StoredExecutionStatus;
  steps_total: number;
  steps_completed: number;
  steps_failed: number;
  error_message: string | null;
  /** `error.type` of the failure (class or code). */
  error_type: string | null;
  /** User context (`rpa.context.*` without the prefix). */
  context: Record<string, string | number | boolean>;
  /** `service.name` of the executor that ran it. */
  service_name: string | null;
  host_name: string | null;
  /** For links to the trace in Tempo (hex). */
  trace_id: string | null;
  span_id: string | null;
  cpu_percent_avg: number | null;
  cpu_percent_max: number | null;
  memory_mb_max: number | null;
  gpu_utilization_max: number | null;
  gpu_memory_mb_max: number | null;
  disk_io_mb: number | null;
  /** When the run was requested (`rpa.execution.requested_at`), epoch ms; null when the executor did not say. */
  requested_at: number | null;
}

export interface StepRecord {
  step_id: string;
  execution_id: string;
  workflow_id: string;
  node_id: string;
  action_type: string;
  target_element: string;
  started_at: number;
  completed_at: number;
  duration_ms: number;
  status: StepStatus;
  /** Visual-match confidence in [0, 1], where the executor reported one. */
  confidence_score: number | null;
  retry_count: number;
  /** The failure's message (span status message). */
  error_details: string | null;
  error_type: string | null;
  trace_id: string | null;
  span_id: string | null;
}

export interface RecoveryRecord {
  recovery_id: string;
  step_id: string;
  execution_id: string;
  workflow_id: string;
  strategy: string;
  outcome: RecoveryOutcome;
  started_at: number;
  completed_at: number;
}

/** One resource sample of an executor's machine (`/v1/metrics`). */
export interface ResourceRecord {
  timestamp: number;
  service_instance_id: string | null;
  workflow_id: string | null;
  execution_id: string | null;
  cpu_percent: number;
  memory_mb: number;
  gpu_utilization: number | null;
  gpu_memory_mb: number | null;
  disk_io_mb: number | null;
}

/** The record types retention and archive policies are set per. */
export const RECORD_TYPES = ['executions', 'steps', 'recoveries', 'resources'] as const;
export type RecordType = (typeof RECORD_TYPES)[number];

/** Records of every type, as ingestion hands them to the store in one write. */
export interface RecordBatch {
  executions: ExecutionRecord[];
  steps: StepRecord[];
  recoveries: RecoveryRecord[];
  resources: ResourceRecord[];
}

export function emptyBatch(): RecordBatch {
  return { executions: [], steps: [], recoveries: [], resources: [] };
}

export function batchSize(batch: RecordBatch): number {
  return batch.executions.length + batch.steps.length + batch.recoveries.length + batch.resources.length;
}
