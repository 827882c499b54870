/**
 * The embedded DuckDB backend. One connection writes (inserts and archive moves
 * are serialized on it, each in one transaction); a few more read. Every table
 * has a `<table>_all` view that adds its archived Parquet files, so queries see
 * hot and archived rows alike.
 */
import type { DuckDBAppender, DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { RECORD_TYPES, type RecordBatch, type RecordType, type StepRecord } from '../../model/records';
import type { AggregateQuery, AggregateRow } from '../aggregate-catalog';
import type {
  DurationStats,
  ExecutionCursor,
  ExecutionFilter,
  ExecutionPage,
  InsertCounts,
  RangeQuery,
  Store,
  SuccessRate,
} from '../store';
import { runAggregate } from './aggregate-sql';
import { queryDurationStats, querySuccessRates } from './workflow-stats-sql';
import { listExecutions, queryRange, stepsOf } from './execution-queries';
import { openDatabase, type DuckDbOptions, type OpenHooks } from './open-database';
import { appendRows } from './row-codec';
import { allRowsView, createTableSql, quoteIdentifier, quoteLiteral, TABLES } from './tables';

const READERS = 2;

export class DuckDbStore implements Store {
  private writeQueue: Promise<unknown> = Promise.resolve();
  private nextReader = 0;
  private closed = false;

  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly writer: DuckDBConnection,
    private readonly readers: DuckDBConnection[],
    private readonly stageAppenders: Record<RecordType, DuckDBAppender>,
  ) {}

  static async open(options: DuckDbOptions, hooks: OpenHooks): Promise<DuckDbStore> {
    const instance = await openDatabase(options, hooks);
    const writer = await instance.connect();
    for (const type of RECORD_TYPES) {
      await writer.run(createTableSql(TABLES[type]));
      await writer.run(createTableSql(TABLES[type], stageTable(type), true));
    }
    const appenders = {} as Record<RecordType, DuckDBAppender>;
    for (const type of RECORD_TYPES)
      appenders[type] = await writer.createAppender(stageTable(type), null, 'temp');
    const readers = await Promise.all(Array.from({ length: READERS }, () => instance.connect()));
    const store = new DuckDbStore(instance, writer, readers, appenders);
    await store.setArchiveFiles({ executions: [], steps: [], recoveries: [], resources: [] });
    return store;
  }

  insert(batch: RecordBatch): Promise<InsertCounts> {
    return this.exclusive(async (connection) => {
      const inserted: Record<RecordType, number> = { executions: 0, steps: 0, recoveries: 0, resources: 0 };
      const types = RECORD_TYPES.filter((type) => batch[type].length > 0);
      try {
        for (const type of types) {
          appendRows(this.stageAppenders[type], TABLES[type], batch[type]);
          this.stageAppenders[type].flushSync();
        }
        await connection.run('BEGIN TRANSACTION');
        try {
          for (const type of types) inserted[type] = await insertStaged(connection, type, batch);
          await connection.run('COMMIT');
        } catch (error) {
          await connection.run('ROLLBACK');
          throw error;
        }
      } finally {
        for (const type of types) await connection.run(`DELETE FROM ${quoteIdentifier(stageTable(type))}`);
      }
      return { inserted };
    });
  }

  listExecutions(filter: ExecutionFilter, limit: number, cursor?: ExecutionCursor): Promise<ExecutionPage> {
    return listExecutions(this.reader(), filter, limit, cursor);
  }

  stepsOf(executionIds: readonly string[], actionType?: string): Promise<StepRecord[]> {
    return stepsOf(this.reader(), executionIds, actionType);
  }

  queryRange(query: RangeQuery): Promise<RecordBatch> {
    return queryRange(this.reader(), query);
  }

  aggregate(query: AggregateQuery): Promise<AggregateRow[]> {
    return runAggregate(this.reader(), query);
  }

  durationStats(filter: ExecutionFilter): Promise<DurationStats[]> {
    return queryDurationStats(this.reader(), filter);
  }

  successRates(filter: ExecutionFilter): Promise<SuccessRate[]> {
    return querySuccessRates(this.reader(), filter);
  }

  async rowCounts(): Promise<Record<RecordType, number>> {
    const sql = RECORD_TYPES.map(
      (type) => `SELECT ${quoteLiteral(type)} AS t, count(*)::DOUBLE AS n FROM ${quoteIdentifier(type)}`,
    ).join(' UNION ALL ');
    const result = await this.reader().runAndReadAll(sql);
    const counts: Record<RecordType, number> = { executions: 0, steps: 0, recoveries: 0, resources: 0 };
    for (const row of result.getRowObjects()) counts[row.t as RecordType] = row.n as number;
    return counts;
  }

  /** Runs `work` alone on the write connection (the archive moves rows this way). */
  exclusive<T>(work: (connection: DuckDBConnection) => Promise<T>): Promise<T> {
    if (this.closed) return Promise.reject(new Error('store is closed'));
    const run = this.writeQueue.then(() => work(this.writer));
    this.writeQueue = run.catch(() => undefined);
    return run;
  }

  /** Points each `<table>_all` view at the hot table plus these Parquet files. */
  async setArchiveFiles(
    files: Readonly<Record<RecordType, readonly string[]>>,
    connection = this.writer,
  ): Promise<void> {
    for (const type of RECORD_TYPES) {
      const hot = `SELECT * FROM ${quoteIdentifier(type)}`;
      const list = files[type];
      const sql =
        list.length === 0
          ? hot
          : `${hot} UNION ALL BY NAME SELECT * FROM read_parquet([${list.map(quoteLiteral).join(', ')}])`;
      await connection.run(`CREATE OR REPLACE VIEW ${quoteIdentifier(allRowsView(type))} AS ${sql}`);
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    await this.writeQueue;
    this.closed = true;
    for (const appender of Object.values(this.stageAppenders)) appender.closeSync();
    for (const connection of [...this.readers, this.writer]) connection.closeSync();
    this.instance.closeSync();
  }

  private reader(): DuckDBConnection {
    if (this.closed) throw new Error('store is closed');
    this.nextReader = (this.nextReader + 1) % this.readers.length;
    return this.readers[this.nextReader] as DuckDBConnection;
  }
}

function stageTable(type: RecordType): string {
  return `stage_${type}`;
}

/** Inserts staged rows not stored yet; the time window lets zone maps skip old row groups. */
async function insertStaged(
  connection: DuckDBConnection,
  type: RecordType,
  batch: RecordBatch,
): Promise<number> {
  const table = TABLES[type];
  const time = table.timeColumn;
  let min = Infinity;
  let max = -Infinity;
  for (const row of batch[type] as unknown as Record<string, number>[]) {
    const value = row[time] as number;
    if (value < min) min = value;
    if (value > max) max = value;
  }
  const keys = table.key.map(quoteIdentifier);
  const match = keys.map((key) => `t.${key} IS NOT DISTINCT FROM s.${key}`).join(' AND ');
  const sql =
    `INSERT INTO ${quoteIdentifier(type)} SELECT * FROM (SELECT DISTINCT ON (${keys.join(', ')}) * FROM ${quoteIdentifier(stageTable(type))}) s ` +
    `WHERE NOT EXISTS (SELECT 1 FROM ${quoteIdentifier(type)} t WHERE t.${quoteIdentifier(time)} BETWEEN $1::BIGINT AND $2::BIGINT AND ${match})`;
  const result = await connection.run(sql, [min, max]);
  return result.rowsChanged;
}
