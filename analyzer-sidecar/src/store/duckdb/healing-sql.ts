/** DuckDB answers to the HealingStore questions, on the store's read connections. */
import type { DuckDBConnection } from '@duckdb/node-api';
import { EXECUTION_STATUS, STEP_STATUS } from '@rpa-analytics/conventions';
import type { ConfidencePoint } from '../../analysis/drift/confidence-drift';
import type { HealingRow, TargetStepCount } from '../../analysis/healing/healing-stats';
import type { WorkflowRunTotals } from '../../analysis/roi/time-saved';
import type { HealingStore, QueueTimeSummary, WorkflowStarts } from '../healing-store';
import type { ExecutionFilter } from '../store';
import type { DuckDbStore } from './duckdb-store';
import { EXECUTION_FILTER_COLUMNS, filterConditions, SqlParams, whereClause } from './filter-sql';

/** The executions of the filter, as a CTE every query here starts from. */
function executionsCte(filter: ExecutionFilter, params: SqlParams): string {
  const conditions = filterConditions(filter, EXECUTION_FILTER_COLUMNS, params);
  return `fe AS (SELECT e.execution_id, e.workflow_id, e.started_at, e.completed_at, e.duration_ms, e.status, e.requested_at
                 FROM executions_all e ${whereClause(conditions)})`;
}

async function rows<T>(connection: DuckDBConnection, sql: string, params: SqlParams): Promise<T[]> {
  const result = await connection.runAndReadAll(sql, params.values);
  // JS values: lists as arrays (every BIGINT here is cast to DOUBLE first).
  return result.getRowObjectsJS() as unknown as T[];
}

async function healingRows(c: DuckDBConnection, filter: ExecutionFilter): Promise<HealingRow[]> {
  const params = new SqlParams();
  const failed = params.bind(STEP_STATUS.failed);
  // A later failure: a failed step of the same execution starting at or after the recovery ended.
  return rows<HealingRow>(
    c,
    `WITH ${executionsCte(filter, params)},
     r AS (SELECT r.* FROM recoveries_all r WHERE r.execution_id IN (SELECT execution_id FROM fe)),
     s AS (SELECT s.step_id, s.execution_id, s.target_element, s.node_id, s.started_at, s.status
           FROM steps_all s WHERE s.execution_id IN (SELECT execution_id FROM r))
     SELECT r.recovery_id, r.workflow_id, r.execution_id, r.step_id,
            coalesce(hs.target_element, '') AS target_element, coalesce(hs.node_id, '') AS node_id,
            r.strategy, r.outcome, r.started_at::DOUBLE AS started_at, r.completed_at::DOUBLE AS completed_at,
            (SELECT min(f.started_at) FROM s f WHERE f.execution_id = r.execution_id AND f.status = ${failed}
               AND f.started_at >= r.completed_at)::DOUBLE AS later_failure_at,
            (SELECT arg_min(f.target_element, f.started_at) FROM s f WHERE f.execution_id = r.execution_id
               AND f.status = ${failed} AND f.started_at >= r.completed_at) AS later_failure_target
     FROM r LEFT JOIN (SELECT DISTINCT ON (step_id) * FROM s) hs ON hs.step_id = r.step_id
     ORDER BY r.started_at, r.recovery_id`,
    params,
  );
}

async function targetStepCounts(c: DuckDBConnection, filter: ExecutionFilter): Promise<TargetStepCount[]> {
  const params = new SqlParams();
  return rows<TargetStepCount>(
    c,
    `WITH ${executionsCte(filter, params)}
     SELECT s.workflow_id, s.target_element, count(*)::DOUBLE AS steps
     FROM steps_all s WHERE s.execution_id IN (SELECT execution_id FROM fe)
     GROUP BY 1, 2 ORDER BY 1, 2`,
    params,
  );
}

/**
 * One row per (target, execution): the mean confidence of the target's steps
 * and its first failure. A target with more than `maxPerTarget` executions is
 * averaged into that many equal-count bins in time order here, so the rows
 * crossing into JavaScript stay bounded (the drift test's own binning, pushed
 * down: analysis/drift/confidence-drift).
 */
