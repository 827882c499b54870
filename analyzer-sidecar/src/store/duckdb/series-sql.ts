/**
 * Lean inputs of the anomaly detector and of the running-executions gauge.
 * Only the columns the metric series use are read, times cast to DOUBLE, and
 * steps come as one list per node: strings are what costs crossing into JavaScript.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { EXECUTION_STATUS, STEP_STATUS } from '@rpa-analytics/conventions';
import type { ExecutionRecord, StoredExecutionStatus } from '../../model/records';
import {
  leanExecution,
  type RunningExecutionAge,
  type SeriesRecords,
  type StepColumns,
} from '../analysis-store';
import type { ExecutionFilter } from '../store';
import {
  EXECUTION_FILTER_COLUMNS,
  type FilterColumns,
  filterConditions,
  SqlParams,
  whereClause,
} from './filter-sql';

const RUNNING = 'running';

const STEP_FILTER_COLUMNS: FilterColumns = {
  alias: 's',
  time: 'started_at',
  hasStatus: false,
  hasActionType: true,
  actionTypeViaSteps: false,
};

function leanRow(row: readonly unknown[]): ExecutionRecord {
  const [workflow_id, execution_id, started_at, completed_at, duration_ms, status, cpu, memory] = row;
  return leanExecution({
    workflow_id: workflow_id as string,
    execution_id: execution_id as string,
    started_at: started_at as number,
    completed_at: completed_at as number | null,
    duration_ms: duration_ms as number | null,
    status: status as StoredExecutionStatus,
    cpu_percent_avg: cpu as number | null,
    memory_mb_max: memory as number | null,
  });
}

function stepColumns(row: readonly unknown[]): StepColumns {
  const [workflow_id, node_id, completed_at, duration_ms, execution_id] = row;
  return {
    workflow_id: workflow_id as string,
    node_id: node_id as string,
    completed_at: completed_at as number[],
    duration_ms: duration_ms as number[],
    execution_id: execution_id as string[],
  };
}

export async function querySeriesRecords(
  connection: DuckDBConnection,
  filter: ExecutionFilter,
): Promise<SeriesRecords> {
  const ep = new SqlParams();
  const ec = filterConditions({ ...filter, status: undefined }, EXECUTION_FILTER_COLUMNS, ep);
  ec.push(`e.status <> ${ep.bind(RUNNING)}`);
  const executions = await connection.runAndReadAll(
    `SELECT e.workflow_id, e.execution_id, e.started_at::DOUBLE, e.completed_at::DOUBLE, e.duration_ms,
            e.status, e.cpu_percent_avg, e.memory_mb_max
     FROM executions_all e ${whereClause(ec)}`,
    ep.values,
  );
  const sp = new SqlParams();
  const sc = filterConditions({ ...filter, actionType: undefined }, STEP_FILTER_COLUMNS, sp);
  sc.push(`s.status = ${sp.bind(STEP_STATUS.completed)}`);
  const steps = await connection.runAndReadAll(
    `SELECT s.workflow_id, s.node_id, list(s.completed_at::DOUBLE) AS completed_at,
       list(s.duration_ms) AS duration_ms, list(s.execution_id) AS execution_id
     FROM steps_all s ${whereClause(sc)} GROUP BY s.workflow_id, s.node_id`,
    sp.values,
  );
  return {
    executions: executions.getRows().map(leanRow),
    steps: steps.getRowsJS().map(stepColumns),
  };
}

/**
 * Where stored executions begin. Steps older than that may have lost their
 * execution to retention (executions deleted, steps kept): they are not
 * executions still running.
 */
const RETAINED_EXECUTIONS_FROM = `SELECT coalesce(min(started_at), 0) FROM executions_all WHERE status <> '${RUNNING}'`;

export async function queryRunningExecutions(
  connection: DuckDBConnection,
  since: number,
): Promise<RunningExecutionAge[]> {
  const finished = Object.values(EXECUTION_STATUS)
    .map((s) => `'${s}'`)
    .join(', ');
  const result = await connection.runAndReadAll(
    `SELECT workflow_id, min(started_at)::DOUBLE AS oldest_started_at FROM (
       SELECT s.workflow_id, min(s.started_at) AS started_at FROM steps_all s
       WHERE s.started_at >= greatest($1::BIGINT, (${RETAINED_EXECUTIONS_FROM})) AND NOT EXISTS (
         SELECT 1 FROM executions_all e WHERE e.execution_id = s.execution_id AND e.status IN (${finished}))
       GROUP BY s.workflow_id, s.execution_id
       UNION ALL
       SELECT workflow_id, started_at FROM executions_all WHERE status = '${RUNNING}' AND started_at >= $1::BIGINT)
     GROUP BY workflow_id ORDER BY workflow_id`,
    [since],
  );
  return result.getRowObjects() as unknown as RunningExecutionAge[];
}
