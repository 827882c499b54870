/**
 * Per-node step summaries pushed down to DuckDB: one GROUP BY (workflow_id,
 * node_id) with type-7 p95 (`quantile_cont`) and the node's most frequent
 * action type (ties: the smallest name), equal to analysis/step-summaries.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { STEP_STATUS } from '@rpa-analytics/instrumentation/conventions';
import type { NodeSummary } from '../../model/analysis';
import type { ExecutionFilter } from '../store';
import { filterConditions, type FilterColumns, SqlParams, whereClause } from './filter-sql';

export const STEP_FILTER_COLUMNS: FilterColumns = {
  alias: 's',
  time: 'started_at',
  hasStatus: false,
  hasActionType: true,
  actionTypeViaSteps: false,
};

export async function queryNodeSummaries(
  connection: DuckDBConnection,
  filter: ExecutionFilter,
): Promise<NodeSummary[]> {
  const params = new SqlParams();
  const conditions = filterConditions(filter, STEP_FILTER_COLUMNS, params);
  conditions.push(`s.status = ${params.bind(STEP_STATUS.completed)}`);
  const failed = params.bind(STEP_STATUS.failed);
  const result = await connection.runAndReadAll(
    `WITH s AS (SELECT s.workflow_id, s.node_id, s.action_type, s.duration_ms, s.status, s.retry_count
                FROM steps_all s ${whereClause(conditions)}),
     g AS (SELECT workflow_id, node_id, count(*)::DOUBLE AS count, sum(duration_ms) AS total_duration_ms,
             avg(duration_ms) AS avg_duration_ms, quantile_cont(duration_ms, 0.95) AS p95_duration_ms,
             max(duration_ms) AS max_duration_ms,
             count(*) FILTER (WHERE status = ${failed})::DOUBLE AS failed_count,
             sum(retry_count)::DOUBLE AS retry_total
           FROM s GROUP BY workflow_id, node_id),
     a AS (SELECT workflow_id, node_id, first(action_type ORDER BY n DESC, action_type) AS action_type
           FROM (SELECT workflow_id, node_id, action_type, count(*) AS n FROM s GROUP BY ALL) GROUP BY ALL)
     SELECT g.workflow_id, g.node_id, a.action_type, g.count, g.total_duration_ms, g.avg_duration_ms,
            g.p95_duration_ms, g.max_duration_ms, g.failed_count, g.retry_total
     FROM g JOIN a USING (workflow_id, node_id) ORDER BY g.workflow_id, g.node_id`,
    params.values,
  );
  return result.getRowObjects() as unknown as NodeSummary[];
}
