/**
 * The ClickHouse backend of the `Store`: a router (where queries and inserts
 * go, holding the Distributed tables) over shards (holding the rows), or one
 * server holding everything. Every analyzer instance can use the same
 * cluster: inserts are idempotent across instances and every read asks the
 * cluster, so all instances answer alike.
 */
import type { NodeSummary, SuccessRate } from '../../model/analysis';
import { RECORD_TYPES, type RecordBatch, type RecordType, type StepRecord } from '../../model/records';
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
import { runAggregate } from './aggregate-sql';
import { ClickHouseConnection, type ClickHouseEndpoint } from './connection';
import { insertBatch } from './insert-batch';
import { listExecutions, queryRange, stepsOf } from './record-queries';
import {
  createDistributedTableSql,
  createLocalTableSql,
  localTableName,
  STORED_TABLES,
  type StoredTable,
} from './schema';
import { identifier, stringLiteral } from './sql-literal';
import { queryDurationSummaries, queryNodeSummaries, querySuccessRates } from './stats-sql';

export interface ClickHouseStoreOptions {
  /** Where queries and inserts go. */
  readonly router: ClickHouseEndpoint;
  /**
   * The cluster the router's Distributed tables span (its name in the
   * router's `remote_servers`) and each shard, where the local tables are
   * created. Without it the router stores everything itself.
   */
  readonly cluster?: { readonly name: string; readonly shards: readonly ClickHouseEndpoint[] };
  /** Database of the tables on every node; default `default`. */
  readonly database?: string;
}

export class ClickHouseStore implements Store {
  private insertQueue: Promise<unknown> = Promise.resolve();
  private closed = false;
  private readonly inFlight = new Set<Promise<unknown>>();

  private constructor(
    private readonly router: ClickHouseConnection,
    private readonly shards: readonly ClickHouseConnection[],
  ) {}

  /** Connects and creates the tables where missing (on each shard, then the router's Distributed ones). */
  static async open(options: ClickHouseStoreOptions): Promise<ClickHouseStore> {
    const database = options.database ?? 'default';
    const router = new ClickHouseConnection({ ...options.router, database });
    const shards = (options.cluster?.shards ?? []).map((s) => new ClickHouseConnection({ ...s, database }));
    const store = new ClickHouseStore(router, shards);
    try {
      if (options.cluster) {
        for (const shard of shards) {
          for (const table of STORED_TABLES) await shard.command(createLocalTableSql(table));
        }
        const layout = { cluster: options.cluster.name, database };
        for (const table of STORED_TABLES) await router.command(createDistributedTableSql(table, layout));
      } else {
        for (const table of STORED_TABLES) await router.command(createLocalTableSql(table, table));
      }
    } catch (error) {
      await store.closeConnections();
      throw error;
    }
    return store;
  }

  /** Inserts are serialized per instance, so one instance's batches never race each other's lookups. */
  insert(batch: RecordBatch): Promise<InsertCounts> {
    if (this.closed) return Promise.reject(new StoreClosedError());
    const run = this.insertQueue.then(() => insertBatch(this.router, batch));
    this.insertQueue = run.catch(() => undefined);
    return this.track(run);
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

  successRates(filter: ExecutionFilter): Promise<SuccessRate[]> {
    return this.read((c) => querySuccessRates(c, filter));
  }

  nodeSummaries(filter: ExecutionFilter, statuses?: readonly string[]): Promise<NodeSummary[]> {
    return this.read((c) => queryNodeSummaries(c, filter, statuses));
  }

  /** Stored rows per record type (distinct rows: a row stored twice by racing instances counts once). */
  async rowCounts(): Promise<Record<RecordType, number>> {
    const sql = RECORD_TYPES.map(
      (type) => `SELECT ${stringLiteral(type)} AS t, toFloat64(count()) AS n FROM ${identifier(type)} FINAL`,
    ).join(' UNION ALL ');
    const rows = await this.read((c) => c.rows<{ t: RecordType; n: number }>(sql));
    const counts: Record<RecordType, number> = { executions: 0, steps: 0, recoveries: 0, resources: 0 };
    for (const row of rows) counts[row.t] = row.n;
    return counts;
  }

  /** Removes every stored row (on each shard): for tests and `--reset`. */
  async truncate(): Promise<void> {
    await this.onStorageNodes(async (node, tableName) => {
      for (const table of STORED_TABLES) await node.command(`TRUNCATE TABLE ${identifier(tableName(table))}`);
    });
  }

  /**
   * Runs `work` on each node that holds rows (every shard, or the one server)
   * with the name its rows' table has there: what DDL on the data itself
   * (truncation, dropped partitions) needs. close() waits for it.
   */
  onStorageNodes(
    work: (node: ClickHouseConnection, tableName: (table: StoredTable) => string) => Promise<void>,
  ): Promise<void> {
    if (this.closed) return Promise.reject(new StoreClosedError());
    const sharded = this.shards.length > 0;
    const tableName = (table: StoredTable): string => (sharded ? localTableName(table) : table);
    const nodes = sharded ? this.shards : [this.router];
    return this.track(
      (async () => {
        for (const node of nodes) await work(node, tableName);
      })(),
    );
  }

  /** Runs a read on the router; close() waits for it. */
  read<T>(work: (connection: ClickHouseConnection) => Promise<T>): Promise<T> {
    if (this.closed) return Promise.reject(new StoreClosedError());
    return this.track(work(this.router));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
    await this.closeConnections();
  }

  private track<T>(running: Promise<T>): Promise<T> {
    this.inFlight.add(running);
    const forget = (): void => {
      this.inFlight.delete(running);
    };
    running.then(forget, forget);
    return running;
  }

  private async closeConnections(): Promise<void> {
    await Promise.allSettled([this.router.close(), ...this.shards.map((s) => s.close())]);
  }
}
