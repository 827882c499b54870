/**
 * ClickHouse answers to the HealingStore questions. 18.16 has no correlated
 * subqueries, one JOIN per SELECT and no window functions: later failures are
 * a join on the execution then a conditional aggregate per recovery, and the
 * equal-count bins of a busy target come from its points sorted into an array.
 */
import { EXECUTION_STATUS, STEP_STATUS } from '@rpa-analytics/conventions';
import type { ConfidencePoint } from '../../analysis/drift/confidence-drift';
import type { HealingRow, TargetStepCount } from '../../analysis/healing/healing-stats';
import type { WorkflowRunTotals } from '../../analysis/roi/time-saved';
import type { HealingStore, QueueTimeSummary, WorkflowStarts } from '../healing-store';
import type { ExecutionFilter } from '../store';
import type { ClickHouseStore } from './clickhouse-store';
import type { ClickHouseConnection } from './connection';
import { executionSource } from './filter-sql';
import { limitLiteral, stringLiteral } from './sql-literal';
import { nullableQuantile } from './stats-sql';

const FAILED_STEP = stringLiteral(STEP_STATUS.failed);

/** Ids of the filter's executions, for `GLOBAL IN`. */
function executionIds(filter: ExecutionFilter): string {
  return `SELECT execution_id FROM ${executionSource(filter)}`;
}

function healingRows(c: ClickHouseConnection, filter: ExecutionFilter): Promise<HealingRow[]> {
  const recoveries = `SELECT recovery_id, workflow_id, execution_id, step_id, strategy, outcome, started_at, completed_at
    FROM recoveries FINAL WHERE execution_id GLOBAL IN (${executionIds(filter)})`;
  const healed = `SELECT step_id, any(target_element) AS target_element, any(node_id) AS node_id
    FROM steps FINAL WHERE step_id GLOBAL IN (SELECT step_id FROM (${recoveries})) GROUP BY step_id`;
  const failures = `SELECT execution_id, 1 AS has_failure, started_at AS failure_at, target_element AS failure_target
    FROM steps FINAL WHERE status = ${FAILED_STEP} AND execution_id GLOBAL IN (SELECT execution_id FROM (${recoveries}))`;
  // A later failure: a failed step of the same execution starting at or after the recovery ended.
  const later = 'has_failure = 1 AND failure_at >= completed_at';
  return c.rows<HealingRow>(
    `SELECT recovery_id, workflow_id, execution_id, step_id, target_element, node_id, strategy, outcome,
       toFloat64(started_at) AS started_at, toFloat64(completed_at) AS completed_at,
       if(countIf(${later}) = 0, NULL, toFloat64(minIf(failure_at, ${later}))) AS later_failure_at,
       if(countIf(${later}) = 0, NULL, argMinIf(failure_target, failure_at, ${later})) AS later_failure_target
     FROM (SELECT * FROM (${recoveries}) ANY LEFT JOIN (${healed}) USING step_id)
       ALL LEFT JOIN (${failures}) USING execution_id
     GROUP BY recovery_id, workflow_id, execution_id, step_id, target_element, node_id, strategy, outcome,
       started_at, completed_at
     ORDER BY started_at, recovery_id`,
  );
}

function targetStepCounts(c: ClickHouseConnection, filter: ExecutionFilter): Promise<TargetStepCount[]> {
  return c.rows<TargetStepCount>(
    `SELECT workflow_id, target_element, toFloat64(count()) AS steps FROM steps FINAL
     WHERE execution_id GLOBAL IN (${executionIds(filter)})
     GROUP BY workflow_id, target_element ORDER BY workflow_id, target_element`,
  );
}

/**
 * One row per (target, execution): the mean confidence of the target's steps
 * and its first failure; a target with more than `maxPerTarget` executions is
 * averaged into that many equal-count bins in time order (as the DuckDB
 * backend does; analysis/drift/confidence-drift). Nulls inside the sorted
 * tuples travel as NaN and -1 (18.16 turns them into defaults there).
 */
