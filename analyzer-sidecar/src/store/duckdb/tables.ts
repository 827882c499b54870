/**
 * The DuckDB backend's table definitions: one column list per record type,
 * from which the DDL, the appenders and the SELECT lists are all generated.
 * Times are BIGINT epoch milliseconds, the records' own unit.
 */
import type { RecordType } from '../../model/records';

export type ColumnKind = 'varchar' | 'bigint' | 'double' | 'integer' | 'json';

export interface Column {
  readonly name: string;
  readonly kind: ColumnKind;
  readonly nullable: boolean;
}

export interface TableDefinition {
  readonly name: RecordType;
  readonly columns: readonly Column[];
  /** Identity of a row: the same span re-sent has the same values. */
  readonly key: readonly string[];
  /** The key column an insert looks up stored duplicates by (besides the time window); none: the window alone. */
  readonly probeColumn: string | undefined;
  /** The time column retention, archive partitions and range queries use. */
  readonly timeColumn: string;
  /** Physical order of archived rows: similar rows together compress best. */
  readonly archiveOrder: readonly string[];
}

const c = (name: string, kind: ColumnKind, nullable = false): Column => ({ name, kind, nullable });

export const TABLES: Readonly<Record<RecordType, TableDefinition>> = {
  executions: {
    name: 'executions',
    columns: [
      c('execution_id', 'varchar'),
      c('workflow_id', 'varchar'),
      c('started_at', 'bigint'),
      c('completed_at', 'bigint', true),
      c('duration_ms', 'double', true),
      c('status', 'varchar'),
      c('steps_total', 'integer'),
      c('steps_completed', 'integer'),
      c('steps_failed', 'integer'),
      c('error_message', 'varchar', true),
      c('error_type', 'varchar', true),
      c('context', 'json'),
      c('service_name', 'varchar', true),
      c('host_name', 'varchar', true),
      c('trace_id', 'varchar', true),
      c('span_id', 'varchar', true),
      c('cpu_percent_avg', 'double', true),
      c('cpu_percent_max', 'double', true),
      c('memory_mb_max', 'double', true),
      c('gpu_utilization_max', 'double', true),
      c('gpu_memory_mb_max', 'double', true),
      c('disk_io_mb', 'double', true),
      // Added after the first release: stores opened before get it by ALTER (see duckdb-store open).
      c('requested_at', 'bigint', true),
    ],
    key: ['execution_id', 'started_at'],
    probeColumn: 'execution_id',
    timeColumn: 'started_at',
    archiveOrder: ['workflow_id', 'started_at', 'execution_id'],
  },
  steps: {
    name: 'steps',
    columns: [
      c('step_id', 'varchar'),
      c('execution_id', 'varchar'),
      c('workflow_id', 'varchar'),
      c('node_id', 'varchar'),
      c('action_type', 'varchar'),
      c('target_element', 'varchar'),
      c('started_at', 'bigint'),
      c('completed_at', 'bigint'),
      c('duration_ms', 'double'),
      c('status', 'varchar'),
      c('confidence_score', 'double', true),
      c('retry_count', 'integer'),
      c('error_details', 'varchar', true),
      c('error_type', 'varchar', true),
      c('trace_id', 'varchar', true),
      c('span_id', 'varchar', true),
    ],
    key: ['step_id', 'started_at'],
    probeColumn: 'step_id',
    timeColumn: 'started_at',
    archiveOrder: ['workflow_id', 'execution_id', 'started_at', 'step_id'],
  },
  recoveries: {
    name: 'recoveries',
    columns: [
      c('recovery_id', 'varchar'),
      c('step_id', 'varchar'),
      c('execution_id', 'varchar'),
      c('workflow_id', 'varchar'),
      c('strategy', 'varchar'),
      c('outcome', 'varchar'),
      c('started_at', 'bigint'),
      c('completed_at', 'bigint'),
    ],
    key: ['recovery_id', 'started_at'],
    probeColumn: 'recovery_id',
    timeColumn: 'started_at',
    archiveOrder: ['workflow_id', 'execution_id', 'started_at', 'recovery_id'],
  },
  resources: {
    name: 'resources',
    columns: [
      c('timestamp', 'bigint'),
      c('service_instance_id', 'varchar', true),
      c('workflow_id', 'varchar', true),
      c('execution_id', 'varchar', true),
      c('cpu_percent', 'double'),
      c('memory_mb', 'double'),
      c('gpu_utilization', 'double', true),
      c('gpu_memory_mb', 'double', true),
      c('disk_io_mb', 'double', true),
    ],
    key: ['service_instance_id', 'timestamp'],
    probeColumn: undefined,
    timeColumn: 'timestamp',
    archiveOrder: ['service_instance_id', 'timestamp'],
  },
};

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
