/**
 * The store as the rest of the analyzer sees it: analysis-level questions, no
 * SQL. Each backend (DuckDB now, ClickHouse later) owns its tables and queries.
 */
import type { DurationSummary, NodeSummary, SuccessRate } from '../model/analysis';
import type { ExecutionRecord, RecordBatch, RecordType, StepRecord } from '../model/records';
import type { AggregateQuery, AggregateRow } from './aggregate-catalog';

export interface ExecutionFilter {
  /** Inclusive lower bound on `started_at`, epoch ms. */
  readonly from?: number;
  /** Exclusive upper bound on `started_at`, epoch ms. */
  readonly to?: number;
  readonly workflowIds?: readonly string[];
  readonly status?: string;
  /** Executions with at least one step of this action type. */
  readonly actionType?: string;
}

/** Position after the last item of a page (executions are listed newest first). */
export interface ExecutionCursor {
  readonly startedAt: number;
  readonly executionId: string;
}

export interface ExecutionPage {
  readonly items: ExecutionRecord[];
  readonly total: number;
  readonly nextCursor: ExecutionCursor | null;
}

export interface RangeQuery {
  readonly start: number;
  readonly end: number;
  readonly workflowId?: string;
  readonly types?: readonly RecordType[];
}

/** Exact duration summary of one workflow's executions (the analysis layer's DurationSummary). */
export type WorkflowDurationSummary = DurationSummary & { readonly workflow_id: string };

export interface InsertCounts {
  /** Rows new to the store (duplicates of stored rows are not counted). */
  readonly inserted: Readonly<Record<RecordType, number>>;
  /**
   * The rows new to the store, where the backend reports them (what live
   * analysis judges): final records, plus `running` executions whose start
   * marker was stored now.
   */
  readonly fresh?: RecordBatch;
}

export interface Store {
  /** Inserts a batch in one transaction; rows already stored (same id and start) are skipped. */
  insert(batch: RecordBatch): Promise<InsertCounts>;
  listExecutions(filter: ExecutionFilter, limit: number, cursor?: ExecutionCursor): Promise<ExecutionPage>;
  /** Steps of these executions, oldest first; only `actionType` ones when given. */
  stepsOf(executionIds: readonly string[], actionType?: string): Promise<StepRecord[]>;
  /** Every record of the given types in [start, end), hot and archived alike. */
  queryRange(query: RangeQuery): Promise<RecordBatch>;
  aggregate(query: AggregateQuery): Promise<AggregateRow[]>;
  /**
   * Duration summary per workflow (type 7 quantiles, sample std dev) of the
   * executions with status `completed`, or the filter's status; by workflow id.
   */
  durationSummaries(filter: ExecutionFilter): Promise<WorkflowDurationSummary[]>;
  /**
   * Completed and failed counts per workflow with executions in the filter,
   * success rate = completed / (completed + failed) × 100; by workflow id.
   */
  successRates(filter: ExecutionFilter): Promise<SuccessRate[]>;
  /**
   * Per (workflow, node) step aggregates of the steps whose status is in
   * `statuses` (default completed), as the analysis layer's summarizeSteps.
   */
  nodeSummaries(filter: ExecutionFilter, statuses?: readonly string[]): Promise<NodeSummary[]>;
  /** Rows in the hot store per record type. */
  rowCounts(): Promise<Record<RecordType, number>>;
  close(): Promise<void>;
}

/** Work asked of a store after close() began: the analyzer is shutting down. */
export class StoreClosedError extends Error {
  constructor() {
    super('store is closed');
    this.name = 'StoreClosedError';
  }
}
