/**
 * Executions kept clustered by workflow. Rows arrive in time order, so every
 * row group holds every workflow and a one-workflow question reads the whole
 * table. Compaction (./cluster-by-workflow) moves the hot rows into
 * `executions_clustered`, sorted by (workflow key, start): a workflow's rows
 * are then a few contiguous row groups.
 *
 * The clustered table stores a small integer `workflow_key` instead of the
 * workflow id: DuckDB's zone maps keep only the first 8 bytes of a string
 * (`workflow-17` and `workflow-170` look alike), an integer's are exact. The
 * `executions_all` view joins the keys back, and DuckDB pushes the join's key
 * (`workflow_key=17`) into the clustered scan as a dynamic filter, which skips
 * the other workflows' row groups by their zone maps. Queries keep filtering
 * `workflow_id` through the view and need not know.
 *
 * Steps stay in arrival order: an insert looks up stored keys in its batch's
 * time window, which zone maps confine to recent row groups only while rows
 * are in time order (10 M steps clustered by workflow would make every insert
 * scan every row group's start times).
 */
import type { RecordType } from '../../../model/records';
import { TABLES, type Column } from '../../record-tables';
import { createTableSql, quoteIdentifier } from '../tables';

export const WORKFLOW_KEYS_TABLE = 'workflow_keys';
export const CLUSTERED_EXECUTIONS = 'executions_clustered';

/** A workflow's key never changes nor is reused: clustered rows reach their workflow id only through it. */
export const CREATE_WORKFLOW_KEYS = `CREATE TABLE IF NOT EXISTS ${WORKFLOW_KEYS_TABLE} (
  workflow_id VARCHAR PRIMARY KEY, workflow_key INTEGER NOT NULL UNIQUE)`;

/** The executions columns with `workflow_key` in place of `workflow_id`. */
export const CLUSTERED_COLUMNS: readonly Column[] = [
  { name: 'workflow_key', kind: 'integer', nullable: false },
  ...TABLES.executions.columns.filter((column) => column.name !== 'workflow_id'),
];

export const CREATE_CLUSTERED_EXECUTIONS = createTableSql(
  { ...TABLES.executions, columns: CLUSTERED_COLUMNS },
  CLUSTERED_EXECUTIONS,
);

/** The clustered executions with their workflow ids, columns as in the hot table. */
export const CLUSTERED_EXECUTION_ROWS = `SELECT k.workflow_id, c.* EXCLUDE (workflow_key)
  FROM ${CLUSTERED_EXECUTIONS} c JOIN ${WORKFLOW_KEYS_TABLE} k ON k.workflow_key = c.workflow_key`;

export function isClustered(type: RecordType): boolean {
  return type === 'executions';
}

/** Every row of `type` stored in DuckDB (hot and clustered, not archived), with the hot table's columns. */
export function storedRowsSql(type: RecordType): string {
  const hot = `SELECT * FROM ${quoteIdentifier(type)}`;
  return isClustered(type) ? `${hot} UNION ALL BY NAME ${CLUSTERED_EXECUTION_ROWS}` : hot;
}

/** The DuckDB tables that hold rows of `type` with its key and time columns. */
export function tablesHolding(type: RecordType): string[] {
  return isClustered(type) ? [type, CLUSTERED_EXECUTIONS] : [type];
}
