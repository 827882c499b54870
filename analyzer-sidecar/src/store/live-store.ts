/**
 * What live analysis keeps: the detector's state per series, anomalies and
 * incidents with their lifecycle, and the executions still running with
 * their progress. Each backend owns its tables; DuckDB's are in
 * `duckdb/live-tables.ts`.
 */
import type { SeriesState } from '../analysis/anomaly/series-state';
import type { Anomaly, AnomalyStatus, Incident } from '../model/analysis';

/** Keyset position: the last item of a page (lists are newest first). */
export interface TimeCursor {
  readonly startedAt: number;
  readonly id: string;
}

export interface LiveListQuery {
  /** Items whose data span ends at or after `from` and starts before `to`. */
  readonly from?: number;
  readonly to?: number;
  readonly workflowIds?: readonly string[];
  readonly status?: AnomalyStatus;
  readonly minSeverity?: number;
  readonly limit: number;
  readonly cursor?: TimeCursor;
}

export interface LivePage<T> {
  readonly items: T[];
  readonly total: number;
  readonly nextCursor: TimeCursor | null;
}

/** What one detection pass changed, written in one transaction. */
export interface DetectionWrite {
  readonly states: readonly SeriesState[];
  readonly anomalies: readonly Anomaly[];
  readonly incidents: readonly Incident[];
}

/** A running execution with its progress, as the store can tell it. */
export interface RunningExecution {
  execution_id: string;
  workflow_id: string;
  started_at: number;
  steps_total: number | null;
  steps_completed: number;
  steps_failed: number;
  current_step: { node_id: string; action_type: string } | null;
  /** Latest step end (or the start): when the execution last showed life. */
  last_activity_at: number;
  service_name: string | null;
  host_name: string | null;
  trace_id: string | null;
}

export interface LiveStore {
  loadSeriesStates(): Promise<SeriesState[]>;
  saveDetection(write: DetectionWrite): Promise<void>;
  listAnomalies(query: LiveListQuery): Promise<LivePage<Anomaly>>;
  /** Anomalies whose data span overlaps [from, to), oldest first (correlation input). */
  anomaliesOverlapping(from: number, to: number): Promise<Anomaly[]>;
  listIncidents(query: LiveListQuery): Promise<LivePage<Incident>>;
  /** Incidents whose data span overlaps [from, to). */
  incidentsOverlapping(from: number, to: number): Promise<Incident[]>;
  /** Executions started (marker stored) and not yet ended, oldest first. */
  runningExecutions(workflowIds?: readonly string[]): Promise<RunningExecution[]>;
}

/** A series' key in the detector's state table (both backends). */
export function stateKey(state: Pick<SeriesState, 'workflow_id' | 'metric_name'>): string {
  return `${state.workflow_id}\u0000${state.metric_name}`;
}

/** Keeps the last of each key: one write must not store a key twice. */
export function lastByKey<T>(items: readonly T[], key: (item: T) => string): T[] {
  return [...new Map(items.map((item) => [key(item), item])).values()];
}
