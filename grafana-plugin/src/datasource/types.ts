import type { DataQuery, DataSourceJsonData } from '@grafana/schema';

import type { Aggregation } from '../api/types';

export type AnalyzerQueryType = 'executions' | 'aggregate' | 'success_rates' | 'anomalies' | 'bottlenecks';

export interface AnalyzerQuery extends DataQuery {
  queryType?: AnalyzerQueryType;
  /** Template variables allowed; empty for every workflow. */
  workflowId?: string;
  status?: string;
  actionType?: string;
  metric?: string;
  aggregation?: Aggregation;
  /** Comma-separated columns, e.g. `workflow_id` or `action_type`. */
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
