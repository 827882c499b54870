import type { DataQuery, DataSourceJsonData } from '@grafana/schema';

import type { AggregateMetric, Aggregation } from '../api/types';

export type AnalyzerQueryType = 'executions' | 'aggregate' | 'success_rates' | 'anomalies' | 'bottlenecks';

export interface AnalyzerQuery extends DataQuery {
  queryType?: AnalyzerQueryType;
  /** Template variables allowed; empty for every workflow. */
  workflowId?: string;
  status?: string;
  actionType?: string;
  metric?: AggregateMetric;
  aggregation?: Aggregation;
  /** Comma-separated columns, e.g. `workflow_id,hour` (`hour`/`day` bucket time). */
  groupBy?: string;
}

export const DEFAULT_QUERY: Partial<AnalyzerQuery> = { queryType: 'executions' };

export interface AnalyzerDataSourceOptions extends DataSourceJsonData {
  analyzerUrl?: string;
}

export interface AnalyzerSecureOptions {
  analyzerToken?: string;
}

/** Template-variable queries: the text `workflows` or `action_types`. */
export type VariableQueryKind = 'workflows' | 'action_types';

/** The sidecar's aggregate catalog, for the query editor. */
export const AGGREGATE_METRICS: AggregateMetric[] = [
  'execution_duration_ms',
  'execution_steps_total',
  'execution_steps_failed',
  'execution_cpu_percent_avg',
  'execution_memory_mb_max',
  'step_duration_ms',
  'step_confidence_score',
  'step_retry_count',
  'resource_cpu_percent',
  'resource_memory_mb',
  'resource_gpu_utilization',
];
