/**
 * The record tables every backend stores: one column list per record type,
 * from which each backend generates its DDL, its writers and its SELECT lists.
 * Times are epoch milliseconds (64-bit integers), the records' own unit.
 */
import type { RecordType } from '../model/records';

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

/** A result row (every column of the table, by name) as a record: JSON columns parsed, BIGINTs as numbers. */
export function decodeRow<T>(
  table: Pick<TableDefinition, 'columns'>,
  row: Readonly<Record<string, unknown>>,
): T {
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
