/**
 * Per-workflow summaries beyond duration statistics, in ClickHouse: failures
 * with their first failed step, the robust spread of log durations, resource
 * usage, windowed outcomes and the workflows of a range. No window functions
 * in 18.16: "first failed step" is argMin over (start, step id); and its
 * lambdas cannot capture a column, so constants enter as a replicated array.
 */
import { EXECUTION_STATUS, STEP_STATUS } from '@rpa-analytics/conventions';
import type { ResourceUsage } from '../../analysis/resource-usage';
import { MAD_TO_SIGMA } from '../../analysis/statistics';
import type { DurationSpread, FailureRow, WindowedOutcomes } from '../analysis-store';
import type { ExecutionFilter } from '../store';
import type { ClickHouseConnection } from './connection';
import { executionSource } from './filter-sql';
import { int64Literal, numberLiteral, stringLiteral } from './sql-literal';
import { nullableQuantile, type7Quantile } from './stats-sql';

export async function queryFailures(
  connection: ClickHouseConnection,
  filter: ExecutionFilter,
): Promise<FailureRow[]> {
  const failed = executionSource({ ...filter, status: EXECUTION_STATUS.failed });
  return connection.rows<FailureRow>(
    `SELECT fe.workflow_id AS workflow_id, fe.execution_id AS execution_id,
       if(fs.has_step = 1, fs.step_id, NULL) AS step_id,
       ifNull(fe.error_type, if(fs.has_step = 1, fs.step_error_type, NULL)) AS error_type,
       ifNull(fe.error_message, if(fs.has_step = 1, fs.error_details, NULL)) AS message,
       if(fs.has_step = 1, fs.confidence_score, NULL) AS confidence_score
     FROM (SELECT workflow_id, execution_id, started_at, error_type, error_message FROM ${failed}) AS fe
     ANY LEFT JOIN (
       SELECT execution_id, 1 AS has_step, tupleElement(first, 1) AS step_id,
         if(tupleElement(first, 2) = 1, NULL, tupleElement(first, 3)) AS step_error_type,
         if(tupleElement(first, 4) = 1, NULL, tupleElement(first, 5)) AS error_details,
         if(tupleElement(first, 6) = 1, NULL, tupleElement(first, 7)) AS confidence_score
       FROM (
         -- Nulls inside an aggregated tuple come back as defaults in 18.16: each travels with a flag.
         SELECT execution_id,
           argMin((step_id, isNull(error_type), ifNull(error_type, ''), isNull(error_details), ifNull(error_details, ''),
                   isNull(confidence_score), ifNull(confidence_score, 0)), (started_at, step_id)) AS first
         FROM steps FINAL
         WHERE status = ${stringLiteral(STEP_STATUS.failed)}
           AND execution_id GLOBAL IN (SELECT execution_id FROM ${failed})
         GROUP BY execution_id)) AS fs USING execution_id
     ORDER BY fe.started_at, fe.execution_id`,
  );
}

export async function queryDurationSpreads(
  connection: ClickHouseConnection,
  filter: ExecutionFilter,
): Promise<DurationSpread[]> {
  const source = executionSource({ ...filter, status: EXECUTION_STATUS.completed }, [
    'isNotNull(duration_ms)',
  ]);
  const median = (xs: string): string => type7Quantile(xs, `length(${xs})`, 0.5);
  return connection.rows<DurationSpread>(
    `SELECT workflow_id,
       if(n < 2, NULL, ${numberLiteral(MAD_TO_SIGMA)} * ${median('deviations')}) AS duration_spread
     FROM (
       SELECT workflow_id, n, arraySort(arrayMap((x, c) -> abs(x - c), logs, replicate(center, logs))) AS deviations
       FROM (
         SELECT workflow_id, count() AS n, arraySort(groupArray(log(1 + greatest(0, assumeNotNull(duration_ms))))) AS logs,
           ${median('logs')} AS center
         FROM ${source} GROUP BY workflow_id))
     ORDER BY workflow_id`,
  );
}

export async function queryResourceUsage(
  connection: ClickHouseConnection,
  filter: ExecutionFilter,
): Promise<ResourceUsage[]> {
  return connection.rows<ResourceUsage>(
    `SELECT workflow_id,
       toFloat64(greatest(greatest(count(cpu_percent_avg), count(cpu_percent_max)), count(memory_mb_max))) AS samples,
       ${nullableQuantile('cpu_percent_avg', 0.5)} AS cpu_percent_avg_median,
       ${nullableQuantile('cpu_percent_max', 0.95)} AS cpu_percent_max_p95,
       ${nullableQuantile('memory_mb_max', 0.5)} AS memory_mb_max_median,
       ${nullableQuantile('memory_mb_max', 0.95)} AS memory_mb_max_p95
     FROM ${executionSource(filter)} GROUP BY workflow_id ORDER BY workflow_id`,
  );
}

export async function queryWorkflowIds(
  connection: ClickHouseConnection,
  filter: ExecutionFilter,
): Promise<string[]> {
  const rows = await connection.rows<{ workflow_id: string }>(
    `SELECT DISTINCT workflow_id FROM ${executionSource(filter)} ORDER BY workflow_id`,
  );
  return rows.map((row) => row.workflow_id);
}

/** Completed and failed counts per workflow and window [from + k·windowMs, …) by start time; windows without finished executions are left out. */
export async function queryWindowedOutcomes(
  connection: ClickHouseConnection,
  filter: ExecutionFilter & { from: number },
  windowMs: number,
): Promise<WindowedOutcomes[]> {
  const completed = stringLiteral(EXECUTION_STATUS.completed);
  const failed = stringLiteral(EXECUTION_STATUS.failed);
  const source = executionSource({ ...filter, status: undefined }, [`status IN (${completed}, ${failed})`]);
  return connection.rows<WindowedOutcomes>(
    `SELECT workflow_id, floor((started_at - ${int64Literal(filter.from)}) / ${numberLiteral(windowMs)}) AS window_index,
       toFloat64(countIf(status = ${completed})) AS completed, toFloat64(countIf(status = ${failed})) AS failed
     FROM ${source} GROUP BY workflow_id, window_index ORDER BY workflow_id, window_index`,
  );
}
