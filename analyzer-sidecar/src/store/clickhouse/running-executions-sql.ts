/**
 * Executions in flight with their progress, from the record tables: start
 * markers without a final execution, then the steps that arrived since for
 * those (as DuckDB's running-executions.ts answers). The progress query
 * names the running ids as literals: they are as few as the executions in
 * flight, and each shard reads only their time range.
 */
import type { RunningExecution } from '../live-store';
import type { ClickHouseConnection } from './connection';
import { whereClause } from './filter-sql';
import { STARTS_TABLE } from './schema';
import { inStrings, int64Literal } from './sql-literal';

/** Steps may start a little before their execution's marker (clock reads): read from this much earlier. */
const START_SKEW_MS = 60_000;

interface Marker {
  execution_id: string;
  workflow_id: string;
  started_at: number;
  steps_total: number | null;
  service_name: string | null;
  host_name: string | null;
  trace_id: string | null;
}

interface Progress {
  execution_id: string;
  steps_completed: number;
  steps_failed: number;
  node_id: string;
  action_type: string;
  last_step_at: number;
}

export async function queryRunningExecutions(
  connection: ClickHouseConnection,
  workflowIds?: readonly string[],
): Promise<RunningExecution[]> {
  const filter =
    workflowIds !== undefined && workflowIds.length > 0 ? [inStrings('workflow_id', workflowIds)] : [];
  // Markers stay after their execution ends (no deletes here): the anti-join leaves the running ones.
  const ended = `SELECT execution_id FROM executions ${whereClause(filter)}`;
  const running = await connection.rows<Marker>(
    `SELECT execution_id, workflow_id, started_at, steps_total, service_name, host_name, trace_id
     FROM ${STARTS_TABLE} FINAL ${whereClause([...filter, `execution_id GLOBAL NOT IN (${ended})`])}
     ORDER BY started_at, execution_id LIMIT 1 BY execution_id`,
  );
  if (running.length === 0) return [];
  const progress = await queryProgress(connection, running);
  return running.map((m) => withProgress(m, progress.get(m.execution_id)));
}

async function queryProgress(
  connection: ClickHouseConnection,
  running: readonly Marker[],
): Promise<Map<string, Progress>> {
  const since = int64Literal(Math.min(...running.map((m) => m.started_at)) - START_SKEW_MS);
  const ids = inStrings(
    'execution_id',
    running.map((m) => m.execution_id),
  );
  const rows = await connection.rows<Progress>(
    `SELECT execution_id, toFloat64(countIf(status = 'completed')) AS steps_completed,
       toFloat64(countIf(status = 'failed')) AS steps_failed,
       argMax(node_id, completed_at) AS node_id, argMax(action_type, completed_at) AS action_type,
       toFloat64(max(completed_at)) AS last_step_at
     FROM steps FINAL WHERE started_at >= ${since} AND ${ids} GROUP BY execution_id`,
  );
  return new Map(rows.map((row) => [row.execution_id, row]));
}

function withProgress(marker: Marker, progress: Progress | undefined): RunningExecution {
  return {
    ...marker,
    steps_completed: progress?.steps_completed ?? 0,
    steps_failed: progress?.steps_failed ?? 0,
    current_step: progress ? { node_id: progress.node_id, action_type: progress.action_type } : null,
    last_activity_at: Math.max(marker.started_at, progress?.last_step_at ?? 0),
  };
}
