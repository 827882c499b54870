/**
 * The store as the rest of the analyzer sees it: analysis-level questions, no
 * SQL. Each backend (DuckDB now, ClickHouse later) owns its tables and queries.
 */
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

export interface DurationStats {
  readonly workflow_id: string;
  readonly count: number;
  readonly avg_ms: number;
  readonly median_ms: number;
  readonly p95_ms: number;
  readonly p99_ms: number;
  readonly min_ms: number;
  readonly max_ms: number;
  /** Sample standard deviation (n − 1); 0 for a single value. */
  readonly std_dev_ms: number;
}

export interface SuccessRate {
  readonly workflow_id: string;
  readonly total: number;
  readonly completed: number;
  readonly failed: number;
  /** completed / (completed + failed) × 100; null when neither. */
  readonly success_rate: number | null;
}

export interface InsertCounts {
  /** Rows new to the store (duplicates of stored rows are not counted). */
  readonly inserted: Readonly<Record<RecordType, number>>;
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
  /** Duration statistics of finished executions per workflow (status `completed` unless filtered). */
  durationStats(filter: ExecutionFilter): Promise<DurationStats[]>;
  successRates(filter: ExecutionFilter): Promise<SuccessRate[]>;
  /** Rows in the hot store per record type. */
  rowCounts(): Promise<Record<RecordType, number>>;
  close(): Promise<void>;
}
