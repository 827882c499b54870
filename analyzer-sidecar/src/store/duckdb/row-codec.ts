/** Moves records into DuckDB appenders and result rows back into records. */
import type { DuckDBAppender } from '@duckdb/node-api';
import type { TableDefinition } from '../record-tables';

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
