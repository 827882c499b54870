/** Moves records into DuckDB appenders and result rows back into records. */
import type { DuckDBAppender, DuckDBValue } from '@duckdb/node-api';
import type { TableDefinition } from './tables';

type Row = Readonly<Record<string, unknown>>;

export function appendRows(appender: DuckDBAppender, table: TableDefinition, rows: readonly object[]): void {
  const columns = table.columns;
  for (const row of rows as readonly Row[]) {
    for (const column of columns) {
      const value = row[column.name];
      if (value === null || value === undefined) {
        appender.appendNull();
        continue;
      }
      switch (column.kind) {
        case 'varchar':
          appender.appendVarchar(value as string);
          break;
        case 'bigint':
          appender.appendBigInt(BigInt(value as number));
          break;
        case 'double':
          appender.appendDouble(value as number);
          break;
        case 'integer':
          appender.appendInteger(value as number);
          break;
        case 'json':
          appender.appendVarchar(JSON.stringify(value));
          break;
      }
    }
    appender.endRow();
  }
}

/** A result row (selected with `selectList`) as a record. */
export function decodeRow<T>(table: TableDefinition, row: Record<string, DuckDBValue>): T {
  const record: Record<string, unknown> = {};
  for (const column of table.columns) {
    const value = row[column.name];
    if (column.kind === 'json') record[column.name] = typeof value === 'string' ? parseJsonObject(value) : {};
    else if (typeof value === 'bigint') record[column.name] = Number(value);
    else record[column.name] = value ?? null;
  }
  return record as T;
}

function parseJsonObject(text: string): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
