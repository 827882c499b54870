/**
 * Executions still running: the `rpa.execution.started` marker stores a row
 * here, the execution's own span deletes it (in the same transaction as it is
 * appended). Markers and execution spans may arrive in any order and more
 * than once: a marker whose execution is already stored is dropped. The
 * `executions_all` view adds these rows as `running` executions, so listings
 * filtered by `status=running` see them; the table stays as small as the
 * number of executions in flight.
 */
import { listValue, type DuckDBConnection } from '@duckdb/node-api';
import type { ExecutionRecord } from '../../model/records';
import { storedRowsSql } from './clustering/clustered-tables';

export const STARTS_TABLE = 'execution_starts';

export const CREATE_STARTS = `CREATE TABLE IF NOT EXISTS ${STARTS_TABLE} (
  execution_id VARCHAR PRIMARY KEY, workflow_id VARCHAR NOT NULL, started_at BIGINT NOT NULL,
  steps_total INTEGER, service_name VARCHAR, host_name VARCHAR, trace_id VARCHAR, span_id VARCHAR,
  context VARCHAR NOT NULL)`;

/** The running rows as executions (columns the view does not name are NULL). */
export const RUNNING_EXECUTIONS_SQL = `SELECT execution_id, workflow_id, started_at, 'running' AS status,
  coalesce(steps_total, 0) AS steps_total, 0 AS steps_completed, 0 AS steps_failed, context,
  service_name, host_name, trace_id, span_id FROM ${STARTS_TABLE}`;

/** A marker may start a little after the execution span's own start (clock reads): matched within this. */
const START_SKEW_MS = 60_000;

export interface SettledExecutions {
  /** Final executions, to append as before. */
  finished: ExecutionRecord[];
  /** Markers stored now (new running executions). */
  started: ExecutionRecord[];
}

export async function settleStarts(
  connection: DuckDBConnection,
  executions: readonly ExecutionRecord[],
): Promise<SettledExecutions> {
  const finished = executions.filter((e) => e.status !== 'running');
  const markers = executions.filter((e) => e.status === 'running');
  if (finished.length > 0) {
    // IN (SELECT unnest(…)) is a hash join; list_contains is quadratic in the batch.
    await connection.run(`DELETE FROM ${STARTS_TABLE} WHERE execution_id IN (SELECT unnest($1))`, [
      listValue(finished.map((e) => e.execution_id)),
    ]);
  }
  if (markers.length === 0) return { finished, started: [] };
  const done = new Set(finished.map((e) => e.execution_id));
  for (const id of await storedIds(connection, markers)) done.add(id);
  const started: ExecutionRecord[] = [];
  for (const m of markers) {
    if (done.has(m.execution_id)) continue;
    done.add(m.execution_id);
    const result = await connection.run(
      `INSERT OR IGNORE INTO ${STARTS_TABLE} VALUES ($1, $2, $3::BIGINT, $4, $5, $6, $7, $8, $9)`,
      [
        m.execution_id,
        m.workflow_id,
        m.started_at,
        m.steps_total > 0 ? m.steps_total : null,
        m.service_name,
        m.host_name,
        m.trace_id,
        m.span_id,
        JSON.stringify(m.context),
      ],
    );
    if (result.rowsChanged > 0) started.push(m);
  }
  return { finished, started };
}

/** Ids of the markers' executions already stored as final (hot or clustered rows, near the marker's start). */
async function storedIds(
  connection: DuckDBConnection,
  markers: readonly ExecutionRecord[],
): Promise<string[]> {
  const times = markers.map((m) => m.started_at);
  const result = await connection.runAndReadAll(
    `SELECT execution_id FROM (${storedRowsSql('executions')})
     WHERE started_at BETWEEN $1::BIGINT AND $2::BIGINT AND execution_id IN (SELECT unnest($3))`,
    [
      Math.min(...times) - START_SKEW_MS,
      Math.max(...times) + START_SKEW_MS,
      listValue(markers.map((m) => m.execution_id)),
    ],
  );
  return result.getRows().map((row) => row[0] as string);
}

/** Forgets start markers older than `before` (executions that will never end: a crashed executor); how many. */
export async function forgetStartsBefore(connection: DuckDBConnection, before: number): Promise<number> {
  const result = await connection.run(`DELETE FROM ${STARTS_TABLE} WHERE started_at < $1::BIGINT`, [before]);
  return result.rowsChanged;
}
