/**
 * Failed executions with their first failed step (by start, then step id), as
 * analysis/failure-breakdown describes a failure; categorizing stays in the
 * pure layer (user rules are regular expressions).
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { EXECUTION_STATUS, STEP_STATUS } from '@rpa-analytics/conventions';
import type { FailureRow } from '../analysis-store';
import type { ExecutionFilter } from '../store';
import { EXECUTION_FILTER_COLUMNS, filterConditions, SqlParams, whereClause } from './filter-sql';

export async function queryFailures(
  connection: DuckDBConnection,
  filter: ExecutionFilter,
): Promise<FailureRow[]> {
  const params = new SqlParams();
  const conditions = filterConditions({ ...filter, status: undefined }, EXECUTION_FILTER_COLUMNS, params);
  conditions.push(`e.status = ${params.bind(EXECUTION_STATUS.failed)}`);
  const failedStep = params.bind(STEP_STATUS.failed);
  const result = await connection.runAndReadAll(
    `WITH fe AS (SELECT e.workflow_id, e.execution_id, e.started_at, e.error_type, e.error_message
                 FROM executions_all e ${whereClause(conditions)}),
     fs AS (SELECT execution_id, step_id, error_type, error_details, confidence_score,
              row_number() OVER (PARTITION BY execution_id ORDER BY started_at, step_id) AS k
            FROM steps_all WHERE status = ${failedStep} AND execution_id IN (SELECT execution_id FROM fe))
     SELECT fe.workflow_id, fe.execution_id, fs.step_id, coalesce(fe.error_type, fs.error_type) AS error_type,
            coalesce(fe.error_message, fs.error_details) AS message, fs.confidence_score
     FROM fe LEFT JOIN fs ON fs.execution_id = fe.execution_id AND fs.k = 1
     ORDER BY fe.started_at, fe.execution_id`,
    params.values,
  );
  return result.getRowObjects() as unknown as FailureRow[];
}
