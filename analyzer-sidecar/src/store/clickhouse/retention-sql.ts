/**
 * Retention on ClickHouse. Its parts are already compressed columnar storage,
 * so there is no colder tier to move rows to (18.16 has no TTL moves or
 * storage policies): "hot" rows simply stay. Deleting old days drops whole
 * month partitions where the month has passed the cutoff, and deletes the
 * days before the cutoff inside its month with a mutation (applied by the
 * server in the background; 18.16 cannot wait for it).
 */
import { DAY_MS } from '../../archive/retention-policy';
import type { RecordRetention } from '../../archive/retention-job';
import { TABLES } from '../record-tables';
import type { RecordType } from '../../model/records';
import type { ClickHouseStore } from './clickhouse-store';
import type { ClickHouseConnection } from './connection';
import { STARTS_TABLE, type StoredTable } from './schema';
import { identifier, int64Literal, stringLiteral } from './sql-literal';

/** First instant after the month of a `toYYYYMM` partition (UTC). */
export function monthPartitionEnd(partition: number): number {
  const year = Math.floor(partition / 100);
  const month = partition % 100; // 1-based; Date.UTC's month index of the next month
  return Date.UTC(year, month, 1);
}

async function activePartitions(node: ClickHouseConnection, table: string): Promise<number[]> {
  const rows = await node.rows<{ partition: string }>(
    `SELECT DISTINCT partition FROM system.parts WHERE database = currentDatabase() AND table = ${stringLiteral(table)} AND active`,
  );
  return rows.map((row) => Number(row.partition)).filter((p) => Number.isInteger(p));
}

/** Drops the months wholly before `cutoff` and deletes the rest of the rows before it, on one node. */
async function deleteBefore(node: ClickHouseConnection, table: string, time: string, cutoff: number) {
  for (const partition of await activePartitions(node, table)) {
    if (monthPartitionEnd(partition) <= cutoff)
      await node.command(`ALTER TABLE ${identifier(table)} DROP PARTITION ${partition}`);
  }
  const left = await node.rows<{ n: number }>(
    `SELECT toFloat64(count()) AS n FROM ${identifier(table)} WHERE ${identifier(time)} < ${int64Literal(cutoff)}`,
  );
  if ((left[0]?.n ?? 0) > 0)
    await node.command(
      `ALTER TABLE ${identifier(table)} DELETE WHERE ${identifier(time)} < ${int64Literal(cutoff)}`,
    );
}

function timeColumn(table: StoredTable): string {
  return table === STARTS_TABLE ? 'started_at' : TABLES[table].timeColumn;
}

export function createClickHouseRetention(store: ClickHouseStore): RecordRetention & {
  forgetRunningBefore(before: number): Promise<number>;
} {
  return {
    async moveOlderThan() {
      return { rows: 0, files: 0 };
    },
    async deleteDaysBefore(type: RecordType, cutoff: number) {
      // Whole days, as the DuckDB archive deletes them.
      const dayCutoff = Math.floor(cutoff / DAY_MS) * DAY_MS;
      const time = identifier(timeColumn(type));
      const counted = await store.read((c) =>
        c.rows<{ n: number }>(
          `SELECT toFloat64(count()) AS n FROM ${identifier(type)} FINAL WHERE ${time} < ${int64Literal(dayCutoff)}`,
        ),
      );
      const doomed = counted[0]?.n ?? 0;
      if (doomed > 0)
        await store.onStorageNodes((node, name) =>
          deleteBefore(node, name(type), timeColumn(type), dayCutoff),
        );
      return doomed;
    },
    /** Start markers older than `before` (executions that will not end); how many were still running. */
    async forgetRunningBefore(before: number) {
      const counted = await store.read((c) =>
        c.rows<{ n: number }>(
          `SELECT toFloat64(count()) AS n FROM ${STARTS_TABLE} WHERE started_at < ${int64Literal(before)} ` +
            `AND execution_id GLOBAL NOT IN (SELECT execution_id FROM executions WHERE started_at < ${int64Literal(before)})`,
        ),
      );
      const running = counted[0]?.n ?? 0;
      if (running > 0)
        await store.onStorageNodes((node, name) =>
          deleteBefore(node, name(STARTS_TABLE), 'started_at', before),
        );
      return running;
    },
  };
}
