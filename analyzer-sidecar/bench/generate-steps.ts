/**
 * Generates executions and steps straight into the DuckDB store with SQL
 * (millions of rows in seconds), shaped like what the instrumentation sends:
 * random UUID execution ids, step ids `<execution>/<n>`, one trace per
 * execution, random span ids, durations with microsecond precision.
 */
import type { DuckDBConnection } from '@duckdb/node-api';

export const STEPS_PER_EXECUTION = 10;
const ACTIONS = `['click', 'type', 'wait', 'extract', 'scroll', 'select', 'hover', 'drag']`;

export async function generateSteps(
  connection: DuckDBConnection,
  steps: number,
  workflows: number,
  start: number,
): Promise<void> {
  const executions = Math.ceil(steps / STEPS_PER_EXECUTION);
  await connection.run(`CREATE TEMP TABLE gen_exec AS
    SELECT i, gen_random_uuid()::VARCHAR AS execution_id, 'workflow-' || (i % ${workflows}) AS workflow_id,
           replace(gen_random_uuid()::VARCHAR, '-', '') AS trace_id,
           ${start}::BIGINT + i * 2000 AS started_at
    FROM range(${executions}) t(i)`);
  await connection.run(`INSERT INTO steps
    SELECT e.execution_id || '/' || n, e.execution_id, e.workflow_id, 'node-' || n,
           ${ACTIONS}[1 + ((hash(e.workflow_id) + n) % 8)::INTEGER],
           '#element-' || n,
           e.started_at + n * 150,
           e.started_at + n * 150 + d::BIGINT,
           d,
           CASE WHEN random() < 0.03 THEN 'failed' ELSE 'completed' END,
           round(0.7 + random() * 0.3, 2),
           CASE WHEN random() < 0.05 THEN 1 ELSE 0 END,
           NULL, NULL, e.trace_id, substr(replace(gen_random_uuid()::VARCHAR, '-', ''), 1, 16)
    FROM gen_exec e, range(${STEPS_PER_EXECUTION}) s(n),
         LATERAL (SELECT round(20 + random() * 200 + (hash(e.workflow_id) % 50), 3) AS d)`);
  await connection.run(`INSERT INTO executions
    SELECT execution_id, workflow_id, started_at, started_at + 1500, 1500 + random() * 500,
           CASE WHEN random() < 0.05 THEN 'failed' ELSE 'completed' END,
           ${STEPS_PER_EXECUTION}, ${STEPS_PER_EXECUTION}, 0, NULL, NULL, '{}', 'executor', 'host-1', trace_id,
           substr(replace(gen_random_uuid()::VARCHAR, '-', ''), 1, 16), NULL, NULL, NULL, NULL, NULL, NULL,
           NULL -- requested_at
    FROM gen_exec`);
  await connection.run('DROP TABLE gen_exec');
  await connection.run('CHECKPOINT');
}
