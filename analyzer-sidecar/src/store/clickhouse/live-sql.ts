/**
 * The ClickHouse tables of live analysis: detector state per series,
 * anomalies and incidents with their lifecycle, as versioned rows on the
 * router (versioned-table.ts), so every analyzer instance reads the same
 * state. Running executions come from the record tables
 * (running-executions-sql.ts).
 */
import { VersionClock } from './version-clock';
import type { SeriesState } from '../../analysis/anomaly/series-state';
import type { Anomaly, Incident } from '../../model/analysis';
import {
  lastByKey,
  stateKey,
  type DetectionWrite,
  type LiveListQuery,
  type LivePage,
  type LiveStore,
} from '../live-store';
import type { ClickHouseStore } from './clickhouse-store';
import type { BinaryColumn } from './row-binary';
import { queryRunningExecutions } from './running-executions-sql';
import { exactFloat64Literal, inStrings, int64Literal, limitLiteral, stringLiteral } from './sql-literal';
import { createVersionedTableSql, VERSION_COLUMN } from './versioned-table';
import { whereClause } from './filter-sql';

const SERIES_COLUMNS: readonly BinaryColumn[] = [
  { name: 'series_key', kind: 'varchar', nullable: false },
  { name: 'state', kind: 'varchar', nullable: false },
  VERSION_COLUMN,
];

/** What lists filter and order on, beside the item's JSON body. */
const EPISODE_COLUMNS: readonly BinaryColumn[] = [
  { name: 'status', kind: 'varchar', nullable: false },
  { name: 'severity', kind: 'double', nullable: false },
  { name: 'started_at', kind: 'bigint', nullable: false },
  { name: 'ended_at', kind: 'bigint', nullable: false },
  { name: 'body', kind: 'varchar', nullable: false },
  VERSION_COLUMN,
];

interface EpisodeTable {
  readonly name: 'anomalies' | 'incidents';
  readonly id: 'anomaly_id' | 'group_id';
  readonly columns: readonly BinaryColumn[];
  /** The condition of the `workflowIds` filter. */
  workflowCondition(ids: readonly string[]): string;
}

const ANOMALIES: EpisodeTable = {
  name: 'anomalies',
  id: 'anomaly_id',
  columns: [
    { name: 'anomaly_id', kind: 'varchar', nullable: false },
    { name: 'workflow_id', kind: 'varchar', nullable: false },
    ...EPISODE_COLUMNS,
  ],
  workflowCondition: (ids) => inStrings('workflow_id', ids),
};

const INCIDENTS: EpisodeTable = {
  name: 'incidents',
  id: 'group_id',
  columns: [
    { name: 'group_id', kind: 'varchar', nullable: false },
    { name: 'workflow_ids', kind: 'varchar_array', nullable: false },
    ...EPISODE_COLUMNS,
  ],
  workflowCondition: (ids) => `hasAny(workflow_ids, [${ids.map(stringLiteral).join(', ')}])`,
};

/** The live tables, for tests and resets. */
export const LIVE_TABLES = ['detector_series', ANOMALIES.name, INCIDENTS.name] as const;

export async function openClickHouseLiveTables(store: ClickHouseStore): Promise<LiveStore> {
  await store.read(async (connection) => {
    await connection.command(createVersionedTableSql('detector_series', SERIES_COLUMNS, 'series_key'));
    for (const table of [ANOMALIES, INCIDENTS])
      await connection.command(createVersionedTableSql(table.name, table.columns, table.id));
  });
  const clock = new VersionClock();
  const nextVersion = () => clock.next();
  return {
    async loadSeriesStates() {
      const rows = await store.read((c) =>
        c.rows<{ state: string }>('SELECT state FROM detector_series FINAL ORDER BY series_key'),
      );
      return rows.map((row) => JSON.parse(row.state) as SeriesState);
    },
    saveDetection: (write) => saveDetection(store, write, nextVersion()),
    listAnomalies: (query) => listBodies<Anomaly>(store, ANOMALIES, query),
    anomaliesOverlapping: (from, to) => overlapping<Anomaly>(store, ANOMALIES, from, to),
    listIncidents: (query) => listBodies<Incident>(store, INCIDENTS, query),
    incidentsOverlapping: (from, to) => overlapping<Incident>(store, INCIDENTS, from, to),
    runningExecutions: (workflowIds) => store.read((c) => queryRunningExecutions(c, workflowIds)),
  };
}

