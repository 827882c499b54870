/**
 * Idempotent inserts into ClickHouse, which has no transactions: each table's
 * new rows (keys not stored yet, looked up in the batch's time window) are
 * inserted one table at a time. A retry after a partial failure finds the
 * rows already stored and inserts the rest, so an acknowledged batch is
 * stored exactly once; two analyzers racing on the same rows both insert, and
 * ReplacingMergeTree (read with FINAL) keeps one.
 */
import {
  emptyBatch,
  RECORD_TYPES,
  type ExecutionRecord,
  type RecordBatch,
  type RecordType,
} from '../../model/records';
import { TABLES } from '../record-tables';
import { newRows, rowKey, timeWindow } from '../row-identity';
import type { InsertCounts } from '../store';
import type { ClickHouseConnection } from './connection';
import { STARTS_DEFINITION, STARTS_TABLE } from './schema';
import { identifier, inStrings, int64Literal } from './sql-literal';

/** A marker may start a little after the execution span's own start (clock reads): matched within this. */
const START_SKEW_MS = 60_000;

type Row = Readonly<Record<string, unknown>>;

export async function insertBatch(
  connection: ClickHouseConnection,
  batch: RecordBatch,
): Promise<InsertCounts> {
  const finished = batch.executions.filter((e) => e.status !== 'running');
  const markers = batch.executions.filter((e) => e.status === 'running');
  const rows: RecordBatch = { ...batch, executions: finished };
  const fresh = emptyBatch();
  const inserted: Record<RecordType, number> = { executions: 0, steps: 0, recoveries: 0, resources: 0 };
  for (const type of RECORD_TYPES) {
    if (rows[type].length === 0) continue;
    const table = TABLES[type];
    const stored = await storedKeys(connection, type, rows[type]);
    const newOnes = newRows(table.key, rows[type], stored);
    await connection.insert(type, table.columns, newOnes);
    inserted[type] = newOnes.length;
    (fresh[type] as object[]) = newOnes;
  }
  fresh.executions.push(...(await insertMarkers(connection, markers, finished)));
  return { inserted, fresh };
}

async function storedKeys(
  connection: ClickHouseConnection,
  type: RecordType,
  rows: readonly object[],
): Promise<Set<string>> {
  const table = TABLES[type];
  const { min, max } = timeWindow(rows, table.timeColumn);
  const time = identifier(table.timeColumn);
  const conditions = [`${time} BETWEEN ${int64Literal(min)} AND ${int64Literal(max)}`];
  if (table.probeColumn !== undefined) {
    const probe = table.probeColumn;
    conditions.push(
      inStrings(
        identifier(probe),
        (rows as readonly Row[]).map((row) => row[probe] as string),
      ),
    );
  }
  const found = await connection.rows<Row>(
    `SELECT DISTINCT ${table.key.map(identifier).join(', ')} FROM ${identifier(type)} WHERE ${conditions.join(' AND ')}`,
  );
  return new Set(found.map((row) => rowKey(table.key, row)));
}

/**
 * Stores the start markers of executions not ended yet (neither in this batch
 * nor stored) and not marked before; returns those stored now.
 */
async function insertMarkers(
  connection: ClickHouseConnection,
  markers: readonly ExecutionRecord[],
  finished: readonly ExecutionRecord[],
): Promise<ExecutionRecord[]> {
  if (markers.length === 0) return [];
  const times = markers.map((m) => m.started_at);
  const window = `started_at BETWEEN ${int64Literal(Math.min(...times) - START_SKEW_MS)} AND ${int64Literal(Math.max(...times) + START_SKEW_MS)}`;
  const ids = inStrings(
    'execution_id',
    markers.map((m) => m.execution_id),
  );
  const known = await connection.rows<{ execution_id: string }>(
    `SELECT execution_id FROM executions WHERE ${window} AND ${ids}
     UNION ALL SELECT execution_id FROM ${STARTS_TABLE} WHERE ${window} AND ${ids}`,
  );
  const done = new Set([...finished.map((e) => e.execution_id), ...known.map((r) => r.execution_id)]);
  const started: ExecutionRecord[] = [];
  for (const marker of markers) {
    if (done.has(marker.execution_id)) continue;
    done.add(marker.execution_id);
    started.push(marker);
  }
  await connection.insert(
    STARTS_TABLE,
    STARTS_DEFINITION.columns,
    started.map((m) => ({ ...m, steps_total: m.steps_total > 0 ? m.steps_total : null })),
  );
  return started;
}
