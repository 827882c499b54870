/**
 * The DuckDB tables of report schedules, their delivery log and share links.
 * Retention and the archive leave them alone. A schedule's body is its JSON;
 * the columns beside it are what the scheduler queries (owner, next run).
 */
import type { Schedule } from '../../schedules/schedule';
import type { ShareLink } from '../../sharing/share-link';
import type { DeliveryLogEntry, ScheduleStore, ShareLinkStore } from '../schedule-store';
import { scheduleBody, scheduleOf } from '../schedule-body';
import type { DuckDbStore } from './duckdb-store';

const CREATE = [
  `CREATE TABLE IF NOT EXISTS report_schedules (schedule_id VARCHAR PRIMARY KEY, owner VARCHAR NOT NULL,
     enabled BOOLEAN NOT NULL, created_at BIGINT NOT NULL, next_run_at BIGINT, last_run_at BIGINT,
     last_outcome VARCHAR, body VARCHAR NOT NULL)`,
  // The log's order is its insertion order (a sequence): attempts may share a millisecond.
  `CREATE SEQUENCE IF NOT EXISTS report_delivery_seq`,
  `CREATE TABLE IF NOT EXISTS report_deliveries (seq BIGINT PRIMARY KEY DEFAULT nextval('report_delivery_seq'),
     delivery_id VARCHAR NOT NULL, schedule_id VARCHAR NOT NULL, logged_at BIGINT NOT NULL, body VARCHAR NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS share_links (link_id VARCHAR PRIMARY KEY, token_hash VARCHAR NOT NULL UNIQUE,
     owner VARCHAR NOT NULL, created_at BIGINT NOT NULL, expires_at BIGINT NOT NULL, revoked_at BIGINT,
     target VARCHAR NOT NULL)`,
];

const SCHEDULE_COLUMNS = `body, next_run_at::DOUBLE, last_run_at::DOUBLE, last_outcome`;

type Row = unknown[];

/** The spec lives in `body`; the run state in its columns (the scheduler moves them alone). */
function scheduleOfRow(row: Row): Schedule {
  return scheduleOf(row[0] as string, {
    next_run_at: row[1] as number | null,
    last_run_at: row[2] as number | null,
    last_outcome: row[3] as Schedule['last_outcome'],
  });
}

