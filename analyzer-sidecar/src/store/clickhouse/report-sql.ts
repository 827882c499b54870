/**
 * Report schedules and their delivery log on ClickHouse 18.16: small plain
 * tables on the router (every analyzer instance talks to the same router).
 * ClickHouse has no transactions and its UPDATE/DELETE are asynchronous
 * mutations, so every change is a new row of a ReplacingMergeTree with a
 * version column (VersionClock), read back with FINAL; a removal is a row
 * with `deleted = 1`.
 *
 * A schedule is two rows: its spec (what a client chose: insert, updateSpec,
 * remove) and its run state (what the scheduler moves: advance,
 * recordOutcome). A run-state row names the spec version it was computed
 * from; the next run is the run state's only while that is still the current
 * spec, the spec's own otherwise. So a PATCH always wins over an advance
 * computed before it, on any instance: the compare-and-set's promise holds
 * across instances too. `incarnation` (the version of the insert) ties run
 * state and log entries to one life of a schedule id: a schedule removed and
 * created again starts with no last run and an empty log, as in DuckDB.
 *
 * Writes are serialized per instance (each reads the latest rows and writes
 * after them). Across instances, without the scheduler lease the lead runs,
 * two instances could both advance the same run (both see `expected`, both
 * return true: the run happens twice, the later version's next run stays)
 * or an advance and a recordOutcome could each keep the other's old value of
 * the field they copy (a last outcome or a next run lost); neither can undo a
 * PATCH, resurrect a removed schedule, or lose a log entry.
 */
import type { Schedule } from '../../schedules/schedule';
import { scheduleBody, scheduleOf } from '../schedule-body';
import type { DeliveryLogEntry, LogPage, ScheduleStore } from '../schedule-store';
import type { ClickHouseConnection } from './connection';
import type { ClickHouseStore } from './clickhouse-store';
import { SerialWriter } from './serial-writer';
import {
  int64Literal,
  limitLiteral,
  nullableInt64Literal,
  nullableStringLiteral,
  stringLiteral,
} from './sql-literal';
import { VersionClock } from './version-clock';

export const REPORT_TABLES_SQL = [
  `CREATE TABLE IF NOT EXISTS report_schedules (schedule_id String, version UInt64, deleted UInt8,
     incarnation UInt64, owner String, enabled UInt8, created_at Int64, next_run_at Nullable(Int64), body String)
   ENGINE = ReplacingMergeTree(version) ORDER BY schedule_id`,
  // Column names unlike the spec's: the two are joined USING schedule_id.
  `CREATE TABLE IF NOT EXISTS report_schedule_runs (schedule_id String, run_version UInt64,
     run_incarnation UInt64, run_spec_version UInt64, run_next_at Nullable(Int64), run_last_at Nullable(Int64),
     run_last_outcome Nullable(String))
   ENGINE = ReplacingMergeTree(run_version) ORDER BY schedule_id`,
  // Append-only. `seq` is a VersionClock value above the schedule's latest
  // entry: insertion order across instances (by wall time, never behind an
  // entry the writer saw), and unique for one writer.
  `CREATE TABLE IF NOT EXISTS report_deliveries (schedule_id String, seq UInt64, delivery_id String,
     incarnation UInt64, logged_at Int64, body String)
   ENGINE = MergeTree ORDER BY (schedule_id, seq)`,
];

/** A live schedule's spec joined to its run state. */
interface StoredSchedule {
  readonly schedule_id: string;
  readonly version: number;
  readonly incarnation: number;
  readonly owner: string;
  readonly enabled: number;
  readonly created_at: number;
  readonly spec_next: number | null;
  readonly body: string;
  readonly run_version: number;
  readonly next_run: number | null;
  readonly last_run: number | null;
  readonly outcome: Schedule['last_outcome'];
}

