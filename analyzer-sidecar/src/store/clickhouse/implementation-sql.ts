/**
 * Insight implementations in a versioned table on the router
 * (versioned-table.ts): recording one again is a new version of its row,
 * forgetting it a deleted one.
 */
import { VersionClock } from './version-clock';
import type { Insight } from '../../model/analysis';
import type { ImplementationStore, InsightImplementation } from '../implementation-store';
import type { ClickHouseStore } from './clickhouse-store';
import type { BinaryColumn } from './row-binary';
import { createVersionedTableSql, DELETED_COLUMN, VERSION_COLUMN } from './versioned-table';

const TABLE = 'insight_implementations';

/** `reported_impact` and `insight` as JSON text. */
const COLUMNS: readonly BinaryColumn[] = [
  { name: 'insight_id', kind: 'varchar', nullable: false },
  { name: 'workflow_id', kind: 'varchar', nullable: false },
  { name: 'implemented_at', kind: 'bigint', nullable: false },
  { name: 'note', kind: 'varchar', nullable: true },
  { name: 'reported_impact', kind: 'varchar', nullable: true },
  { name: 'insight', kind: 'varchar', nullable: false },
  DELETED_COLUMN,
  VERSION_COLUMN,
];

export const IMPLEMENTATIONS_TABLE = TABLE;

interface Row {
  insight_id: string;
  workflow_id: string;
  implemented_at: number;
  note: string | null;
  reported_impact: string | null;
  insight: string;
}

export async function openClickHouseImplementations(store: ClickHouseStore): Promise<ImplementationStore> {
  await store.read((connection) => connection.command(createVersionedTableSql(TABLE, COLUMNS, 'insight_id')));
  const clock = new VersionClock();
  const nextVersion = () => clock.next();
  const write = (row: object) => store.read((c) => c.insert(TABLE, COLUMNS, [row]));
  return {
    async record(implementation: InsightImplementation): Promise<void> {
      const { reported_impact, insight } = implementation;
      await write({
        ...implementation,
        reported_impact: reported_impact === null ? null : JSON.stringify(reported_impact),
        insight: JSON.stringify(insight),
        deleted: 0,
        version: nextVersion(),
      });
    },
    // A tombstone whether or not the insight was recorded: removing is idempotent, and reads skip it either way.
    async remove(insightId: string): Promise<void> {
      await write({
        insight_id: insightId,
        workflow_id: '',
        implemented_at: 0,
        insight: '{}',
        deleted: 1,
        version: nextVersion(),
      });
    },
    async list(): Promise<InsightImplementation[]> {
      const rows = await store.read((c) =>
        c.rows<Row>(
          `SELECT insight_id, workflow_id, implemented_at, note, reported_impact, insight
           FROM ${TABLE} FINAL WHERE deleted = 0 ORDER BY implemented_at, insight_id`,
        ),
      );
      return rows.map((row) => ({
        ...row,
        reported_impact:
          row.reported_impact === null ? null : (JSON.parse(row.reported_impact) as Record<string, unknown>),
        insight: JSON.parse(row.insight) as Insight,
      }));
    },
  };
}
