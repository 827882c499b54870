/**
 * WHERE clauses from typed filters, every value a bound parameter. Column
 * names come from the backend's own table definitions, never from a request.
 */
import { listValue, type DuckDBValue } from '@duckdb/node-api';
import type { ExecutionFilter } from '../store';

export class SqlParams {
  readonly values: DuckDBValue[] = [];

  /** Binds a value and returns its placeholder. */
  bind(value: DuckDBValue): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }

  bindList(values: readonly string[]): string {
    return this.bind(listValue([...values]));
  }
}

export interface FilterColumns {
  readonly alias: string;
  readonly time: string;
  readonly hasStatus: boolean;
  readonly hasActionType: boolean;
  /** For executions: the action type filter becomes a step sub-query. */
  readonly actionTypeViaSteps: boolean;
}

export function filterConditions(
  filter: ExecutionFilter,
  columns: FilterColumns,
  params: SqlParams,
): string[] {
  const a = columns.alias;
  const conditions: string[] = [];
  if (filter.from !== undefined)
    conditions.push(`${a}.${columns.time} >= ${params.bind(filter.from)}::BIGINT`);
  if (filter.to !== undefined) conditions.push(`${a}.${columns.time} < ${params.bind(filter.to)}::BIGINT`);
  if (filter.workflowIds && filter.workflowIds.length > 0) {
    conditions.push(`list_contains(${params.bindList(filter.workflowIds)}, ${a}.workflow_id)`);
  }
  if (filter.status !== undefined && columns.hasStatus)
    conditions.push(`${a}.status = ${params.bind(filter.status)}`);
  if (filter.actionType !== undefined) {
    if (columns.actionTypeViaSteps) {
      conditions.push(
        `EXISTS (SELECT 1 FROM steps_all s WHERE s.execution_id = ${a}.execution_id AND s.action_type = ${params.bind(filter.actionType)})`,
      );
    } else if (columns.hasActionType) {
      conditions.push(`${a}.action_type = ${params.bind(filter.actionType)}`);
    }
  }
  return conditions;
}

export function whereClause(conditions: readonly string[]): string {
  return conditions.length === 0 ? '' : `WHERE ${conditions.join(' AND ')}`;
}

export const EXECUTION_FILTER_COLUMNS: FilterColumns = {
  alias: 'e',
  time: 'started_at',
  hasStatus: true,
  hasActionType: false,
  actionTypeViaSteps: true,
};
