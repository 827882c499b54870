/**
 * Compaction: the hot executions and the clustered ones rewritten as one run
 * sorted by (workflow key, start, id), in one transaction. Its snapshot
 * decides which rows move: the hot rows it copies are the rows it deletes, and
 * a row that ingestion commits meanwhile is neither copied nor deleted (it
 * stays hot until the next run). Killed or failing at any point before
 * COMMIT, it leaves the tables as they were; reads see either the old tables
 * or the new ones, never both or neither.
 *
 * Each run rewrites every clustered row, so it only runs once the hot rows are
 * a fair share of them (`ratio`): each row is rewritten about 1/ratio times in
 * its life, and a one-workflow question reads at most that share unsorted.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { TABLES } from '../../record-tables';
import { quoteIdentifier } from '../tables';
import { CLUSTERED_COLUMNS, CLUSTERED_EXECUTIONS, WORKFLOW_KEYS_TABLE } from './clustered-tables';

export interface ClusteringOptions {
  /** Fewer hot executions than this are left as they are (a scan of them is cheap). */
  readonly minRows: number;
  /** Compacts once hot rows ≥ ratio × clustered rows. */
  readonly ratio: number;
}

export const DEFAULT_CLUSTERING: ClusteringOptions = { minRows: 100_000, ratio: 0.125 };

/** Test hook: lets a test stop a compaction between two of its steps. */
export type ClusteringStep = 'keyed' | 'copied' | 'deleted' | 'inserted';

export interface ClusteringOutcome {
  /** Hot rows moved into the clustered table (0: not due). */
  readonly moved: number;
  /** Rows in the clustered table afterwards. */
  readonly clustered: number;
}

const HOT = quoteIdentifier(TABLES.executions.name);
const RUN = 'clustering_run';

export async function clusterByWorkflow(
  connection: DuckDBConnection,
  options: ClusteringOptions,
  afterStep: (step: ClusteringStep) => void | Promise<void> = () => {},
): Promise<ClusteringOutcome> {
  await connection.run('BEGIN TRANSACTION');
  try {
    const { hot, clustered } = await countRows(connection);
    if (hot === 0 || hot < Math.max(options.minRows, options.ratio * clustered)) {
      await connection.run('ROLLBACK');
      return { moved: 0, clustered };
    }
    await assignWorkflowKeys(connection);
    await afterStep('keyed');
    await connection.run(`CREATE OR REPLACE TEMP TABLE ${RUN} AS
      SELECT k.workflow_key, h.* EXCLUDE (workflow_id)
        FROM ${HOT} h JOIN ${WORKFLOW_KEYS_TABLE} k ON k.workflow_id = h.workflow_id
      UNION ALL BY NAME SELECT * FROM ${CLUSTERED_EXECUTIONS}`);
    await afterStep('copied');
    await connection.run(`DELETE FROM ${HOT}`);
    await connection.run(`DELETE FROM ${CLUSTERED_EXECUTIONS}`);
    await afterStep('deleted');
    const columns = CLUSTERED_COLUMNS.map((column) => quoteIdentifier(column.name)).join(', ');
    await connection.run(
      `INSERT INTO ${CLUSTERED_EXECUTIONS} (${columns}) SELECT ${columns} FROM ${RUN}
       ORDER BY workflow_key, started_at, execution_id`,
    );
    await afterStep('inserted');
    await connection.run(`DROP TABLE ${RUN}`);
    await connection.run('COMMIT');
    return { moved: hot, clustered: hot + clustered };
  } catch (error) {
    await connection.run('ROLLBACK').catch(() => undefined);
    await connection.run(`DROP TABLE IF EXISTS ${RUN}`).catch(() => undefined);
    throw error;
  }
}

async function countRows(connection: DuckDBConnection): Promise<{ hot: number; clustered: number }> {
  const result = await connection.runAndReadAll(
    `SELECT (SELECT count(*) FROM ${HOT})::DOUBLE AS hot, (SELECT count(*) FROM ${CLUSTERED_EXECUTIONS})::DOUBLE AS clustered`,
  );
  const row = result.getRowObjects()[0] as { hot: number; clustered: number };
  return { hot: row.hot, clustered: row.clustered };
}

/** New workflows get the next keys (in id order, so that keys sort like ids within one run). */
async function assignWorkflowKeys(connection: DuckDBConnection): Promise<void> {
  await connection.run(`INSERT INTO ${WORKFLOW_KEYS_TABLE}
    SELECT workflow_id, (SELECT coalesce(max(workflow_key), 0) FROM ${WORKFLOW_KEYS_TABLE})
                        + row_number() OVER (ORDER BY workflow_id)
    FROM (SELECT DISTINCT h.workflow_id FROM ${HOT} h
          WHERE NOT EXISTS (SELECT 1 FROM ${WORKFLOW_KEYS_TABLE} k WHERE k.workflow_id = h.workflow_id))`);
}
