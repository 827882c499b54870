/**
 * Per-workflow and per-node statistics pushed down to DuckDB, with the
 * contract's definitions (quantile_cont is Hyndman–Fan type 7; stddev_samp the
 * sample standard deviation). The analysis layer's pure functions are the
 * reference these are tested against.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { EXECUTION_STATUS, STEP_STATUS } from '@rpa-analytics/conventions';
import type { NodeSummary, SuccessRate } from '../../model/analysis';
import type { ExecutionFilter, WorkflowDurationSummary } from '../store';
import { EXECUTION_FILTER_COLUMNS, filterConditions, SqlParams, whereClause } from './filter-sql';

export async function queryDurationSummaries(
  connection: DuckDBConnection,
  filter: ExecutionFilter,
): Promise<WorkflowDurationSummary[]> {
  const params = new SqlParams();
  const status = filter.status ?? EXECUTION_STATUS.completed;
  const conditions = filterConditions({ ...filter, status }, EXECUTION_FILTER_COLUMNS, params);
  conditions.push('e.duration_ms IS NOT NULL');
  const result = await connection.runAndReadAll(
    `SELECT e.workflow_id, count(*)::DOUBLE AS count, avg(e.duration_ms) AS avg_duration_ms,
       quantile_cont(e.duration_ms, 0.5) AS median_duration_ms, quantile_cont(e.duration_ms, 0.95) AS p95_duration_ms,
       quantile_cont(e.duration_ms, 0.99) AS p99_duration_ms, min(e.duration_ms) AS min_duration_ms,
       max(e.duration_ms) AS max_duration_ms, coalesce(stddev_samp(e.duration_ms), 0) AS std_dev_ms
     FROM executions_all e ${whereClause(conditions)} GROUP BY e.workflow_id ORDER BY e.workflow_id`,
    params.values,
  );
  return result.getRowObjects() as unknown as WorkflowDurationSummary[];
}

export async function querySuccessRates(
  connection: DuckDBConnection,
  filter: ExecutionFilter,
): Promise<SuccessRate[]> {
  const params = new SqlParams();
  const conditions = filterConditions(filter, EXECUTION_FILTER_COLUMNS, params);
  const completed = params.bind(EXECUTION_STATUS.completed);
  const failed = params.bind(EXECUTION_STATUS.failed);
  const result = await connection.runAndReadAll(
    `SELECT workflow_id, completed, failed, completed + failed AS total,
       CASE WHEN completed + failed = 0 THEN NULL ELSE completed / (completed + failed) * 100 END AS success_rate
     FROM (SELECT e.workflow_id,
             count(*) FILTER (WHERE e.status = ${completed})::DOUBLE AS completed,
             count(*) FILTER (WHERE e.status = ${failed})::DOUBLE AS failed
           FROM executions_all e ${whereClause(conditions)} GROUP BY e.workflow_id)
     ORDER BY workflow_id`,
    params.values,
  );
  return result.getRowObjects() as unknown as SuccessRate[];
}

export async function queryNodeSummaries(
  connection: DuckDBConnection,
  filter: ExecutionFilter,
  statuses: readonly string[] = [STEP_STATUS.completed],
): Promise<NodeSummary[]> {
  const params = new SqlParams();
  const conditions = filterConditions(
    { ...filter, status: undefined },
    { alias: 's', time: 'started_at', hasStatus: false, hasActionType: true, actionTypeViaSteps: false },
    params,
  );
  conditions.push(`list_contains(${params.bindList(statuses)}, s.status)`);
  const failed = params.bind(STEP_STATUS.failed);
  const result = await connection.runAndReadAll(
    `WITH chosen AS (SELECT * FROM steps_all s ${whereClause(conditions)}),
     modes AS (
       SELECT workflow_id, node_id, first(action_type ORDER BY n DESC, action_type ASC) AS action_type
       FROM (SELECT workflow_id, node_id, action_type, count(*) AS n FROM chosen GROUP BY ALL) GROUP BY ALL)
     SELECT c.workflow_id, c.node_id, m.action_type, count(*)::DOUBLE AS count,
       sum(c.duration_ms) AS total_duration_ms, avg(c.duration_ms) AS avg_duration_ms,
       quantile_cont(c.duration_ms, 0.95) AS p95_duration_ms, max(c.duration_ms) AS max_duration_ms,
       count(*) FILTER (WHERE c.status = ${failed})::DOUBLE AS failed_count, sum(c.retry_count)::DOUBLE AS retry_total
     FROM chosen c JOIN modes m ON m.workflow_id = c.workflow_id AND m.node_id = c.node_id
     GROUP BY c.workflow_id, c.node_id, m.action_type ORDER BY c.workflow_id, c.node_id`,
    params.values,
  );
  return result.getRowObjects() as unknown as NodeSummary[];
}
