/**
 * Per-workflow summaries beyond duration statistics: the robust spread of log
 * durations (reliability ranking), resource usage, the workflows of a range.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { EXECUTION_STATUS } from '@rpa-analytics/conventions';
import { MAD_TO_SIGMA } from '../../analysis/statistics';
import type { ResourceUsage } from '../../analysis/resource-usage';
import type { DurationSpread, WindowedOutcomes } from '../analysis-store';
import type { ExecutionFilter } from '../store';
import { EXECUTION_FILTER_COLUMNS, filterConditions, SqlParams, whereClause } from './filter-sql';

export async function queryDurationSpreads(
  connection: DuckDBConnection,
  filter: ExecutionFilter,
): Promise<DurationSpread[]> {
  const params = new SqlParams();
  const conditions = filterConditions({ ...filter, status: undefined }, EXECUTION_FILTER_COLUMNS, params);
  conditions.push(`e.status = ${params.bind(EXECUTION_STATUS.completed)}`, 'e.duration_ms IS NOT NULL');
  const result = await connection.runAndReadAll(
    `SELECT e.workflow_id,
       CASE WHEN count(*) < 2 THEN NULL
            ELSE ${MAD_TO_SIGMA} * mad(ln(1 + greatest(0, e.duration_ms))) END AS duration_spread
     FROM executions_all e ${whereClause(conditions)} GROUP BY e.workflow_id ORDER BY e.workflow_id`,
    params.values,
  );
  return result.getRowObjects() as unknown as DurationSpread[];
}

export async function queryResourceUsage(
  connection: DuckDBConnection,
  filter: ExecutionFilter,
): Promise<ResourceUsage[]> {
  const params = new SqlParams();
  const conditions = filterConditions(filter, EXECUTION_FILTER_COLUMNS, params);
  const result = await connection.runAndReadAll(
    `SELECT e.workflow_id,
       greatest(count(e.cpu_percent_avg), count(e.cpu_percent_max), count(e.memory_mb_max))::DOUBLE AS samples,
       quantile_cont(e.cpu_percent_avg, 0.5) AS cpu_percent_avg_median,
       quantile_cont(e.cpu_percent_max, 0.95) AS cpu_percent_max_p95,
       quantile_cont(e.memory_mb_max, 0.5) AS memory_mb_max_median,
       quantile_cont(e.memory_mb_max, 0.95) AS memory_mb_max_p95
     FROM executions_all e ${whereClause(conditions)} GROUP BY e.workflow_id ORDER BY e.workflow_id`,
    params.values,
  );
  return result.getRowObjects() as unknown as ResourceUsage[];
}

export async function queryWorkflowIds(
  connection: DuckDBConnection,
  filter: ExecutionFilter,
): Promise<string[]> {
  const params = new SqlParams();
  const conditions = filterConditions(filter, EXECUTION_FILTER_COLUMNS, params);
  const result = await connection.runAndReadAll(
    `SELECT DISTINCT e.workflow_id FROM executions_all e ${whereClause(conditions)} ORDER BY 1`,
    params.values,
  );
  return result.getRowObjects().map((row) => row.workflow_id as string);
}

/** Completed and failed counts per workflow and window [from + k·windowMs, …) by start time; windows without finished executions are left out. */
export async function queryWindowedOutcomes(
  connection: DuckDBConnection,
  filter: ExecutionFilter & { from: number },
  windowMs: number,
): Promise<WindowedOutcomes[]> {
  const params = new SqlParams();
  const conditions = filterConditions({ ...filter, status: undefined }, EXECUTION_FILTER_COLUMNS, params);
  const completed = params.bind(EXECUTION_STATUS.completed);
  const failed = params.bind(EXECUTION_STATUS.failed);
  conditions.push(`e.status IN (${completed}, ${failed})`);
  const from = params.bind(filter.from);
  const width = params.bind(windowMs);
  const result = await connection.runAndReadAll(
    `SELECT e.workflow_id, floor((e.started_at - ${from}::BIGINT) / ${width}::DOUBLE)::DOUBLE AS window_index,
       count(*) FILTER (WHERE e.status = ${completed})::DOUBLE AS completed,
       count(*) FILTER (WHERE e.status = ${failed})::DOUBLE AS failed
     FROM executions_all e ${whereClause(conditions)} GROUP BY ALL ORDER BY 1, 2`,
    params.values,
  );
  return result.getRowObjects() as unknown as WindowedOutcomes[];
}
