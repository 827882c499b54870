/**
 * WHERE conditions from typed filters, every value a literal rendered by
 * sql-literal (ClickHouse 18.16 has no query parameters).
 */
import type { ExecutionFilter } from '../store';
import { executionRowsSql } from './schema';
import { identifier, inStrings, int64Literal, stringLiteral } from './sql-literal';

export interface FilterColumns {
  readonly time: string;
  readonly hasWorkflow: boolean;
  readonly hasStatus: boolean;
  readonly hasActionType: boolean;
  /** For executions: the action type filter becomes a step sub-query. */
  readonly actionTypeViaSteps: boolean;
}

export const EXECUTION_COLUMNS: FilterColumns = {
  time: 'started_at',
  hasWorkflow: true,
  hasStatus: true,
  hasActionType: false,
  actionTypeViaSteps: true,
};

export const STEP_COLUMNS: FilterColumns = {
  time: 'started_at',
  hasWorkflow: true,
  hasStatus: false,
  hasActionType: true,
  actionTypeViaSteps: false,
};

export function filterConditions(filter: ExecutionFilter, columns: FilterColumns): string[] {
  const time = identifier(columns.time);
  const conditions: string[] = [];
  if (filter.from !== undefined) conditions.push(`${time} >= ${int64Literal(filter.from)}`);
  if (filter.to !== undefined) conditions.push(`${time} < ${int64Literal(filter.to)}`);
  if (columns.hasWorkflow && filter.workflowIds && filter.workflowIds.length > 0) {
    conditions.push(inStrings('workflow_id', filter.workflowIds));
  }
  if (filter.status !== undefined && columns.hasStatus)
    conditions.push(`status = ${stringLiteral(filter.status)}`);
  if (filter.actionType !== undefined) {
    const action = stringLiteral(filter.actionType);
    if (columns.actionTypeViaSteps) {
      conditions.push(
        `execution_id GLOBAL IN (SELECT execution_id FROM steps FINAL WHERE action_type = ${action})`,
      );
    } else if (columns.hasActionType) {
      conditions.push(`action_type = ${action}`);
    }
  }
  return conditions;
}

export function whereClause(conditions: readonly string[]): string {
  return conditions.length === 0 ? '' : `WHERE ${conditions.join(' AND ')}`;
}

/** Executions (final and running) matching the filter and the extra conditions, as a row source. */
export function executionSource(filter: ExecutionFilter, extra: readonly string[] = []): string {
  return executionRowsSql({
    conditions: [...filterConditions(filter, EXECUTION_COLUMNS), ...extra],
    includeRunning: filter.status === undefined || filter.status === 'running',
    workflowIds: filter.workflowIds,
  });
}
