/**
 * The questions behind self-healing analytics, confidence drift, healing debt,
 * time saved, missing runs and queue time: plain rows per concept, which the
 * pure functions in analysis/{healing,drift,roi,cadence} turn into answers.
 * Each backend answers with its own SQL (DuckDB: duckdb/healing-sql.ts).
 */
import type { ConfidencePoint } from '../analysis/drift/confidence-drift';
import type { HealingRow, TargetStepCount } from '../analysis/healing/healing-stats';
import type { WorkflowRunTotals } from '../analysis/roi/time-saved';
import type { ExecutionFilter } from './store';

export interface WorkflowStarts {
  readonly workflow_id: string;
  /** Start times, oldest first. */
  readonly started_at: readonly number[];
}

/** Queue (request → start) and run (start → end) time of one workflow's finished executions. */
export interface QueueTimeSummary {
  readonly workflow_id: string;
  readonly executions: number;
  /** Executions that reported `requested_at`. */
  readonly with_request_time: number;
  readonly queue_ms_median: number | null;
  readonly queue_ms_p95: number | null;
  readonly queue_ms_max: number | null;
  readonly run_ms_median: number | null;
  readonly run_ms_p95: number | null;
}

export interface HealingStore {
  /** Recoveries of executions that started in the filter's range, with their step and any later failure. */
  healingRows(filter: ExecutionFilter): Promise<HealingRow[]>;
  /** Steps run per (workflow, target) in the range: the recovery-rate denominator. */
  targetStepCounts(filter: ExecutionFilter): Promise<TargetStepCount[]>;
  /**
   * Per (target, execution) mean confidence in the range, oldest first; a
   * target with more than `maxPerTarget` executions comes as that many
   * equal-count bins (`executions` says how many each stands for).
   */
  confidencePoints(filter: ExecutionFilter, maxPerTarget: number): Promise<ConfidencePoint[]>;
  /** Completed and failed executions and healing time per workflow. */
  runTotals(filter: ExecutionFilter): Promise<WorkflowRunTotals[]>;
  /** Execution start times per workflow (running ones included: a start is a start). */
  executionStarts(filter: ExecutionFilter): Promise<WorkflowStarts[]>;
  queueTimes(filter: ExecutionFilter): Promise<QueueTimeSummary[]>;
}
