/** Executions in flight with their progress: the start markers joined with the steps that arrived since. */
import { listValue, type DuckDBConnection } from '@duckdb/node-api';
import type { RunningExecution } from '../live-store';
import { STARTS_TABLE } from './execution-starts';

const SQL = (filter: string) => `
  WITH st AS (SELECT * FROM ${STARTS_TABLE} ${filter}),
  progress AS (
    SELECT s.execution_id,
      count(*) FILTER (WHERE s.status = 'completed')::DOUBLE AS steps_completed,
      count(*) FILTER (WHERE s.status = 'failed')::DOUBLE AS steps_failed,
      arg_max(s.node_id, s.completed_at) AS node_id,
      arg_max(s.action_type, s.completed_at) AS action_type,
      max(s.completed_at)::DOUBLE AS last_step_at
    FROM steps s
    WHERE s.started_at >= (SELECT min(started_at) FROM st) - 60000
      AND s.execution_id IN (SELECT execution_id FROM st)
    GROUP BY s.execution_id)
  SELECT st.execution_id, st.workflow_id, st.started_at::DOUBLE AS started_at, st.steps_total,
    coalesce(p.steps_completed, 0) AS steps_completed, coalesce(p.steps_failed, 0) AS steps_failed,
    p.node_id, p.action_type, greatest(st.started_at::DOUBLE, coalesce(p.last_step_at, 0)) AS last_activity_at,
    st.service_name, st.host_name, st.trace_id
  FROM st LEFT JOIN progress p USING (execution_id)
  ORDER BY st.started_at, st.execution_id`;

export async function runningExecutions(
  connection: DuckDBConnection,
  workflowIds?: readonly string[],
): Promise<RunningExecution[]> {
  const filtered = workflowIds !== undefined && workflowIds.length > 0;
  const result = await connection.runAndReadAll(
    SQL(filtered ? 'WHERE list_contains($1, workflow_id)' : ''),
    filtered ? [listValue([...workflowIds])] : [],
  );
  return result.getRowObjects().map((row) => ({
    execution_id: row.execution_id as string,
    workflow_id: row.workflow_id as string,
    started_at: row.started_at as number,
    steps_total: row.steps_total as number | null,
    steps_completed: row.steps_completed as number,
    steps_failed: row.steps_failed as number,
    current_step:
      row.node_id === null
        ? null
        : { node_id: row.node_id as string, action_type: row.action_type as string },
    last_activity_at: row.last_activity_at as number,
    service_name: row.service_name as string | null,
    host_name: row.host_name as string | null,
    trace_id: row.trace_id as string | null,
  }));
}
