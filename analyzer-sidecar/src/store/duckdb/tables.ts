/**
 * The DuckDB backend's DDL and SELECT lists, generated from the shared record
 * tables (../record-tables). Times are BIGINT epoch milliseconds.
 */
import type { RecordType } from '../../model/records';
import type { ColumnKind, TableDefinition } from '../record-tables';

const SQL_TYPE: Readonly<Record<ColumnKind, string>> = {
  varchar: 'VARCHAR',
  bigint: 'BIGINT',
  double: 'DOUBLE',
  integer: 'INTEGER',
  json: 'VARCHAR',
};

export function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

export function createTableSql(table: TableDefinition, name: string = table.name, temporary = false): string {
  const columns = table.columns
    .map(
      (column) =>
        `${quoteIdentifier(column.name)} ${SQL_TYPE[column.kind]}${column.nullable ? '' : ' NOT NULL'}`,
    )
    .join(', ');
  return `CREATE ${temporary ? 'TEMP ' : ''}TABLE IF NOT EXISTS ${quoteIdentifier(name)} (${columns})`;
}

/** SELECT list that reads every column back as a JS primitive (BIGINT as DOUBLE: epoch ms are exact). */
export function selectList(table: TableDefinition, alias = ''): string {
  const prefix = alias ? `${alias}.` : '';
  return table.columns
    .map((column) =>
      column.kind === 'bigint'
        ? `${prefix}${quoteIdentifier(column.name)}::DOUBLE AS ${quoteIdentifier(column.name)}`
        : `${prefix}${quoteIdentifier(column.name)}`,
    )
    .join(', ');
}

/** Name of the view that spans the hot table and its archived Parquet files. */
export function allRowsView(table: RecordType): string {
  return `${table}_all`;
}

/** A SQL string literal (only for paths the archive itself generated). */
export function quoteLiteral(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}
