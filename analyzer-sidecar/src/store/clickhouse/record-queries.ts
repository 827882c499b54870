/** Record listings: executions (final and running), steps of executions, records in a range. */
import {
  RECORD_TYPES,
  emptyBatch,
  type ExecutionRecord,
  type RecordBatch,
  type StepRecord,
} from '../../model/records';
import { decodeRow, TABLES } from '../record-tables';
import type { ExecutionCursor, ExecutionFilter, ExecutionPage, RangeQuery } from '../store';
import type { ClickHouseConnection } from './connection';
import { executionSource, whereClause } from './filter-sql';
import { executionRowsSql, selectColumns } from './schema';
import { identifier, inStrings, int64Literal, limitLiteral, stringLiteral } from './sql-literal';

export async function listExecutions(
  connection: ClickHouseConnection,
  filter: ExecutionFilter,
  limit: number,
  cursor?: ExecutionCursor,
): Promise<ExecutionPage> {
  const [count] = await connection.rows<{ n: number }>(
    `SELECT toFloat64(count()) AS n FROM ${executionSource(filter)}`,
  );
  const after: string[] = [];
  if (cursor) {
    const at = int64Literal(cursor.startedAt);
    after.push(
      `(started_at < ${at} OR (started_at = ${at} AND execution_id < ${stringLiteral(cursor.executionId)}))`,
    );
  }
  const rows = await connection.rows<Record<string, unknown>>(
    `SELECT ${selectColumns('executions')} FROM ${executionSource(filter, after)} ` +
      `ORDER BY started_at DESC, execution_id DESC LIMIT ${limitLiteral(limit + 1)}`,
  );
  const items = rows.map((row) => decodeRow<ExecutionRecord>(TABLES.executions, row));
  const hasMore = items.length > limit;
  if (hasMore) items.length = limit;
  const last = items[items.length - 1];
  return {
    items,
    total: count?.n ?? 0,
    nextCursor: hasMore && last ? { startedAt: last.started_at, executionId: last.execution_id } : null,
  };
}

export async function stepsOf(
  connection: ClickHouseConnection,
  executionIds: readonly string[],
  actionType?: string,
): Promise<StepRecord[]> {
  if (executionIds.length === 0) return [];
  const conditions = [inStrings('execution_id', executionIds)];
  if (actionType !== undefined) conditions.push(`action_type = ${stringLiteral(actionType)}`);
  const rows = await connection.rows<Record<string, unknown>>(
    `SELECT ${selectColumns('steps')} FROM steps FINAL ${whereClause(conditions)} ORDER BY started_at, step_id`,
  );
  return rows.map((row) => decodeRow<StepRecord>(TABLES.steps, row));
}

export async function queryRange(connection: ClickHouseConnection, query: RangeQuery): Promise<RecordBatch> {
  const batch = emptyBatch();
  for (const type of query.types ?? RECORD_TYPES) {
    const table = TABLES[type];
    const time = identifier(table.timeColumn);
    const conditions = [`${time} >= ${int64Literal(query.start)}`, `${time} < ${int64Literal(query.end)}`];
    if (query.workflowId !== undefined) conditions.push(`workflow_id = ${stringLiteral(query.workflowId)}`);
    const order = [table.timeColumn, ...table.key.filter((k) => k !== table.timeColumn)].map(identifier);
    const source =
      type === 'executions'
        ? executionRowsSql({ conditions, includeRunning: true })
        : `${identifier(type)} FINAL ${whereClause(conditions)}`;
    const rows = await connection.rows<Record<string, unknown>>(
      `SELECT ${selectColumns(type)} FROM ${source} ORDER BY ${order.join(', ')}`,
    );
    (batch[type] as unknown[]) = rows.map((row) => decodeRow(table, row));
  }
  return batch;
}