/** Live schedules (of one id, when given) with their current next run, last run and outcome. */
function schedulesSql(id?: string): string {
  const key = id === undefined ? '' : ` AND schedule_id = ${stringLiteral(id)}`;
  const runKey = id === undefined ? '' : ` WHERE schedule_id = ${stringLiteral(id)}`;
  return `SELECT schedule_id, version, incarnation, owner, enabled, created_at, spec_next, body, run_version,
      if(run_spec_version = version, run_next_at, spec_next) AS next_run,
      if(run_incarnation = incarnation, run_last_at, NULL) AS last_run,
      if(run_incarnation = incarnation, run_last_outcome, NULL) AS outcome
    FROM (SELECT schedule_id, version, incarnation, owner, enabled, created_at, next_run_at AS spec_next, body
          FROM report_schedules FINAL WHERE deleted = 0${key})
    ANY LEFT JOIN (SELECT schedule_id, run_version, run_incarnation, run_spec_version, run_next_at, run_last_at,
                     run_last_outcome FROM report_schedule_runs FINAL${runKey})
    USING schedule_id`;
}

function toSchedule(row: StoredSchedule): Schedule {
  return scheduleOf(row.body, {
    next_run_at: row.next_run,
    last_run_at: row.last_run,
    last_outcome: row.outcome,
  });
}

interface SpecRow {
  readonly id: string;
  readonly version: number;
  readonly deleted: boolean;
  readonly incarnation: number;
  readonly owner: string;
  readonly enabled: boolean;
  readonly created_at: number;
  readonly next_run_at: number | null;
  readonly body: string;
}

function writeSpec(c: ClickHouseConnection, row: SpecRow): Promise<void> {
  return c.command(
    `INSERT INTO report_schedules (schedule_id, version, deleted, incarnation, owner, enabled, created_at,
       next_run_at, body)
     SELECT ${stringLiteral(row.id)}, ${int64Literal(row.version)}, ${row.deleted ? 1 : 0},
       ${int64Literal(row.incarnation)}, ${stringLiteral(row.owner)}, ${row.enabled ? 1 : 0},
       ${int64Literal(row.created_at)}, ${nullableInt64Literal(row.next_run_at)}, ${stringLiteral(row.body)}`,
  );
}

/** A new run state of `stored`, computed from its current spec; what `change` leaves alone is kept. */
function writeRun(
  c: ClickHouseConnection,
  stored: StoredSchedule,
  version: number,
  change: { next_run?: number | null; last_run?: number; outcome?: Schedule['last_outcome'] },
): Promise<void> {
  const next = change.next_run === undefined ? stored.next_run : change.next_run;
  const last = change.last_run ?? stored.last_run;
  const outcome = change.outcome === undefined ? stored.outcome : change.outcome;
  return c.command(
    `INSERT INTO report_schedule_runs (schedule_id, run_version, run_incarnation, run_spec_version, run_next_at,
       run_last_at, run_last_outcome)
     SELECT ${stringLiteral(stored.schedule_id)}, ${int64Literal(version)}, ${int64Literal(stored.incarnation)},
       ${int64Literal(stored.version)}, ${nullableInt64Literal(next)}, ${nullableInt64Literal(last)},
       ${nullableStringLiteral(outcome)}`,
  );
}

async function storedSchedule(c: ClickHouseConnection, id: string): Promise<StoredSchedule | undefined> {
  return (await c.rows<StoredSchedule>(schedulesSql(id)))[0];
}

function specOf(stored: StoredSchedule, version: number): SpecRow {
  return {
    id: stored.schedule_id,
    version,
    deleted: false,
    incarnation: stored.incarnation,
    owner: stored.owner,
    enabled: stored.enabled === 1,
    created_at: stored.created_at,
    next_run_at: stored.spec_next,
    body: stored.body,
  };
}

