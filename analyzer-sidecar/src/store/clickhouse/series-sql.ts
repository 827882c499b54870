/**
 * Lean inputs of the anomaly detector and of the running-executions gauge, in
 * ClickHouse: finished executions with only the columns the series use, and
 * completed steps as one list per node (collected as tuples, so the three
 * lists keep one order).
 */
import { EXECUTION_STATUS, STEP_STATUS } from '@rpa-analytics/conventions';
import {
  leanExecution,
  type LeanExecutionFields,
  type RunningExecutionAge,
  type SeriesRecords,
  type StepColumns,
} from '../analysis-store';
import type { ExecutionFilter } from '../store';
import type { ClickHouseConnection } from './connection';
import { EXECUTION_COLUMNS, filterConditions, STEP_COLUMNS, whereClause } from './filter-sql';
import { executionRowsSql } from './schema';
import { inStrings, int64Literal, stringLiteral } from './sql-literal';

export async function querySeriesRecords(
  connection: ClickHouseConnection,
  filter: ExecutionFilter,
): Promise<SeriesRecords> {
  const finished = filterConditions({ ...filter, status: undefined }, EXECUTION_COLUMNS);
  const executions = await connection.rows<LeanExecutionFields>(
    `SELECT workflow_id, execution_id, started_at, completed_at, duration_ms, status, cpu_percent_avg, memory_mb_max
     FROM executions FINAL ${whereClause(finished)}`,
  );
  const stepConditions = filterConditions({ ...filter, actionType: undefined }, STEP_COLUMNS);
  stepConditions.push(`status = ${stringLiteral(STEP_STATUS.completed)}`);
  const steps = await connection.rows<StepColumns>(
    `SELECT workflow_id, node_id, arrayMap(t -> tupleElement(t, 1), points) AS completed_at,
       arrayMap(t -> tupleElement(t, 2), points) AS duration_ms, arrayMap(t -> tupleElement(t, 3), points) AS execution_id
     FROM (SELECT workflow_id, node_id, groupArray((completed_at, duration_ms, execution_id)) AS points
           FROM steps FINAL ${whereClause(stepConditions)} GROUP BY workflow_id, node_id)`,
  );
  return { executions: executions.map(leanExecution), steps };
}

const FINISHED = Object.values(EXECUTION_STATUS);

/**
 * Per workflow, the start of the oldest execution still running since
 * `since`: executions whose steps arrived without a final execution (steps
 * older than the oldest stored execution lost theirs to retention), and
 * start markers without one.
 */
export async function queryRunningExecutions(
  connection: ClickHouseConnection,
  since: number,
): Promise<RunningExecutionAge[]> {
  const from = int64Literal(since);
  const retainedFrom = `(SELECT ifNull(min(started_at), toInt64(0)) FROM executions)`;
  const ended = `SELECT execution_id FROM executions WHERE ${inStrings('status', FINISHED)}`;
  const markers = executionRowsSql({
    conditions: [`started_at >= ${from}`, "status = 'running'"],
    includeRunning: true,
  });
  return connection.rows<RunningExecutionAge>(
    `SELECT workflow_id, toFloat64(min(first_at)) AS oldest_started_at FROM (
       SELECT workflow_id, min(started_at) AS first_at FROM steps
       WHERE started_at >= greatest(${from}, ${retainedFrom}) AND execution_id GLOBAL NOT IN (${ended})
       GROUP BY workflow_id, execution_id
       UNION ALL
       SELECT workflow_id, started_at AS first_at FROM ${markers})
     GROUP BY workflow_id ORDER BY workflow_id`,
  );
}
