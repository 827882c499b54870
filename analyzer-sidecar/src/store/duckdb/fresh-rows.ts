/**
 * Idempotent inserts: which rows of a batch are not stored yet. A row's
 * identity is its table's key (id and start time), so an exporter retry, or a
 * span repeated within a batch, is stored once.
 */
import { listValue, type DuckDBConnection } from '@duckdb/node-api';
import type { RecordType } from '../../model/records';
import { TABLES } from '../record-tables';
import { newRows, rowKey, timeWindow } from '../row-identity';
import { quoteIdentifier, quoteLiteral } from './tables';
import { storedRowsSql } from './clustering/clustered-tables';

type Row = Readonly<Record<string, unknown>>;

/**
 * The rows of `rows` whose key is neither stored (hot, or in one of the
 * archived files of the batch's days) nor repeated earlier in `rows`.
 */
export async function freshRows(
  connection: DuckDBConnection,
  type: RecordType,
  rows: readonly object[],
  archivedFiles: readonly string[],
): Promise<object[]> {
  const stored = await storedKeys(connection, type, rows as readonly Row[], archivedFiles);
  return newRows(TABLES[type].key, rows, stored);
}

/**
 * Keys already stored among the batch's: looked up in the batch's time window
 * only (zone maps skip older row groups; archived files of other days are not
 * read) and, where the table has one, by the probe column.
 */
async function storedKeys(
  connection: DuckDBConnection,
  type: RecordType,
  rows: readonly Row[],
  archivedFiles: readonly string[],
): Promise<Set<string>> {
  const table = TABLES[type];
  const time = table.timeColumn;
  const { min, max } = timeWindow(rows, time);
  const columns = table.key
    .map((k) => (k === time ? `${quoteIdentifier(k)}::DOUBLE AS ${quoteIdentifier(k)}` : quoteIdentifier(k)))
    .join(', ');
  const values: (number | ReturnType<typeof listValue>)[] = [min, max];
  let probe = '';
  if (table.probeColumn !== undefined) {
    values.push(listValue(rows.map((row) => row[table.probeColumn as string] as string)));
    // A hash semi-join: list_contains compared every row of the window with
    // every key of the batch, quadratic in the batch (a 20,000-row group commit
    // spent seconds here).
    probe = ` SEMI JOIN (SELECT unnest($3) AS batch_key) AS batch_keys ON ${quoteIdentifier(table.probeColumn)} = batch_keys.batch_key`;
  }
  const day = (ms: number): number => Math.floor(ms / DAY_MS);
  const files = archivedFiles.filter((file) => {
    const fileDay = dayOfArchiveFile(file);
    return fileDay === undefined || (fileDay >= day(min) && fileDay <= day(max));
  });
  const archived =
    files.length === 0
      ? ''
      : ` UNION ALL BY NAME SELECT * FROM read_parquet([${files.map(quoteLiteral).join(', ')}])`;
  const source = `(${storedRowsSql(type)}${archived}) AS stored`;
  const result = await connection.runAndReadAll(
    `SELECT ${columns} FROM ${source}${probe} WHERE ${quoteIdentifier(time)} BETWEEN $1::BIGINT AND $2::BIGINT`,
    values,
  );
  return new Set(result.getRowObjects().map((row) => rowKey(table.key, row)));
}

const DAY_MS = 86_400_000;

/** The UTC day (days since the epoch) an archive file holds, from its `day=YYYY-MM-DD` folder. */
function dayOfArchiveFile(file: string): number | undefined {
  const match = /day=(\d{4}-\d{2}-\d{2})/.exec(file);
  return match ? Date.parse(`${match[1]}T00:00:00Z`) / DAY_MS : undefined;
}
