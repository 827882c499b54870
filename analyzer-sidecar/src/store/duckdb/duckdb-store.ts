/**
 * The embedded DuckDB backend. One connection writes (inserts and archive moves
 * are serialized on it, each in one transaction); a few more read. Every table
 * has a `<table>_all` view that adds its archived Parquet files, so queries see
 * hot and archived rows alike.
 */
import type { DuckDBAppender, DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import {
  emptyBatch,
  RECORD_TYPES,
  type RecordBatch,
  type RecordType,
  type StepRecord,
} from '../../model/records';
import type { AggregateQuery, AggregateRow } from '../aggregate-catalog';
import type {
  ExecutionCursor,
  ExecutionFilter,
  ExecutionPage,
  InsertCounts,
  RangeQuery,
  Store,
  WorkflowDurationSummary,
} from '../store';
import { StoreClosedError } from '../store';
import type { NodeSummary, SuccessRate } from '../../model/analysis';
import { runAggregate } from './aggregate-sql';
import { queryDurationSummaries, queryNodeSummaries, querySuccessRates } from './workflow-stats-sql';
import { listExecutions, queryRange, stepsOf } from './execution-queries';
import { openDatabase, type DuckDbOptions, type OpenHooks } from './open-database';
import { CREATE_STARTS, forgetStartsBefore, RUNNING_EXECUTIONS_SQL, settleStarts } from './execution-starts';
import { freshRows } from './fresh-rows';
import { appendRows } from './row-codec';
import { TABLES } from '../record-tables';
import { allRowsView, createTableSql, quoteIdentifier, quoteLiteral } from './tables';
import {
  CREATE_CLUSTERED_EXECUTIONS,
  CREATE_WORKFLOW_KEYS,
  storedRowsSql,
  tablesHolding,
} from './clustering/clustered-tables';
import {
  clusterByWorkflow,
  DEFAULT_CLUSTERING,
  type ClusteringOptions,
  type ClusteringOutcome,
  type ClusteringStep,
} from './clustering/cluster-by-workflow';

const READERS = 2;

export interface BorrowedConnection {
  readonly connection: DuckDBConnection;
  /** Aborted when the store starts closing. */
  readonly signal: AbortSignal;
  /** Closes the connection; idempotent. */
  release(): void;
}

export class DuckDbStore implements Store {
  private writeQueue: Promise<unknown> = Promise.resolve();
  private maintenanceQueue: Promise<unknown> = Promise.resolve();
  private maintenanceConnection: Promise<DuckDBConnection> | undefined;
  private nextReader = 0;
  private closed = false;
  /**
   * Reads and dedicated-connection work still running. Closing a connection under a running query makes the
   * native driver hang that query forever or crash the process, so close()
   * waits for these.
   */
  private readonly inFlight = new Set<Promise<unknown>>();
  private readonly dedicated: DuckDBConnection[] = [];
  /** Aborted when close() starts: long reads on borrowed connections stop at their next step. */
  private readonly closing = new AbortController();
  private archivedFiles: Readonly<Record<RecordType, readonly string[]>> = {
    executions: [],
    steps: [],
    recoveries: [],
    resources: [],
  };

  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly writer: DuckDBConnection,
    private readonly readers: DuckDBConnection[],
    private appenders: Record<RecordType, DuckDBAppender>,
  ) {}

  static async open(options: DuckDbOptions, hooks: OpenHooks): Promise<DuckDbStore> {
    const instance = await openDatabase(options, hooks);
    const writer = await instance.connect();
    for (const type of RECORD_TYPES) await writer.run(createTableSql(TABLES[type]));
    // Columns added after the first release; CREATE TABLE IF NOT EXISTS leaves older tables as they were.
    await writer.run('ALTER TABLE executions ADD COLUMN IF NOT EXISTS requested_at BIGINT');
    await writer.run(CREATE_STARTS);
    await writer.run(CREATE_WORKFLOW_KEYS);
    await writer.run(CREATE_CLUSTERED_EXECUTIONS);
    const readers = await Promise.all(Array.from({ length: READERS }, () => instance.connect()));
    const store = new DuckDbStore(instance, writer, readers, await createAppenders(writer));
    await store.setArchiveFiles({ executions: [], steps: [], recoveries: [], resources: [] });
    return store;
  }

  /**
   * One transaction: stored rows and rows repeated in the batch are dropped,
   * the rest appended (the appenders write inside the open transaction).
   */
  insert(batch: RecordBatch): Promise<InsertCounts> {
    return this.exclusive(async (connection) => {
      const inserted: Record<RecordType, number> = { executions: 0, steps: 0, recoveries: 0, resources: 0 };
      const freshBatch = emptyBatch();
      await connection.run('BEGIN TRANSACTION');
      try {
        const settled = await settleStarts(connection, batch.executions);
        const rows = { ...batch, executions: settled.finished };
        for (const type of RECORD_TYPES) {
          if (rows[type].length === 0) continue;
          const fresh = await freshRows(connection, type, rows[type], this.archivedFiles[type]);
          appendRows(this.appenders[type], TABLES[type], fresh);
          this.appenders[type].flushSync();
          inserted[type] = fresh.length;
          (freshBatch[type] as object[]) = fresh;
        }
        freshBatch.executions.push(...settled.started);
        await connection.run('COMMIT');
      } catch (error) {
        await connection.run('ROLLBACK').catch(() => undefined);
        this.appenders = await recreateAppenders(connection, this.appenders);
        throw error;
      }
      return { inserted, fresh: freshBatch };
    });
  }

  listExecutions(filter: ExecutionFilter, limit: number, cursor?: ExecutionCursor): Promise<ExecutionPage> {
    return this.read((c) => listExecutions(c, filter, limit, cursor));
  }

  stepsOf(executionIds: readonly string[], actionType?: string): Promise<StepRecord[]> {
    return this.read((c) => stepsOf(c, executionIds, actionType));
  }

  queryRange(query: RangeQuery): Promise<RecordBatch> {
    return this.read((c) => queryRange(c, query));
  }

  aggregate(query: AggregateQuery): Promise<AggregateRow[]> {
    return this.read((c) => runAggregate(c, query));
  }

  durationSummaries(filter: ExecutionFilter): Promise<WorkflowDurationSummary[]> {
    return this.read((c) => queryDurationSummaries(c, filter));
  }

  nodeSummaries(filter: ExecutionFilter, statuses?: readonly string[]): Promise<NodeSummary[]> {
    return this.read((c) => queryNodeSummaries(c, filter, statuses));
  }

  successRates(filter: ExecutionFilter): Promise<SuccessRate[]> {
    return this.read((c) => querySuccessRates(c, filter));
  }

  async rowCounts(): Promise<Record<RecordType, number>> {
    const sql = RECORD_TYPES.flatMap((type) =>
      tablesHolding(type).map(
        (table) => `SELECT ${quoteLiteral(type)} AS t, count(*)::DOUBLE AS n FROM ${quoteIdentifier(table)}`,
      ),
    ).join(' UNION ALL ');
    const result = await this.read((c) => c.runAndReadAll(sql));
    const counts: Record<RecordType, number> = { executions: 0, steps: 0, recoveries: 0, resources: 0 };
    for (const row of result.getRowObjects()) counts[row.t as RecordType] += row.n as number;
    return counts;
  }

  /** Forgets executions still marked running that started before `before` (see execution-starts). */
  forgetRunningBefore(before: number): Promise<number> {
    return this.exclusive((connection) => forgetStartsBefore(connection, before));
  }

  /**
   * Rewrites the hot executions and the clustered ones sorted by workflow once
   * enough hot rows have accumulated (see clustering/cluster-by-workflow).
   */
  clusterByWorkflow(
    options: ClusteringOptions = DEFAULT_CLUSTERING,
    afterStep?: (step: ClusteringStep) => void | Promise<void>,
  ): Promise<ClusteringOutcome> {
    return this.maintain((connection) => clusterByWorkflow(connection, options, afterStep));
  }

  /**
   * Runs long maintenance (archive moves, clustering) one job at a time, on a
   * connection of its own so that ingestion goes on. One at a time because
   * both delete hot rows: two concurrent deletes of one row abort one of the
   * transactions, and an archive move aborted after its file was renamed
   * holds the rows twice until the next start.
   */
  maintain<T>(work: (connection: DuckDBConnection) => Promise<T>): Promise<T> {
    if (this.closed) return Promise.reject(new StoreClosedError());
    this.maintenanceConnection ??= this.dedicatedConnection();
    const connection = this.maintenanceConnection;
    const run = this.track(this.maintenanceQueue.then(async () => work(await connection)));
    this.maintenanceQueue = run.catch(() => undefined);
    return run;
  }

  /**
   * Runs a read-only query on one of the read connections (modules adding
   * queries use this); close() waits for it.
   */
  read<T>(work: (connection: DuckDBConnection) => Promise<T>): Promise<T> {
    if (this.closed) return Promise.reject(new StoreClosedError());
    return this.track(work(this.reader()));
  }

  /** Makes close() wait for work running on a connection of this store (a dedicated one, say). */
  track<T>(running: Promise<T>): Promise<T> {
    this.inFlight.add(running);
    const forget = (): void => {
      this.inFlight.delete(running);
    };
    running.then(forget, forget);
    return running;
  }

  /** Runs `work` alone on the write connection (the archive moves rows this way). */
  exclusive<T>(work: (connection: DuckDBConnection) => Promise<T>): Promise<T> {
    if (this.closed) return Promise.reject(new StoreClosedError());
    const run = this.writeQueue.then(() => work(this.writer));
    this.writeQueue = run.catch(() => undefined);
    return run;
  }

  /**
   * A connection of its own for long work (archive moves) that must not hold
   * the write connection; closed with the store.
   */
  async dedicatedConnection(): Promise<DuckDBConnection> {
    const connection = await this.instance.connect();
    this.dedicated.push(connection);
    return connection;
  }

  /**
   * A connection of its own for one long streaming read (an export): a
   * streaming result holds its connection until fully fetched, so it cannot
   * share the readers. close() interrupts its query, tells the reader through
   * `signal`, and waits until `release()` (which closes the connection).
   */
  async borrowConnection(): Promise<BorrowedConnection> {
    if (this.closed) throw new StoreClosedError();
    const connection = await this.instance.connect();
    let settle!: () => void;
    this.track(new Promise<void>((resolve) => (settle = resolve)));
    const interrupt = (): void => connection.interrupt();
    const signal = this.closing.signal;
    signal.addEventListener('abort', interrupt);
    let released = false;
    return {
      connection,
      signal,
      release() {
        if (released) return;
        released = true;
        signal.removeEventListener('abort', interrupt);
        connection.closeSync();
        settle();
      },
    };
  }

  /** Points each `<table>_all` view at the hot (and clustered) rows plus these Parquet files. */
  async setArchiveFiles(
    files: Readonly<Record<RecordType, readonly string[]>>,
    connection = this.writer,
  ): Promise<void> {
    this.archivedFiles = files;
    for (const type of RECORD_TYPES) {
      const hot = storedRowsSql(type);
      const list = files[type];
      const stored =
        list.length === 0
          ? hot
          : `${hot} UNION ALL BY NAME SELECT * FROM read_parquet([${list.map(quoteLiteral).join(', ')}])`;
      const sql = type === 'executions' ? `${stored} UNION ALL BY NAME ${RUNNING_EXECUTIONS_SQL}` : stored;
      await connection.run(`CREATE OR REPLACE VIEW ${quoteIdentifier(allRowsView(type))} AS ${sql}`);
    }
  }

  /** Refuses new work, waits for running reads and writes, then closes the native handles. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.closing.abort();
    await this.writeQueue;
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
    for (const appender of Object.values(this.appenders)) appender.closeSync();
    for (const connection of [...this.dedicated, ...this.readers, this.writer]) connection.closeSync();
    this.instance.closeSync();
  }

  private reader(): DuckDBConnection {
    this.nextReader = (this.nextReader + 1) % this.readers.length;
    return this.readers[this.nextReader] as DuckDBConnection;
  }
}

async function createAppenders(connection: DuckDBConnection): Promise<Record<RecordType, DuckDBAppender>> {
  const appenders = {} as Record<RecordType, DuckDBAppender>;
  for (const type of RECORD_TYPES) appenders[type] = await connection.createAppender(type);
  return appenders;
}

/** After a failed insert: drop whatever a half-appended row left in the appenders. */
async function recreateAppenders(
  connection: DuckDBConnection,
  appenders: Record<RecordType, DuckDBAppender>,
): Promise<Record<RecordType, DuckDBAppender>> {
  for (const appender of Object.values(appenders)) {
    try {
      appender.closeSync();
    } catch {
      // an incomplete row: nothing of it is written
    }
  }
  return createAppenders(connection);
}
