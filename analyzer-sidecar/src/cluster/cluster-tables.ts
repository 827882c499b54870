/**
 * What analyzers sharing one ClickHouse tell each other, in two small tables
 * on the router: heartbeats (who is alive, hence who owns which workflow) and
 * the commit feed (each acknowledged batch's new rows per workflow, and the
 * live events an instance published), so every instance tracks every running
 * execution and the owner of a workflow judges its rows wherever they arrived.
 */
import type { ClickHouseStore } from '../store/clickhouse/clickhouse-store';
import type { BinaryColumn } from '../store/clickhouse/row-binary';
import { inStrings, int64Literal } from '../store/clickhouse/sql-literal';
import type { Heartbeat } from './membership';

export type FeedKind = 'records' | 'event';

/** One row of the feed: one workflow's share of one committed batch, or one live event. */
export interface FeedEntry {
  /** Epoch ms on the writing instance when it appended the entry. */
  readonly at: number;
  readonly entry_id: string;
  readonly instance_id: string;
  readonly workflow_id: string;
  readonly kind: FeedKind;
  /** JSON: a RecordBatch of that workflow's new rows, or a live event. */
  readonly payload: string;
}

export type FeedKey = Omit<FeedEntry, 'payload'>;

const HEARTBEATS = 'analyzer_instances';
const FEED = 'analyzer_commit_feed';

const FEED_COLUMNS: readonly BinaryColumn[] = [
  { name: 'at', kind: 'bigint', nullable: false },
  { name: 'entry_id', kind: 'varchar', nullable: false },
  { name: 'instance_id', kind: 'varchar', nullable: false },
  { name: 'workflow_id', kind: 'varchar', nullable: false },
  { name: 'kind', kind: 'varchar', nullable: false },
  { name: 'payload', kind: 'varchar', nullable: false },
];

const HEARTBEAT_COLUMNS: readonly BinaryColumn[] = [
  { name: 'instance_id', kind: 'varchar', nullable: false },
  { name: 'seen_ms', kind: 'bigint', nullable: false },
];

const CREATE = [
  `CREATE TABLE IF NOT EXISTS ${HEARTBEATS} (instance_id String, seen_ms Int64) ` +
    'ENGINE = ReplacingMergeTree(seen_ms) ORDER BY instance_id',
  // Day partitions: old entries leave by dropping whole days.
  `CREATE TABLE IF NOT EXISTS ${FEED} (at Int64, entry_id String, instance_id String, workflow_id String, kind String, payload String) ` +
    'ENGINE = MergeTree PARTITION BY toYYYYMMDD(toDateTime(intDiv(at, 1000), ' +
    "'UTC')) ORDER BY (at, entry_id, workflow_id)",
];

export interface ClusterTables {
  heartbeat(instanceId: string, now: number): Promise<void>;
  heartbeats(): Promise<Heartbeat[]>;
  append(entries: readonly FeedEntry[]): Promise<void>;
  /** Keys of entries appended at or after `from`, oldest first (payloads are fetched for the unseen ones). */
  keysSince(from: number): Promise<FeedKey[]>;
  payloads(keys: readonly FeedKey[]): Promise<FeedEntry[]>;
  /** Drops the feed's days that ended before `before`. */
  dropFeedBefore(before: number): Promise<void>;
}

export async function openClusterTables(store: ClickHouseStore): Promise<ClusterTables> {
  await store.read(async (c) => {
    for (const sql of CREATE) await c.command(sql);
  });
  return {
    heartbeat: (instanceId, now) =>
      store.read((c) => c.insert(HEARTBEATS, HEARTBEAT_COLUMNS, [{ instance_id: instanceId, seen_ms: now }])),
    async heartbeats() {
      // A distinct alias: 18.16 refuses an aggregate aliased to the column it reads.
      const rows = await store.read((c) =>
        c.rows<{ instance_id: string; last_seen: number }>(
          `SELECT instance_id, max(seen_ms) AS last_seen FROM ${HEARTBEATS} GROUP BY instance_id`,
        ),
      );
      return rows.map((row) => ({ instance_id: row.instance_id, seen_ms: row.last_seen }));
    },
    append: (entries) => store.read((c) => c.insert(FEED, FEED_COLUMNS, entries)),
    keysSince: (from) =>
      store.read((c) =>
        c.rows<FeedKey>(
          `SELECT at, entry_id, instance_id, workflow_id, kind FROM ${FEED} WHERE at >= ${int64Literal(from)} ORDER BY at, entry_id, workflow_id`,
        ),
      ),
    async payloads(keys) {
      if (keys.length === 0) return [];
      const from = Math.min(...keys.map((k) => k.at));
      const to = Math.max(...keys.map((k) => k.at));
      const ids = [...new Set(keys.map((k) => k.entry_id))];
      return store.read((c) =>
        c.rows<FeedEntry>(
          `SELECT at, entry_id, instance_id, workflow_id, kind, payload FROM ${FEED} ` +
            `WHERE at >= ${int64Literal(from)} AND at <= ${int64Literal(to)} AND ${inStrings('entry_id', ids)} ` +
            'ORDER BY at, entry_id, workflow_id',
        ),
      );
    },
    async dropFeedBefore(before) {
      const day = (ms: number) => Number(new Date(ms).toISOString().slice(0, 10).replace(/-/g, ''));
      const partitions = await store.read((c) =>
        c.rows<{ partition: string }>(
          `SELECT DISTINCT partition FROM system.parts WHERE database = currentDatabase() AND table = '${FEED}' AND active`,
        ),
      );
      for (const { partition } of partitions) {
        if (Number(partition) < day(before))
          await store.read((c) => c.command(`ALTER TABLE ${FEED} DROP PARTITION ${Number(partition)}`));
      }
    },
  };
}