function confidencePoints(
  c: ClickHouseConnection,
  filter: ExecutionFilter,
  maxPerTarget: number,
): Promise<ConfidencePoint[]> {
  const max = limitLiteral(Math.max(1, Math.floor(maxPerTarget)));
  const perExecution = `SELECT workflow_id, target_element, execution_id, min(started_at) AS first_at,
      avg(confidence_score) AS confidence,
      if(countIf(status = ${FAILED_STEP}) = 0, toInt64(-1), minIf(started_at, status = ${FAILED_STEP})) AS failed_at
    FROM steps FINAL WHERE target_element != '' AND execution_id GLOBAL IN (${executionIds(filter)})
    GROUP BY workflow_id, target_element, execution_id`;
  const sorted = `SELECT workflow_id, target_element,
      arraySort(t -> (tupleElement(t, 1), tupleElement(t, 2)),
        groupArray((first_at, execution_id, ifNull(confidence, nan), failed_at))) AS points, length(points) AS n
    FROM (${perExecution}) GROUP BY workflow_id, target_element`;
  const numbered = `SELECT workflow_id, target_element, n, i - 1 AS rn, tupleElement(p, 1) AS point_at,
      tupleElement(p, 2) AS point_execution, if(isNaN(tupleElement(p, 3)), NULL, tupleElement(p, 3)) AS point_confidence,
      if(tupleElement(p, 4) < 0, NULL, tupleElement(p, 4)) AS point_failed_at
    FROM (${sorted}) ARRAY JOIN points AS p, arrayEnumerate(points) AS i`;
  return c.rows<ConfidencePoint>(
    `SELECT workflow_id, target_element, argMax(point_execution, point_at) AS execution_id,
       avg(point_at) AS started_at, avg(point_confidence) AS confidence,
       if(count(point_failed_at) > 0, 'failed', 'completed') AS status,
       toFloat64(count(point_confidence)) AS executions, toFloat64(min(point_failed_at)) AS failed_at
     FROM (${numbered})
     GROUP BY workflow_id, target_element, if(n <= ${max}, toInt64(rn), toInt64(floor(rn * ${max} / n))) AS bin
     ORDER BY started_at, execution_id`,
  );
}

function runTotals(c: ClickHouseConnection, filter: ExecutionFilter): Promise<WorkflowRunTotals[]> {
  const all = { ...filter, status: undefined };
  const healing = `SELECT workflow_id, toFloat64(sum(greatest(0, completed_at - started_at))) AS healing_ms
    FROM recoveries FINAL WHERE execution_id GLOBAL IN (${executionIds(all)}) GROUP BY workflow_id`;
  return c.rows<WorkflowRunTotals>(
    `SELECT workflow_id, toFloat64(countIf(status = ${stringLiteral(EXECUTION_STATUS.completed)})) AS completed,
       toFloat64(countIf(status = ${stringLiteral(EXECUTION_STATUS.failed)})) AS failed, any(healing_ms) AS healing_ms
     FROM (SELECT workflow_id, status FROM ${executionSource(all)}) ANY LEFT JOIN (${healing}) USING workflow_id
     GROUP BY workflow_id ORDER BY workflow_id`,
  );
}

function executionStarts(c: ClickHouseConnection, filter: ExecutionFilter): Promise<WorkflowStarts[]> {
  return c.rows<WorkflowStarts>(
    `SELECT workflow_id, starts AS started_at FROM (
       SELECT workflow_id, arraySort(groupArray(toFloat64(started_at))) AS starts
       FROM ${executionSource({ ...filter, status: undefined })} GROUP BY workflow_id)
     ORDER BY workflow_id`,
  );
}

function queueTimes(c: ClickHouseConnection, filter: ExecutionFilter): Promise<QueueTimeSummary[]> {
  const finished = executionSource(filter, ["status != 'running'"]);
  return c.rows<QueueTimeSummary>(
    `SELECT workflow_id, toFloat64(count()) AS executions, toFloat64(count(queue_ms)) AS with_request_time,
       ${nullableQuantile('queue_ms', 0.5)} AS queue_ms_median, ${nullableQuantile('queue_ms', 0.95)} AS queue_ms_p95,
       max(queue_ms) AS queue_ms_max,
       ${nullableQuantile('duration_ms', 0.5)} AS run_ms_median, ${nullableQuantile('duration_ms', 0.95)} AS run_ms_p95
     FROM (SELECT workflow_id, duration_ms,
             if(isNull(requested_at), NULL, toFloat64(greatest(0, started_at - assumeNotNull(requested_at)))) AS queue_ms
           FROM ${finished})
     GROUP BY workflow_id ORDER BY workflow_id`,
  );
}

export function createClickHouseHealingStore(store: ClickHouseStore): HealingStore {
  return {
    healingRows: (filter) => store.read((c) => healingRows(c, filter)),
    targetStepCounts: (filter) => store.read((c) => targetStepCounts(c, filter)),
    confidencePoints: (filter, maxPerTarget) => store.read((c) => confidencePoints(c, filter, maxPerTarget)),
    runTotals: (filter) => store.read((c) => runTotals(c, filter)),
    executionStarts: (filter) => store.read((c) => executionStarts(c, filter)),
    queueTimes: (filter) => store.read((c) => queueTimes(c, filter)),
  };
}
