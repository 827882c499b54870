/**
 * The DuckDB tables of live analysis: detector state per series, anomalies
 * and incidents with their lifecycle. Retention and the archive leave them
 * alone (they are small: one row per series, per episode, per incident).
 * Rows are upserted in bulk (`INSERT OR REPLACE` from unnested lists), each
 * detection pass in one transaction on the write connection.
 */
import { listValue } from '@duckdb/node-api';
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
import type { DuckDbStore } from './duckdb-store';
import { runningExecutions } from './running-executions';
import { SqlParams } from './filter-sql';

const CREATE = [
  `CREATE TABLE IF NOT EXISTS detector_series (series_key VARCHAR PRIMARY KEY, state VARCHAR NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS anomalies (anomaly_id VARCHAR PRIMARY KEY, workflow_id VARCHAR NOT NULL,
     status VARCHAR NOT NULL, severity DOUBLE NOT NULL, started_at BIGINT NOT NULL, ended_at BIGINT NOT NULL,
     body VARCHAR NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS incidents (group_id VARCHAR PRIMARY KEY, workflow_ids VARCHAR[] NOT NULL,
     status VARCHAR NOT NULL, severity DOUBLE NOT NULL, started_at BIGINT NOT NULL, ended_at BIGINT NOT NULL,
     body VARCHAR NOT NULL)`,
];

const UPSERT_ANOMALIES = `INSERT OR REPLACE INTO anomalies
  SELECT b->>'anomaly_id', b->>'workflow_id', b->>'status', (b->>'severity')::DOUBLE,
         (b->>'started_at')::BIGINT, (b->>'ended_at')::BIGINT, b::VARCHAR
  FROM (SELECT unnest($1::VARCHAR[])::JSON AS b)`;

const UPSERT_INCIDENTS = `INSERT OR REPLACE INTO incidents
  SELECT b->>'group_id', from_json(b->'workflow_ids', '["VARCHAR"]'), b->>'status', (b->>'severity')::DOUBLE,
         (b->>'started_at')::BIGINT, (b->>'ended_at')::BIGINT, b::VARCHAR
  FROM (SELECT unnest($1::VARCHAR[])::JSON AS b)`;

export async function openLiveTables(store: DuckDbStore): Promise<LiveStore> {
  await store.exclusive(async (connection) => {
    for (const sql of CREATE) await connection.run(sql);
  });
  const saveDetection = (write: DetectionWrite) =>
    store.exclusive(async (connection) => {
      const states = lastByKey(write.states, stateKey);
      const anomalies = lastByKey(write.anomalies, (a) => a.anomaly_id);
      const incidents = lastByKey(write.incidents, (i) => i.group_id);
      await connection.run('BEGIN TRANSACTION');
      try {
        if (states.length > 0)
          await connection.run(
            'INSERT OR REPLACE INTO detector_series SELECT unnest($1::VARCHAR[]), unnest($2::VARCHAR[])',
            [listValue(states.map(stateKey)), listValue(states.map((s) => JSON.stringify(s)))],
          );
        if (anomalies.length > 0)
          await connection.run(UPSERT_ANOMALIES, [listValue(anomalies.map((a) => JSON.stringify(a)))]);
        if (incidents.length > 0)
          await connection.run(UPSERT_INCIDENTS, [listValue(incidents.map((i) => JSON.stringify(i)))]);
        await connection.run('COMMIT');
      } catch (error) {
        await connection.run('ROLLBACK').catch(() => undefined);
        throw error;
      }
    });
  return {
    async loadSeriesStates() {
      const result = await store.read((c) => c.runAndReadAll('SELECT state FROM detector_series'));
      return result.getRows().map((row) => JSON.parse(row[0] as string) as SeriesState);
    },
    saveDetection,
    listAnomalies: (query) => listBodies<Anomaly>(store, 'anomalies', 'anomaly_id', query),
    anomaliesOverlapping: (from, to) => overlapping<Anomaly>(store, 'anomalies', 'anomaly_id', from, to),
    listIncidents: (query) => listBodies<Incident>(store, 'incidents', 'group_id', query),
    incidentsOverlapping: (from, to) => overlapping<Incident>(store, 'incidents', 'group_id', from, to),
    runningExecutions: (workflowIds) => store.read((c) => runningExecutions(c, workflowIds)),
  };
}

function conditions(
  query: Omit<LiveListQuery, 'limit' | 'cursor'>,
  params: SqlParams,
  table: string,
): string[] {
  const where: string[] = [];
  if (query.from !== undefined) where.push(`ended_at >= ${params.bind(query.from)}::BIGINT`);
  if (query.to !== undefined) where.push(`started_at < ${params.bind(query.to)}::BIGINT`);
  if (query.status !== undefined) where.push(`status = ${params.bind(query.status)}`);
  if (query.minSeverity !== undefined && query.minSeverity > 0)
    where.push(`severity >= ${params.bind(query.minSeverity)}`);
  if (query.workflowIds && query.workflowIds.length > 0) {
    const ids = params.bindList(query.workflowIds);
    where.push(
      table === 'incidents'
        ? `len(list_intersect(workflow_ids, ${ids})) > 0`
        : `list_contains(${ids}, workflow_id)`,
    );
  }
  return where;
}

async function listBodies<T>(
  store: DuckDbStore,
  table: 'anomalies' | 'incidents',
  idColumn: string,
  query: LiveListQuery,
): Promise<LivePage<T>> {
  const countParams = new SqlParams();
  const countWhere = conditions(query, countParams, table);
  const params = new SqlParams();
  const where = conditions(query, params, table);
  if (query.cursor) {
    const at = params.bind(query.cursor.startedAt);
    const id = params.bind(query.cursor.id);
    where.push(`(started_at < ${at}::BIGINT OR (started_at = ${at}::BIGINT AND ${idColumn} < ${id}))`);
  }
  const clause = (w: string[]) => (w.length ? `WHERE ${w.join(' AND ')}` : '');
  const [count, rows] = await Promise.all([
    store.read((c) =>
      c.runAndReadAll(`SELECT count(*)::DOUBLE FROM ${table} ${clause(countWhere)}`, countParams.values),
    ),
    store.read((c) =>
      c.runAndReadAll(
        `SELECT body, started_at::DOUBLE, ${idColumn} FROM ${table} ${clause(where)}
         ORDER BY started_at DESC, ${idColumn} DESC LIMIT ${params.bind(query.limit + 1)}`,
        params.values,
      ),
    ),
  ]);
  const found = rows.getRows();
  const hasMore = found.length > query.limit;
  const page = found.slice(0, query.limit);
  const last = page[page.length - 1];
  return {
    items: page.map((row) => JSON.parse(row[0] as string) as T),
    total: (count.getRows()[0]?.[0] as number | undefined) ?? 0,
    nextCursor: hasMore && last ? { startedAt: last[1] as number, id: last[2] as string } : null,
  };
}

/** Ties broken by id, so every backend (and every analyzer over one) lists them alike. */
async function overlapping<T>(
  store: DuckDbStore,
  table: string,
  idColumn: string,
  from: number,
  to: number,
): Promise<T[]> {
  const result = await store.read((c) =>
    c.runAndReadAll(
      `SELECT body FROM ${table} WHERE ended_at >= $1::BIGINT AND started_at < $2::BIGINT
       ORDER BY started_at, ${idColumn}`,
      [from, to],
    ),
  );
  return result.getRows().map((row) => JSON.parse(row[0] as string) as T);
}
