/** Workflow settings in a DuckDB table of their own (retention and archive leave it alone). */
import type { WorkflowSettings, WorkflowSettingsStore } from '../workflow-settings-store';
import type { DuckDbStore } from './duckdb-store';

const CREATE = `CREATE TABLE IF NOT EXISTS workflow_settings (
  workflow_id VARCHAR PRIMARY KEY, manual_minutes_per_case DOUBLE, cost_per_hour DOUBLE, currency VARCHAR,
  failure_handling_minutes DOUBLE NOT NULL, cron VARCHAR, timezone VARCHAR NOT NULL, tolerance_minutes DOUBLE,
  updated_at BIGINT NOT NULL)`;

const SELECT = `SELECT workflow_id, manual_minutes_per_case, cost_per_hour, currency, failure_handling_minutes,
  cron, timezone, tolerance_minutes, updated_at::DOUBLE AS updated_at FROM workflow_settings`;

export async function openWorkflowSettingsTable(store: DuckDbStore): Promise<WorkflowSettingsStore> {
  await store.exclusive((connection) => connection.run(CREATE));
  const select = async (where: string, values: string[]): Promise<WorkflowSettings[]> => {
    const result = await store.read((c) =>
      c.runAndReadAll(`${SELECT} ${where} ORDER BY workflow_id`, values),
    );
    return result.getRowObjectsJS() as unknown as WorkflowSettings[];
  };
  return {
    list: () => select('', []),
    async get(workflowId) {
      return (await select('WHERE workflow_id = $1', [workflowId]))[0] ?? null;
    },
    async put(s) {
      await store.exclusive((c) =>
        c.run(
          'INSERT OR REPLACE INTO workflow_settings VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::BIGINT)',
          [
            s.workflow_id,
            s.manual_minutes_per_case,
            s.cost_per_hour,
            s.currency,
            s.failure_handling_minutes,
            s.cron,
            s.timezone,
            s.tolerance_minutes,
            s.updated_at,
          ],
        ),
      );
    },
    async remove(workflowId) {
      const result = await store.exclusive((c) =>
        c.run('DELETE FROM workflow_settings WHERE workflow_id = $1', [workflowId]),
      );
      return result.rowsChanged > 0;
    },
  };
}
