/**
 * Per-workflow and per-node statistics computed by ClickHouse itself, with the
 * contract's definitions: type-7 quantiles (linear interpolation between
 * closest ranks, as DuckDB's quantile_cont and analysis/statistics) from the
 * sorted sample, since quantileExact picks a sample value instead; sample
 * standard deviation, 0 for one value.
 */
import { EXECUTION_STATUS, STEP_STATUS } from '@rpa-analytics/conventions';
import type { NodeSummary, SuccessRate } from '../../model/analysis';
import type { ExecutionFilter, WorkflowDurationSummary } from '../store';
import type { ClickHouseConnection } from './connection';
import { executionSource, filterConditions, STEP_COLUMNS, whereClause } from './filter-sql';
import { inStrings, stringLiteral } from './sql-literal';

/**
 * The type-7 `p` quantile of a sorted array `xs` of `n` values (n > 0;
 * ClickHouse arrays are 1-based): xs[lo] + (h − lo)(xs[lo + 1] − xs[lo]), h = (n − 1)p.
 */
export function type7Quantile(xs: string, n: string, p: number): string {
  const h = `((${n} - 1) * ${p})`;
  const lower = `toUInt64(floor(${h}))`;
  const a = `arrayElement(${xs}, ${lower} + 1)`;
  const b = `arrayElement(${xs}, least(${lower} + 2, ${n}))`;
  return `(${a} + (${h} - ${lower}) * (${b} - ${a}))`;
}

/** The type-7 quantile of a nullable column's non-null values in the group, NULL when there are none. */
export function nullableQuantile(column: string, p: number): string {
  const xs = `arraySort(groupArray(${column}))`;
  return `if(count(${column}) = 0, NULL, ${type7Quantile(xs, `count(${column})`, p)})`;
}

/** Sample standard deviation as the analysis layer defines it (0 for fewer than two values). */
function sampleStdDev(column: string, n: string): string {
  return `if(${n} > 1, stddevSamp(${column}), 0)`;
}

export async function queryDurationSummaries(
  connection: ClickHouseConnection,
  filter: ExecutionFilter,
): Promise<WorkflowDurationSummary[]> {
  const status = filter.status ?? EXECUTION_STATUS.completed;
  const source = executionSource({ ...filter, status }, ['isNotNull(duration_ms)']);
  return connection.rows<WorkflowDurationSummary>(
    `SELECT workflow_id, toFloat64(n) AS count, avg_duration_ms,
       ${type7Quantile('xs', 'n', 0.5)} AS median_duration_ms,
       ${type7Quantile('xs', 'n', 0.95)} AS p95_duration_ms,
       ${type7Quantile('xs', 'n', 0.99)} AS p99_duration_ms,
       arrayElement(xs, 1) AS min_duration_ms, arrayElement(xs, n) AS max_duration_ms, std_dev_ms
     FROM (
       SELECT workflow_id, count() AS n, avg(assumeNotNull(duration_ms)) AS avg_duration_ms,
         arraySort(groupArray(assumeNotNull(duration_ms))) AS xs,
         ${sampleStdDev('assumeNotNull(duration_ms)', 'count()')} AS std_dev_ms
       FROM ${source} GROUP BY workflow_id)
     ORDER BY workflow_id`,
  );
}

export async function querySuccessRates(
  connection: ClickHouseConnection,
  filter: ExecutionFilter,
): Promise<SuccessRate[]> {
  const completed = stringLiteral(EXECUTION_STATUS.completed);
  const failed = stringLiteral(EXECUTION_STATUS.failed);
  const rows = await connection.rows<SuccessRate>(
    `SELECT workflow_id, completed, failed, completed + failed AS total,
       if(completed + failed = 0, NULL, completed / (completed + failed) * 100) AS success_rate
     FROM (SELECT workflow_id, toFloat64(countIf(status = ${completed})) AS completed,
             toFloat64(countIf(status = ${failed})) AS failed
           FROM ${executionSource(filter)} GROUP BY workflow_id)
     ORDER BY workflow_id`,
  );
  return rows;
}

/**
 * Per (workflow, node): the node's most frequent action type (ties to the
 * smallest name) and its steps' aggregates, as summarizeSteps.
 */
export async function queryNodeSummaries(
  connection: ClickHouseConnection,
  filter: ExecutionFilter,
  statuses: readonly string[] = [STEP_STATUS.completed],
): Promise<NodeSummary[]> {
  const conditions = filterConditions({ ...filter, status: undefined }, STEP_COLUMNS);
  conditions.push(inStrings('status', statuses));
  const failed = stringLiteral(STEP_STATUS.failed);
  return connection.rows<NodeSummary>(
    `SELECT workflow_id, node_id, mode_action_type AS action_type, toFloat64(n) AS count, total_duration_ms,
       total_duration_ms / n AS avg_duration_ms, ${type7Quantile('xs', 'n', 0.95)} AS p95_duration_ms,
       arrayElement(xs, n) AS max_duration_ms, failed_count, retry_total
     FROM (
       SELECT workflow_id, node_id, sum(type_count) AS n, sum(type_total) AS total_duration_ms,
         arraySort(groupArrayArray(durations)) AS xs,
         toFloat64(sum(type_failed)) AS failed_count, toFloat64(sum(type_retries)) AS retry_total,
         tupleElement(arrayElement(arraySort(groupArray((-type_count, action_type))), 1), 2) AS mode_action_type
       FROM (
         SELECT workflow_id, node_id, action_type, count() AS type_count, sum(duration_ms) AS type_total,
           groupArray(duration_ms) AS durations, countIf(status = ${failed}) AS type_failed,
           sum(retry_count) AS type_retries
         FROM steps FINAL ${whereClause(conditions)} GROUP BY workflow_id, node_id, action_type)
       GROUP BY workflow_id, node_id)
     ORDER BY workflow_id, node_id`,
  );
}