export async function openReportTables(
  store: DuckDbStore,
): Promise<{ schedules: ScheduleStore; links: ShareLinkStore }> {
  await store.exclusive(async (connection) => {
    for (const sql of CREATE) await connection.run(sql);
  });
  const write = (sql: string, params: unknown[]) => store.exclusive((c) => c.run(sql, params as never));
  const read = async (sql: string, params: unknown[] = []) =>
    (await store.read((c) => c.runAndReadAll(sql, params as never))).getRows();
  const schedules: ScheduleStore = {
    insert: async (s) => {
      await write(
        'INSERT INTO report_schedules VALUES ($1, $2, $3, $4::BIGINT, $5::BIGINT, NULL, NULL, $6)',
        [s.id, s.owner, s.enabled, s.created_at, s.next_run_at, scheduleBody(s)],
      );
    },
    updateSpec: async (s) => {
      await write(
        'UPDATE report_schedules SET enabled = $2, next_run_at = $3::BIGINT, body = $4 WHERE schedule_id = $1',
        [s.id, s.enabled, s.next_run_at, scheduleBody(s)],
      );
    },
    remove: (id) =>
      store.exclusive(async (c) => {
        await c.run('DELETE FROM report_deliveries WHERE schedule_id = $1', [id]);
        const result = await c.run('DELETE FROM report_schedules WHERE schedule_id = $1', [id]);
        return result.rowsChanged > 0;
      }),
    get: async (id) => {
      const rows = await read(`SELECT ${SCHEDULE_COLUMNS} FROM report_schedules WHERE schedule_id = $1`, [
        id,
      ]);
      return rows[0] ? scheduleOfRow(rows[0]) : undefined;
    },
    list: async (owner) => {
      const where = owner === undefined ? '' : 'WHERE owner = $1';
      const rows = await read(
        `SELECT ${SCHEDULE_COLUMNS} FROM report_schedules ${where} ORDER BY created_at, schedule_id`,
        owner === undefined ? [] : [owner],
      );
      return rows.map(scheduleOfRow);
    },
    due: async (now) =>
      (
        await read(
          `SELECT ${SCHEDULE_COLUMNS} FROM report_schedules WHERE enabled AND next_run_at <= $1::BIGINT
           ORDER BY next_run_at, schedule_id`,
          [now],
        )
      ).map(scheduleOfRow),
    earliestNextRun: async () => {
      const rows = await read('SELECT min(next_run_at)::DOUBLE FROM report_schedules WHERE enabled');
      return (rows[0]?.[0] as number | null | undefined) ?? null;
    },
    advance: (id, expected, next) =>
      store.exclusive(async (c) => {
        const result = await c.run(
          `UPDATE report_schedules SET next_run_at = $2::BIGINT
           WHERE schedule_id = $1 AND next_run_at IS NOT DISTINCT FROM $3::BIGINT`,
          [id, next, expected] as never,
        );
        return result.rowsChanged > 0;
      }),
    recordOutcome: async (id, at, outcome) => {
      await write(
        'UPDATE report_schedules SET last_run_at = $2::BIGINT, last_outcome = $3 WHERE schedule_id = $1',
        [id, at, outcome],
      );
    },
    // A run still ending after its schedule was deleted logs nothing: no entry outlives its schedule.
    appendLog: async (entry: DeliveryLogEntry) => {
      await write(
        `INSERT INTO report_deliveries (delivery_id, schedule_id, logged_at, body)
         SELECT $1, $2, $3::BIGINT, $4 WHERE EXISTS (SELECT 1 FROM report_schedules WHERE schedule_id = $2)`,
        [entry.id, entry.schedule_id, entry.at, JSON.stringify(entry)],
      );
    },
    log: async (scheduleId, limit, cursor) => {
      const after = cursor ? 'AND seq < $3::BIGINT' : '';
      const params: unknown[] = [scheduleId, limit + 1, ...(cursor ? [cursor.seq] : [])];
      const [rows, count] = await Promise.all([
        read(
          `SELECT body, seq::DOUBLE FROM report_deliveries WHERE schedule_id = $1 ${after}
           ORDER BY seq DESC LIMIT $2`,
          params,
        ),
        read('SELECT count(*)::DOUBLE FROM report_deliveries WHERE schedule_id = $1', [scheduleId]),
      ]);
      const page = rows.slice(0, limit);
      const last = page[page.length - 1];
      return {
        items: page.map((row) => JSON.parse(row[0] as string) as DeliveryLogEntry),
        total: (count[0]?.[0] as number | undefined) ?? 0,
        nextCursor: rows.length > limit && last ? { seq: last[1] as number } : null,
      };
    },
  };
  return { schedules, links: shareLinkTable(write, read) };
}

const LINK_COLUMNS = `link_id, token_hash, owner, created_at::DOUBLE, expires_at::DOUBLE, revoked_at::DOUBLE, target`;

function linkOf(row: Row): ShareLink {
  return {
    link_id: row[0] as string,
    token_hash: row[1] as string,
    owner: row[2] as string,
    created_at: row[3] as number,
    expires_at: row[4] as number,
    revoked_at: (row[5] as number | null) ?? null,
    target: JSON.parse(row[6] as string) as ShareLink['target'],
  };
}

function shareLinkTable(
  write: (sql: string, params: unknown[]) => Promise<unknown>,
  read: (sql: string, params?: unknown[]) => Promise<Row[]>,
): ShareLinkStore {
  return {
    insert: async (link) => {
      await write('INSERT INTO share_links VALUES ($1, $2, $3, $4::BIGINT, $5::BIGINT, NULL, $6)', [
        link.link_id,
        link.token_hash,
        link.owner,
        link.created_at,
        link.expires_at,
        JSON.stringify(link.target),
      ]);
    },
    byTokenHash: async (hash) =>
      (await read(`SELECT ${LINK_COLUMNS} FROM share_links WHERE token_hash = $1`, [hash])).map(linkOf)[0],
    get: async (id) =>
      (await read(`SELECT ${LINK_COLUMNS} FROM share_links WHERE link_id = $1`, [id])).map(linkOf)[0],
    list: async (owner) =>
      (
        await read(
          `SELECT ${LINK_COLUMNS} FROM share_links ${owner === undefined ? '' : 'WHERE owner = $1'}
           ORDER BY created_at DESC, link_id`,
          owner === undefined ? [] : [owner],
        )
      ).map(linkOf),
    revoke: async (id, at) => {
      await write('UPDATE share_links SET revoked_at = coalesce(revoked_at, $2::BIGINT) WHERE link_id = $1', [
        id,
        at,
      ]);
    },
  };
}
