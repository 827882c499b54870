/**
 * What may be aggregated and grouped by: allow-lists shared by every backend.
 * Requests name catalog entries; backends map them to their own columns, so
 * nothing from a request is ever spliced into SQL.
 */
import type { RecordType } from '../model/records';
import type { ExecutionFilter } from './store';

export const AGGREGATIONS = ['avg', 'sum', 'count', 'min', 'max', 'p50', 'p95', 'p99'] as const;
export type Aggregation = (typeof AGGREGATIONS)[number];

export interface MetricDefinition {
  readonly table: Exclude<RecordType, 'recoveries'>;
  readonly column: string;
}

export const AGGREGATE_METRICS = {
  execution_duration_ms: { table: 'executions', column: 'duration_ms' },
  execution_steps_total: { table: 'executions', column: 'steps_total' },
  execution_steps_failed: { table: 'executions', column: 'steps_failed' },
  execution_cpu_percent_avg: { table: 'executions', column: 'cpu_percent_avg' },
  execution_memory_mb_max: { table: 'executions', column: 'memory_mb_max' },
  step_duration_ms: { table: 'steps', column: 'duration_ms' },
  step_confidence_score: { table: 'steps', column: 'confidence_score' },
  step_retry_count: { table: 'steps', column: 'retry_count' },
  resource_cpu_percent: { table: 'resources', column: 'cpu_percent' },
  resource_memory_mb: { table: 'resources', column: 'memory_mb' },
  resource_gpu_utilization: { table: 'resources', column: 'gpu_utilization' },
} as const satisfies Record<string, MetricDefinition>;
export type AggregateMetric = keyof typeof AGGREGATE_METRICS;

/** Group-by columns per table; `hour` and `day` bucket the record's time (UTC). */
export const GROUP_BY_COLUMNS: Readonly<Record<MetricDefinition['table'], readonly string[]>> = {
  executions: ['workflow_id', 'status', 'service_name', 'host_name', 'error_type', 'hour', 'day'],
  steps: ['workflow_id', 'action_type', 'node_id', 'status', 'error_type', 'hour', 'day'],
  resources: ['service_instance_id', 'hour', 'day'],
};

export const ALL_GROUP_BY_COLUMNS = [...new Set(Object.values(GROUP_BY_COLUMNS).flat())];

export interface AggregateQuery {
  readonly metric: AggregateMetric;
  readonly aggregation: Aggregation;
  readonly groupBy: readonly string[];
  readonly start: number;
  readonly end: number;
  readonly filters?: ExecutionFilter;
}

export interface AggregateRow {
  /** Group-by column → value (hour/day as RFC 3339 start of the bucket). */
  readonly group: Record<string, string | null>;
  readonly value: number | null;
  readonly count: number;
}

/** A query the catalog does not allow: the field it names is reported as a 400. */
export class InvalidQueryError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = 'InvalidQueryError';
  }
}

/** Checks an aggregate query against the allow-lists; throws InvalidQueryError naming the field. */
export function validateAggregateQuery(query: {
  metric: string;
  aggregation: string;
  groupBy: readonly string[];
}): asserts query is { metric: AggregateMetric; aggregation: Aggregation; groupBy: readonly string[] } {
  if (!Object.prototype.hasOwnProperty.call(AGGREGATE_METRICS, query.metric)) {
    throw new InvalidQueryError(
      'metric',
      `metric must be one of ${Object.keys(AGGREGATE_METRICS).join(', ')}`,
    );
  }
  if (!(AGGREGATIONS as readonly string[]).includes(query.aggregation)) {
    throw new InvalidQueryError('aggregation', `aggregation must be one of ${AGGREGATIONS.join(', ')}`);
  }
  const allowed = GROUP_BY_COLUMNS[AGGREGATE_METRICS[query.metric as AggregateMetric].table];
  for (const column of query.groupBy) {
    if (!allowed.includes(column)) {
      throw new InvalidQueryError(
        'group_by',
        `group_by "${column}" is not one of ${allowed.join(', ')} for ${query.metric}`,
      );
    }
  }
  if (new Set(query.groupBy).size !== query.groupBy.length)
    throw new InvalidQueryError('group_by', 'group_by repeats a column');
}
