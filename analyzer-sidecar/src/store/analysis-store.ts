/**
 * Analysis-level questions the services ask the store, beside those of
 * `Store` (duration summaries, success rates, node summaries): failures, duration spreads,
 * resource usage, the lean inputs of the anomaly detector and the executions
 * still running. Each backend answers them with its own queries, pushing the
 * aggregation down where it can; the pure analysis functions are the reference.
 */
import type { ResourceUsage } from '../analysis/resource-usage';
import type { ExecutionRecord, StoredExecutionStatus } from '../model/records';
import type { ExecutionFilter } from './store';

/** One failed execution, described by its own error or its first failed step's. */
export interface FailureRow {
  workflow_id: string;
  execution_id: string;
  step_id: string | null;
  error_type: string | null;
  message: string | null;
  confidence_score: number | null;
}

/** Robust spread of log durations of completed executions (see analysis/reliability-ranking). */
export interface DurationSpread {
  workflow_id: string;
  duration_spread: number | null;
}

/** One node's completed steps as columns, in no particular order. */
export interface StepColumns {
  workflow_id: string;
  node_id: string;
  completed_at: number[];
  duration_ms: number[];
  execution_id: string[];
}

/**
 * What the anomaly detector reads: finished executions, with only the fields
 * its series use filled in (the others are null or empty), and completed steps
 * as columns per node (far fewer values to cross into JavaScript than rows).
 */
export interface SeriesRecords {
  executions: ExecutionRecord[];
  steps: StepColumns[];
}

/** The fields of an execution the detector's series read; every backend reads only these. */
export interface LeanExecutionFields {
  workflow_id: string;
  execution_id: string;
  started_at: number;
  completed_at: number | null;
  duration_ms: number | null;
  status: StoredExecutionStatus;
  cpu_percent_avg: number | null;
  memory_mb_max: number | null;
}

/** A lean execution as an ExecutionRecord (the fields not read are null or empty). */
export function leanExecution(fields: LeanExecutionFields): ExecutionRecord {
  return {
    ...fields,
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
    cpu_percent_max: null,
    gpu_utilization_max: null,
    gpu_memory_mb_max: null,
    disk_io_mb: null,
    requested_at: null,
  };
}

/** Finished-execution counts of one workflow in one window (`window_index` from the range's start). */
export interface WindowedOutcomes {
  workflow_id: string;
  window_index: number;
  completed: number;
  failed: number;
}

export interface RunningExecutionAge {
  workflow_id: string;
  /** Start of the oldest execution of the workflow still running (steps arrived, execution span not yet). */
  oldest_started_at: number;
}

export interface AnalysisStore {
  /** Failed executions that started in the filter's range, oldest first. */
  failures(filter: ExecutionFilter): Promise<FailureRow[]>;
  durationSpreads(filter: ExecutionFilter): Promise<DurationSpread[]>;
  resourceUsage(filter: ExecutionFilter): Promise<ResourceUsage[]>;
  seriesRecords(filter: ExecutionFilter): Promise<SeriesRecords>;
  /** Running executions whose first step started at or after `since`, per workflow. */
  runningExecutions(since: number): Promise<RunningExecutionAge[]>;
  /** Completed and failed counts per workflow and window of `windowMs` from `filter.from`. */
  windowedOutcomes(filter: ExecutionFilter & { from: number }, windowMs: number): Promise<WindowedOutcomes[]>;
  /** Workflows with executions that started in the filter's range, by id. */
  workflowIds(filter: ExecutionFilter): Promise<string[]>;
}