async function confidencePoints(
  c: DuckDBConnection,
  filter: ExecutionFilter,
  maxPerTarget: number,
): Promise<ConfidencePoint[]> {
  const params = new SqlParams();
  const failed = params.bind(STEP_STATUS.failed);
  const max = params.bind(Math.max(1, Math.floor(maxPerTarget)));
  return rows<ConfidencePoint>(
    c,
    `WITH ${executionsCte(filter, params)},
     pe AS (SELECT s.workflow_id, s.target_element, s.execution_id, min(s.started_at) AS started_at,
              avg(s.confidence_score) AS confidence, min(s.started_at) FILTER (WHERE s.status = ${failed}) AS failed_at
            FROM steps_all s WHERE s.target_element <> '' AND s.execution_id IN (SELECT execution_id FROM fe)
            GROUP BY 1, 2, 3),
     nb AS (SELECT *, row_number() OVER w - 1 AS rn, count(*) OVER (PARTITION BY workflow_id, target_element) AS n
            FROM pe WINDOW w AS (PARTITION BY workflow_id, target_element ORDER BY started_at, execution_id))
     SELECT workflow_id, target_element, max_by(execution_id, started_at) AS execution_id,
            avg(started_at)::DOUBLE AS started_at, avg(confidence) AS confidence,
            CASE WHEN count(failed_at) > 0 THEN 'failed' ELSE 'completed' END AS status,
            count(confidence)::DOUBLE AS executions, min(failed_at)::DOUBLE AS failed_at
     FROM nb
     GROUP BY workflow_id, target_element, CASE WHEN n <= ${max}::BIGINT THEN rn ELSE floor(rn * ${max}::BIGINT / n) END
     ORDER BY started_at, execution_id`,
    params,
  );
}

async function runTotals(c: DuckDBConnection, filter: ExecutionFilter): Promise<WorkflowRunTotals[]> {
  const params = new SqlParams();
  const completed = params.bind(EXECUTION_STATUS.completed);
  const failed = params.bind(EXECUTION_STATUS.failed);
  return rows<WorkflowRunTotals>(
    c,
    `WITH ${executionsCte({ ...filter, status: undefined }, params)},
     h AS (SELECT workflow_id, sum(greatest(0, completed_at - started_at))::DOUBLE AS healing_ms
           FROM recoveries_all WHERE execution_id IN (SELECT execution_id FROM fe) GROUP BY 1)
     SELECT fe.workflow_id, count(*) FILTER (WHERE fe.status = ${completed})::DOUBLE AS completed,
            count(*) FILTER (WHERE fe.status = ${failed})::DOUBLE AS failed,
            coalesce(any_value(h.healing_ms), 0) AS healing_ms
     FROM fe LEFT JOIN h USING (workflow_id) GROUP BY fe.workflow_id ORDER BY fe.workflow_id`,
    params,
  );
}

async function executionStarts(c: DuckDBConnection, filter: ExecutionFilter): Promise<WorkflowStarts[]> {
  const params = new SqlParams();
  return rows<WorkflowStarts>(
    c,
    `WITH ${executionsCte({ ...filter, status: undefined }, params)}
     SELECT workflow_id, list(started_at::DOUBLE ORDER BY started_at) AS started_at
     FROM fe GROUP BY 1 ORDER BY 1`,
    params,
  );
}

async function queueTimes(c: DuckDBConnection, filter: ExecutionFilter): Promise<QueueTimeSummary[]> {
  const params = new SqlParams();
  return rows<QueueTimeSummary>(
    c,
    `WITH ${executionsCte(filter, params)},
     q AS (SELECT workflow_id, duration_ms,
             CASE WHEN requested_at IS NULL THEN NULL ELSE greatest(0, started_at - requested_at)::DOUBLE END AS queue_ms
           FROM fe WHERE status <> 'running')
     SELECT workflow_id, count(*)::DOUBLE AS executions, count(queue_ms)::DOUBLE AS with_request_time,
            quantile_cont(queue_ms, 0.5) AS queue_ms_median, quantile_cont(queue_ms, 0.95) AS queue_ms_p95,
            max(queue_ms) AS queue_ms_max,
            quantile_cont(duration_ms, 0.5) AS run_ms_median, quantile_cont(duration_ms, 0.95) AS run_ms_p95
     FROM q GROUP BY 1 ORDER BY 1`,
    params,
  );
}

export function createDuckDbHealingStore(store: DuckDbStore): HealingStore {
  return {
    healingRows: (filter) => store.read((c) => healingRows(c, filter)),
    targetStepCounts: (filter) => store.read((c) => targetStepCounts(c, filter)),
    confidencePoints: (filter, maxPerTarget) => store.read((c) => confidencePoints(c, filter, maxPerTarget)),
    runTotals: (filter) => store.read((c) => runTotals(c, filter)),
    executionStarts: (filter) => store.read((c) => executionStarts(c, filter)),
    queueTimes: (filter) => store.read((c) => queueTimes(c, filter)),
  };
}
