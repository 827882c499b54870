/**
 * Per-node step summaries pushed down to DuckDB: one GROUP BY (workflow_id,
 * node_id) with type-7 p95 (`quantile_cont`) and a histogram of action types,
 * from which the pure `mostFrequent` picks the node's action type (ties: the
 * smallest name), so the result equals analysis/step-summaries.
 */
import type { DuckDBConnection, DuckDBMapValue } from '@duckdb/node-api';
import { mostFrequent } from '../../analysis/step-summaries';
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
    `SELECT s.workflow_id, s.node_id, histogram(s.action_type) AS action_counts, count(*)::DOUBLE AS count,
       sum(s.duration_ms) AS total_duration_ms, avg(s.duration_ms) AS avg_duration_ms,
       quantile_cont(s.duration_ms, 0.95) AS p95_duration_ms, max(s.duration_ms) AS max_duration_ms,
       count(*) FILTER (WHERE s.status = ${failed})::DOUBLE AS failed_count,
       sum(s.retry_count)::DOUBLE AS retry_total
     FROM steps_all s ${whereClause(conditions)} GROUP BY s.workflow_id, s.node_id
     ORDER BY s.workflow_id, s.node_id`,
    params.values,
  );
  return result.getRowObjects().map(({ action_counts, ...row }) => ({
    ...(row as unknown as Omit<NodeSummary, 'action_type'>),
    action_type: mostFrequent(actionCounts(action_counts)),
  }));
}

/** DuckDB's `histogram` MAP as a Map (its entries are `{ key, value }`). */
function actionCounts(value: unknown): Map<string, number> {
  const entries = (value as DuckDBMapValue).entries;
  return new Map(entries.map((e) => [e.key as string, Number(e.value)]));
}