export function createClickHouseScheduleStore(
  store: ClickHouseStore,
  writer: SerialWriter,
  clock: VersionClock,
): ScheduleStore {
  const read = <T>(sql: string) => store.read((c) => c.rows<T>(sql));
  /** One change at a time per instance, each over the rows as the previous one left them. */
  const change = <T>(work: (c: ClickHouseConnection) => Promise<T>) => writer.run(() => store.read(work));
  const listed = async (where: string, order: string) =>
    (await read<StoredSchedule>(`SELECT * FROM (${schedulesSql()}) ${where} ORDER BY ${order}`)).map(
      toSchedule,
    );
  return {
    insert: (s) =>
      change(async (c) => {
        if (await storedSchedule(c, s.id)) throw new Error(`schedule ${s.id} already exists`);
        const version = clock.next();
        await writeSpec(c, {
          id: s.id,
          version,
          deleted: false,
          incarnation: version,
          owner: s.owner,
          enabled: s.enabled,
          created_at: s.created_at,
          next_run_at: s.next_run_at,
          body: scheduleBody(s),
        });
      }),
    updateSpec: (s) =>
      change(async (c) => {
        const stored = await storedSchedule(c, s.id);
        if (!stored) return;
        await writeSpec(c, {
          ...specOf(stored, clock.next(stored.version)),
          enabled: s.enabled,
          next_run_at: s.next_run_at,
          body: scheduleBody(s),
        });
      }),
    remove: (id) =>
      change(async (c) => {
        const stored = await storedSchedule(c, id);
        if (!stored) return false;
        await writeSpec(c, { ...specOf(stored, clock.next(stored.version)), deleted: true });
        return true;
      }),
    get: (id) =>
      store.read(async (c) => {
        const stored = await storedSchedule(c, id);
        return stored && toSchedule(stored);
      }),
    list: (owner) =>
      listed(owner === undefined ? '' : `WHERE owner = ${stringLiteral(owner)}`, 'created_at, schedule_id'),
    due: (now) => listed(`WHERE enabled = 1 AND next_run <= ${int64Literal(now)}`, 'next_run, schedule_id'),
    earliestNextRun: async () => {
      const rows = await read<{ next_run: number }>(
        `SELECT next_run FROM (${schedulesSql()}) WHERE enabled = 1 AND isNotNull(next_run) ORDER BY next_run LIMIT 1`,
      );
      return rows[0]?.next_run ?? null;
    },
    advance: (id, expected, next) =>
      change(async (c) => {
        const stored = await storedSchedule(c, id);
        if (!stored || stored.next_run !== expected) return false;
        await writeRun(c, stored, clock.next(stored.run_version), { next_run: next });
        return true;
      }),
    recordOutcome: (id, at, outcome) =>
      change(async (c) => {
        const stored = await storedSchedule(c, id);
        if (stored) await writeRun(c, stored, clock.next(stored.run_version), { last_run: at, outcome });
      }),
    appendLog: (entry) => change((c) => appendLog(c, clock, entry)),
    log: (scheduleId, limit, cursor) => store.read((c) => logPage(c, scheduleId, limit, cursor?.seq)),
  };
}

/** A run still ending after its schedule was removed logs nothing: no entry outlives its schedule. */
async function appendLog(
  c: ClickHouseConnection,
  clock: VersionClock,
  entry: DeliveryLogEntry,
): Promise<void> {
  const id = stringLiteral(entry.schedule_id);
  const [stored] = await c.rows<{ incarnation: number; latest: number }>(
    `SELECT incarnation, (SELECT max(seq) FROM report_deliveries WHERE schedule_id = ${id}) AS latest
     FROM report_schedules FINAL WHERE deleted = 0 AND schedule_id = ${id}`,
  );
  if (!stored) return;
  await c.command(
    `INSERT INTO report_deliveries (schedule_id, seq, delivery_id, incarnation, logged_at, body)
     SELECT ${id}, ${int64Literal(clock.next(stored.latest))}, ${stringLiteral(entry.id)},
       ${int64Literal(stored.incarnation)}, ${int64Literal(entry.at)}, ${stringLiteral(JSON.stringify(entry))}`,
  );
}

/** Newest first; entries of an earlier life of the id (or of a removed schedule) are not shown. */
async function logPage(
  c: ClickHouseConnection,
  scheduleId: string,
  limit: number,
  before: number | undefined,
): Promise<LogPage> {
  const id = stringLiteral(scheduleId);
  const life = `schedule_id = ${id} AND incarnation IN
    (SELECT incarnation FROM report_schedules FINAL WHERE deleted = 0 AND schedule_id = ${id})`;
  const after = before === undefined ? '' : ` AND seq < ${int64Literal(before)}`;
  const [rows, count] = await Promise.all([
    c.rows<{ body: string; seq: number }>(
      `SELECT body, seq FROM report_deliveries WHERE ${life}${after}
       ORDER BY seq DESC, delivery_id DESC LIMIT ${limitLiteral(limit + 1)}`,
    ),
    c.rows<{ n: number }>(`SELECT toFloat64(count()) AS n FROM report_deliveries WHERE ${life}`),
  ]);
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    items: page.map((row) => JSON.parse(row.body) as DeliveryLogEntry),
    total: count[0]?.n ?? 0,
    nextCursor: rows.length > limit && last ? { seq: last.seq } : null,
  };
}