/**
 * ClickHouse has no transaction over three tables, so the write is ordered
 * for a crash between inserts: anomalies and incidents first, the detector
 * states last. The states say which observations were judged; until they
 * are stored, the next pass (here or on another instance) judges the same
 * observations again from the old states and writes the same episodes
 * (their ids come from their content) under a newer version, which replaces
 * rather than duplicates. States written first could lose episodes for good.
 */
async function saveDetection(store: ClickHouseStore, write: DetectionWrite, version: number): Promise<void> {
  const anomalies = lastByKey(write.anomalies, (a) => a.anomaly_id).map((a) => ({
    ...episodeRow(a, version),
    anomaly_id: a.anomaly_id,
    workflow_id: a.workflow_id,
  }));
  const incidents = lastByKey(write.incidents, (i) => i.group_id).map((i) => ({
    ...episodeRow(i, version),
    group_id: i.group_id,
    workflow_ids: i.workflow_ids,
  }));
  const states = lastByKey(write.states, stateKey).map((s) => ({
    series_key: stateKey(s),
    state: JSON.stringify(s),
    version,
  }));
  await store.read(async (connection) => {
    await connection.insert(ANOMALIES.name, ANOMALIES.columns, anomalies);
    await connection.insert(INCIDENTS.name, INCIDENTS.columns, incidents);
    await connection.insert('detector_series', SERIES_COLUMNS, states);
  });
}

function episodeRow(item: Anomaly | Incident, version: number) {
  return {
    status: item.status,
    severity: item.severity,
    started_at: item.started_at,
    ended_at: item.ended_at,
    body: JSON.stringify(item),
    version,
  };
}

function conditions(table: EpisodeTable, query: Omit<LiveListQuery, 'limit' | 'cursor'>): string[] {
  const where: string[] = [];
  if (query.from !== undefined) where.push(`ended_at >= ${int64Literal(query.from)}`);
  if (query.to !== undefined) where.push(`started_at < ${int64Literal(query.to)}`);
  if (query.status !== undefined) where.push(`status = ${stringLiteral(query.status)}`);
  if (query.minSeverity !== undefined && query.minSeverity > 0)
    where.push(`severity >= ${exactFloat64Literal(query.minSeverity)}`);
  if (query.workflowIds && query.workflowIds.length > 0)
    where.push(table.workflowCondition(query.workflowIds));
  return where;
}

async function listBodies<T>(
  store: ClickHouseStore,
  table: EpisodeTable,
  query: LiveListQuery,
): Promise<LivePage<T>> {
  const where = conditions(table, query);
  const page = [...where];
  if (query.cursor) {
    const at = int64Literal(query.cursor.startedAt);
    const id = stringLiteral(query.cursor.id);
    page.push(`(started_at < ${at} OR (started_at = ${at} AND ${table.id} < ${id}))`);
  }
  const [count, rows] = await Promise.all([
    store.read((c) =>
      c.rows<{ n: number }>(`SELECT toFloat64(count()) AS n FROM ${table.name} FINAL ${whereClause(where)}`),
    ),
    store.read((c) =>
      c.rows<{ body: string; started_at: number; id: string }>(
        `SELECT body, started_at, ${table.id} AS id FROM ${table.name} FINAL ${whereClause(page)}
         ORDER BY started_at DESC, ${table.id} DESC LIMIT ${limitLiteral(query.limit + 1)}`,
      ),
    ),
  ]);
  const hasMore = rows.length > query.limit;
  const items = rows.slice(0, query.limit);
  const last = items[items.length - 1];
  return {
    items: items.map((row) => JSON.parse(row.body) as T),
    total: count[0]?.n ?? 0,
    nextCursor: hasMore && last ? { startedAt: last.started_at, id: last.id } : null,
  };
}

async function overlapping<T>(
  store: ClickHouseStore,
  table: EpisodeTable,
  from: number,
  to: number,
): Promise<T[]> {
  const rows = await store.read((c) =>
    c.rows<{ body: string }>(
      `SELECT body FROM ${table.name} FINAL
       WHERE ended_at >= ${int64Literal(from)} AND started_at < ${int64Literal(to)}
       ORDER BY started_at, ${table.id}`,
    ),
  );
  return rows.map((row) => JSON.parse(row.body) as T);
}
