/**
 * Workflow settings in a versioned table on the router (versioned-table.ts):
 * a put is a new version of the workflow's row, a removal a deleted one, so
 * every analyzer instance reads the latest change at once.
 */
import { VersionClock } from './version-clock';
import type { WorkflowSettings, WorkflowSettingsStore } from '../workflow-settings-store';
import type { ClickHouseStore } from './clickhouse-store';
import { whereClause } from './filter-sql';
import type { BinaryColumn } from './row-binary';
import { stringLiteral } from './sql-literal';
import { createVersionedTableSql, DELETED_COLUMN, VERSION_COLUMN } from './versioned-table';

const TABLE = 'workflow_settings';

/** The settings' own fields, in the interface's order. */
const SETTINGS_COLUMNS: readonly BinaryColumn[] = [
  { name: 'workflow_id', kind: 'varchar', nullable: false },
  { name: 'manual_minutes_per_case', kind: 'double', nullable: true },
  { name: 'cost_per_hour', kind: 'double', nullable: true },
  { name: 'currency', kind: 'varchar', nullable: true },
  { name: 'failure_handling_minutes', kind: 'double', nullable: false },
  { name: 'cron', kind: 'varchar', nullable: true },
  { name: 'timezone', kind: 'varchar', nullable: false },
  { name: 'tolerance_minutes', kind: 'double', nullable: true },
  { name: 'updated_at', kind: 'bigint', nullable: false },
];

const COLUMNS = [...SETTINGS_COLUMNS, DELETED_COLUMN, VERSION_COLUMN];

export const SETTINGS_TABLE = TABLE;

export async function openClickHouseWorkflowSettings(store: ClickHouseStore): Promise<WorkflowSettingsStore> {
  await store.read((connection) =>
    connection.command(createVersionedTableSql(TABLE, COLUMNS, 'workflow_id')),
  );
  const clock = new VersionClock();
  const nextVersion = () => clock.next();
  const select = (conditions: string[]): Promise<WorkflowSettings[]> =>
    store.read((c) =>
      c.rows<WorkflowSettings>(
        `SELECT ${SETTINGS_COLUMNS.map((column) => column.name).join(', ')} FROM ${TABLE} FINAL
         ${whereClause(['deleted = 0', ...conditions])} ORDER BY workflow_id`,
      ),
    );
  const get = async (workflowId: string) =>
    (await select([`workflow_id = ${stringLiteral(workflowId)}`]))[0] ?? null;
  const write = (row: object) => store.read((c) => c.insert(TABLE, COLUMNS, [row]));
  return {
    list: () => select([]),
    get,
    put: (settings) => write({ ...settings, deleted: 0, version: nextVersion() }),
    async remove(workflowId) {
      if ((await get(workflowId)) === null) return false;
      await write({
        workflow_id: workflowId,
        failure_handling_minutes: 0,
        timezone: '',
        updated_at: 0,
        deleted: 1,
        version: nextVersion(),
      });
      return true;
    },
  };
}
