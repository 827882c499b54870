/** Per-workflow statistics as the contract defines them (quantile_cont is Hyndman–Fan type 7). */
import type { DuckDBConnection } from '@duckdb/node-api';
import { EXECUTION_STATUS } from '@rpa-analytics/instrumentation/conventions';
import type { DurationStats, ExecutionFilter, SuccessRate } from '../store';
import { EXECUTION_FILTER_COLUMNS, filterConditions, SqlParams, whereClause } from './filter-sql';

export async function queryDurationStats(
  connection: DuckDBConnection,
  filter: ExecutionFilter,
): Promise<DurationStats[]> {
  const params = new SqlParams();
  const conditions = filterConditions(
    { ...filter, status: filter.status ?? EXECUTION_STATUS.completed },
    EXECUTION_FILTER_COLUMNS,
    params,
  );
  conditions.push('e.duration_ms IS NOT NULL');
  const result = await connection.runAndReadAll(
    `SELECT e.workflow_id, count(*)::DOUBLE AS count, avg(e.duration_ms) AS avg_ms,
       quantile_cont(e.duration_ms, 0.5) AS median_ms, quantile_cont(e.duration_ms, 0.95) AS p95_ms,
       quantile_cont(e.duration_ms, 0.99) AS p99_ms, min(e.duration_ms) AS min_ms, max(e.duration_ms) AS max_ms,
       coalesce(stddev_samp(e.duration_ms), 0) AS std_dev_ms
     FROM executions_all e ${whereClause(conditions)} GROUP BY e.workflow_id ORDER BY e.workflow_id`,
    params.values,
  );
  return result.getRowObjects() as unknown as DurationStats[];
}

export async function querySuccessRates(
  connection: DuckDBConnection,
  filter: ExecutionFilter,
): Promise<SuccessRate[]> {
  const params = new SqlParams();
  const conditions = filterConditions(filter, EXECUTION_FILTER_COLUMNS, params);
  const finished = Object.values(EXECUTION_STATUS).map((status) => params.bind(status));
  conditions.push(`e.status IN (${finished.join(', ')})`);
  const completed = params.bind(EXECUTION_STATUS.completed);
  const failed = params.bind(EXECUTION_STATUS.failed);
  const result = await connection.runAndReadAll(
    `SELECT workflow_id, total, completed, failed,
       CASE WHEN completed + failed = 0 THEN NULL ELSE completed * 100.0 / (completed + failed) END AS success_rate
     FROM (SELECT e.workflow_id, count(*)::DOUBLE AS total,
             count(*) FILTER (WHERE e.status = ${completed})::DOUBLE AS completed,
             count(*) FILTER (WHERE e.status = ${failed})::DOUBLE AS failed
           FROM executions_all e ${whereClause(conditions)} GROUP BY e.workflow_id)
     ORDER BY workflow_id`,
    params.values,
  );
  return result.getRowObjects() as unknown as SuccessRate[];
}
