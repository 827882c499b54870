/**
 * The ClickHouse backend's tables: for each record type a ReplacingMergeTree
 * on every shard, ordered by (workflow, time, id) so one workflow's rows are
 * read as one contiguous range, and a Distributed table on the router that
 * shards by workflow (a workflow's executions, steps and recoveries live on
 * one shard, so joins and de-duplication stay local). ReplacingMergeTree's
 * key is the row's identity: a row stored twice (two analyzers racing on an
 * exporter's retry) is collapsed by merges, and reads use FINAL meanwhile.
 * Written for ClickHouse 18.16: no DateTime64 (times are Int64 epoch ms).
 */
import { RECORD_TYPES, type RecordType } from '../../model/records';
import { TABLES, type ColumnKind, type TableDefinition } from '../record-tables';
import { identifier, inStrings, stringLiteral } from './sql-literal';

const CLICKHOUSE_TYPE: Readonly<Record<ColumnKind, string>> = {
  varchar: 'String',
  bigint: 'Int64',
  double: 'Float64',
  integer: 'Int32',
  json: 'String',
};

/** Sorting key (= identity) and sharding key per record type; nullable columns enter through ifNull. */
const LAYOUT: Readonly<Record<StoredTable, { orderBy: string; shardBy: string }>> = {
  executions: { orderBy: 'workflow_id, started_at, execution_id', shardBy: 'cityHash64(workflow_id)' },
  steps: { orderBy: 'workflow_id, started_at, step_id', shardBy: 'cityHash64(workflow_id)' },
  recoveries: { orderBy: 'workflow_id, started_at, recovery_id', shardBy: 'cityHash64(workflow_id)' },
  resources: {
    orderBy: "ifNull(service_instance_id, ''), timestamp",
    shardBy: "cityHash64(ifNull(service_instance_id, ''))",
  },
  execution_starts: { orderBy: 'workflow_id, started_at, execution_id', shardBy: 'cityHash64(workflow_id)' },
};

export const STARTS_TABLE = 'execution_starts';
export type StoredTable = RecordType | typeof STARTS_TABLE;

/**
 * Start markers of executions still running (the `rpa.execution.started`
 * span); an execution is running while its marker has no final execution.
 */
export const STARTS_DEFINITION = {
  columns: [
    { name: 'execution_id', kind: 'varchar', nullable: false },
    { name: 'workflow_id', kind: 'varchar', nullable: false },
    { name: 'started_at', kind: 'bigint', nullable: false },
    { name: 'steps_total', kind: 'integer', nullable: true },
    { name: 'service_name', kind: 'varchar', nullable: true },
    { name: 'host_name', kind: 'varchar', nullable: true },
    { name: 'trace_id', kind: 'varchar', nullable: true },
    { name: 'span_id', kind: 'varchar', nullable: true },
    { name: 'context', kind: 'json', nullable: false },
  ],
} as const satisfies Pick<TableDefinition, 'columns'>;

/** Where the tables live: the cluster name the router's Distributed tables use, and the shard-local suffix. */
export interface ClusterLayout {
  readonly cluster: string;
  readonly database: string;
}

export function localTableName(table: StoredTable): string {
  return `${table}_local`;
}

export function columnType(column: { kind: ColumnKind; nullable: boolean }): string {
  const type = CLICKHOUSE_TYPE[column.kind];
  return column.nullable ? `Nullable(${type})` : type;
}

function columnsOf(table: StoredTable): readonly { name: string; kind: ColumnKind; nullable: boolean }[] {
  return table === STARTS_TABLE ? STARTS_DEFINITION.columns : TABLES[table].columns;
}

function columnList(table: StoredTable): string {
  return columnsOf(table)
    .map((column) => `${identifier(column.name)} ${columnType(column)}`)
    .join(', ');
}

/** Month partitions of the row's time: retention drops whole partitions. */
function partitionBy(table: StoredTable): string {
  const time = table === STARTS_TABLE ? 'started_at' : TABLES[table].timeColumn;
  return `toYYYYMM(toDateTime(intDiv(${identifier(time)}, 1000), 'UTC'))`;
}

/** DDL run on each shard (or, without a cluster, on the one server under the table's own name). */
export function createLocalTableSql(table: StoredTable, name: string = localTableName(table)): string {
  return (
    `CREATE TABLE IF NOT EXISTS ${identifier(name)} (${columnList(table)}) ` +
    `ENGINE = ReplacingMergeTree PARTITION BY ${partitionBy(table)} ORDER BY (${LAYOUT[table].orderBy})`
  );
}

/** DDL run on the router (and on every analyzer's entry node). */
export function createDistributedTableSql(table: StoredTable, layout: ClusterLayout): string {
  const engine = `Distributed(${identifier(layout.cluster)}, ${identifier(layout.database)}, ${identifier(localTableName(table))}, ${LAYOUT[table].shardBy})`;
  return `CREATE TABLE IF NOT EXISTS ${identifier(table)} (${columnList(table)}) ENGINE = ${engine}`;
}

export const STORED_TABLES: readonly StoredTable[] = [...RECORD_TYPES, STARTS_TABLE];

/** SELECT list reading every column of a record table as JSON-friendly values. */
export function selectColumns(table: StoredTable, alias = ''): string {
  const prefix = alias ? `${alias}.` : '';
  return columnsOf(table)
    .map((column) => `${prefix}${identifier(column.name)}`)
    .join(', ');
}

/** Which executions a query reads; its conditions go inside each part (18.16 does not push them into a UNION). */
export interface ExecutionRowsScope {
  /** Conditions over execution columns. */
  readonly conditions: readonly string[];
  /** Whether running executions can match (not when the query asks for another status). */
  readonly includeRunning: boolean;
  /** Workflows the query is limited to: bounds the running part's anti-join. */
  readonly workflowIds?: readonly string[];
}

/**
 * Executions, final and running, as one row source (what `executions_all` is
 * in the DuckDB backend): a running execution is a start marker without a
 * final execution.
 */
export function executionRowsSql(scope: ExecutionRowsScope): string {
  const where = scope.conditions.length === 0 ? '' : ` WHERE ${scope.conditions.join(' AND ')}`;
  const final = `SELECT ${selectColumns('executions')} FROM executions FINAL${where}`;
  if (!scope.includeRunning) return `(${final})`;
  const ended =
    scope.workflowIds && scope.workflowIds.length > 0
      ? `SELECT execution_id FROM executions WHERE ${inStrings('workflow_id', scope.workflowIds)}`
      : 'SELECT execution_id FROM executions';
  const running = `SELECT * FROM (${runningMarkersSql()} WHERE execution_id GLOBAL NOT IN (${ended}))${where}`;
  return `(${final} UNION ALL ${running})`;
}

/** Start markers as execution rows (columns a marker lacks are NULL). */
function runningMarkersSql(): string {
  const marker = new Set<string>(STARTS_DEFINITION.columns.map((c) => c.name));
  const columns = TABLES.executions.columns.map((column) => {
    const name = identifier(column.name);
    if (column.name === 'status') return `${stringLiteral('running')} AS ${name}`;
    if (column.name === 'steps_total') return `toInt32(ifNull(steps_total, 0)) AS ${name}`;
    if (column.name === 'steps_completed' || column.name === 'steps_failed') return `toInt32(0) AS ${name}`;
    if (marker.has(column.name)) return name;
    return `CAST(NULL AS ${columnType({ ...column, nullable: true })}) AS ${name}`;
  });
  return `SELECT ${columns.join(', ')} FROM ${STARTS_TABLE} FINAL`;
}
