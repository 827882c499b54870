/** Record listings over the `<table>_all` views (hot rows and archived ones). */
import type { DuckDBConnection } from '@duckdb/node-api';
import {
  RECORD_TYPES,
  emptyBatch,
  type ExecutionRecord,
  type RecordBatch,
  type StepRecord,
} from '../../model/records';
import type { ExecutionCursor, ExecutionFilter, ExecutionPage, RangeQuery } from '../store';
import { EXECUTION_FILTER_COLUMNS, filterConditions, SqlParams, whereClause } from './filter-sql';
import { decodeRow, TABLES } from '../record-tables';

import { allRowsView, quoteIdentifier, selectList } from './tables';

export async function listExecutions(
  connection: DuckDBConnection,
  filter: ExecutionFilter,
  limit: number,
  cursor?: ExecutionCursor,
): Promise<ExecutionPage> {
  const countParams = new SqlParams();
  const countWhere = whereClause(filterConditions(filter, EXECUTION_FILTER_COLUMNS, countParams));
  const countResult = await connection.runAndReadAll(
    `SELECT count(*)::DOUBLE AS n FROM executions_all e ${countWhere}`,
    countParams.values,
  );
  const total = (countResult.getRowObjects()[0]?.n as number | undefined) ?? 0;

  const params = new SqlParams();
  const conditions = filterConditions(filter, EXECUTION_FILTER_COLUMNS, params);
  if (cursor) {
    const at = params.bind(cursor.startedAt);
    const id = params.bind(cursor.executionId);
    conditions.push(
      `(e.started_at < ${at}::BIGINT OR (e.started_at = ${at}::BIGINT AND e.execution_id < ${id}))`,
    );
  }
  const table = TABLES.executions;
  const result = await connection.runAndReadAll(
    `SELECT ${selectList(table, 'e')} FROM executions_all e ${whereClause(conditions)} ` +
      `ORDER BY e.started_at DESC, e.execution_id DESC LIMIT ${params.bind(limit + 1)}`,
    params.values,
  );
  const items = result.getRowObjects().map((row) => decodeRow<ExecutionRecord>(table, row));
  const hasMore = items.length > limit;
  if (hasMore) items.length = limit;
  const last = items[items.length - 1];
  return {
    items,
    total,
    nextCursor: hasMore && last ? { startedAt: last.started_at, executionId: last.execution_id } : null,
  };
}

export async function stepsOf(
  connection: DuckDBConnection,
  executionIds: readonly string[],
  actionType?: string,
): Promise<StepRecord[]> {
  if (executionIds.length === 0) return [];
  const params = new SqlParams();
  const conditions = [`list_contains(${params.bindList(executionIds)}, s.execution_id)`];
  if (actionType !== undefined) conditions.push(`s.action_type = ${params.bind(actionType)}`);
  const table = TABLES.steps;
  const result = await connection.runAndReadAll(
    `SELECT ${selectList(table, 's')} FROM steps_all s ${whereClause(conditions)} ORDER BY s.started_at, s.step_id`,
    params.values,
  );
  return result.getRowObjects().map((row) => decodeRow<StepRecord>(table, row));
}

export async function queryRange(connection: DuckDBConnection, query: RangeQuery): Promise<RecordBatch> {
  const batch = emptyBatch();
  for (const type of query.types ?? RECORD_TYPES) {
    const table = TABLES[type];
    const params = new SqlParams();
    const time = quoteIdentifier(table.timeColumn);
    const conditions = [
      `r.${time} >= ${params.bind(query.start)}::BIGINT`,
      `r.${time} < ${params.bind(query.end)}::BIGINT`,
    ];
    if (query.workflowId !== undefined) conditions.push(`r.workflow_id = ${params.bind(query.workflowId)}`);
    const order = [table.timeColumn, ...table.key.filter((k) => k !== table.timeColumn)].map(
      (k) => `r.${quoteIdentifier(k)}`,
    );
    const result = await connection.runAndReadAll(
      `SELECT ${selectList(table, 'r')} FROM ${quoteIdentifier(allRowsView(type))} r ${whereClause(conditions)} ORDER BY ${order.join(', ')}`,
      params.values,
    );
    (batch[type] as unknown[]) = result.getRowObjects().map((row) => decodeRow(table, row));
  }
  return batch;
}
