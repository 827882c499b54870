/**
 * Exports from the ClickHouse backend: rows streamed from the router in
 * chunks, each chunk staged in a small DuckDB database and encoded there by
 * the DuckDB backend's own export SQL (see export-stage.ts), so CSV, JSON
 * Lines and Parquet are byte for byte what the DuckDB backend writes for the
 * same records. Text holds one chunk in memory at a time and stops the
 * ClickHouse query when the consumer returns; Parquet stages every row
 * (spilling to disk past the stage's memory limit) and lets DuckDB COPY it.
 *
 * Anomalies live with the live state, not in the record tables: they are
 * read through a LiveStore, in pages, and staged whole before they are
 * encoded, since their export is ordered (started_at, anomaly_id) and the
 * pages come newest first; they are few (one row per anomaly episode).
 */
import { tmpdir } from 'node:os';
import type { Anomaly, AnomalyStatus } from '../../model/analysis';
import type { ExportFilter } from '../../exports/export-columns';
import { stagedExportSql, writeRowsParquet } from '../duckdb/export-queries';
import type { ExportStore, StoredDataset } from '../export-store';
import type { LiveStore, TimeCursor } from '../live-store';
import { decodeRow, TABLES } from '../record-tables';
import type { ClickHouseStore } from './clickhouse-store';
import { ExportStage, STAGE_TABLE, type StagedRows } from './export-stage';
import { STEP_COLUMNS, executionSource, filterConditions, whereClause } from './filter-sql';
import { selectColumns } from './schema';

export interface ClickHouseExportOptions {
  /** Where anomalies are read from (the live state's store). */
  readonly anomalies: Pick<LiveStore, 'listAnomalies'>;
  /** Rows fetched, staged and encoded at once; default 4096. */
  readonly chunkRows?: number;
  /** Where the staging database spills; default the OS temp directory. */
  readonly tempDir?: string;
  /** The staging database's memory limit; default 128MB. */
  readonly memoryLimit?: string;
}

/** Steps are filtered by their own status in exports (DuckDB: `filterConditions` over `steps_all`). */
const STEP_EXPORT_COLUMNS = { ...STEP_COLUMNS, hasStatus: true };
const ANOMALY_PAGE = 1000;

/** The stored rows of executions (final and running) or steps matching the filter, in storage order. */
function recordsSql(dataset: 'executions' | 'steps', filter: ExportFilter): string {
  if (dataset === 'executions')
    return `SELECT ${selectColumns('executions')} FROM ${executionSource(filter)}`;
  const where = whereClause(filterConditions(filter, STEP_EXPORT_COLUMNS));
  return `SELECT ${selectColumns('steps')} FROM steps FINAL ${where}`;
}

/** Batches as they arrive regrouped into chunks of `size` rows. */
async function* chunksOf<T>(batches: AsyncIterable<T[]>, size: number): AsyncGenerator<T[]> {
  let chunk: T[] = [];
  for await (const batch of batches) {
    for (const row of batch) {
      chunk.push(row);
      if (chunk.length >= size) {
        yield chunk;
        chunk = [];
      }
    }
  }
  if (chunk.length > 0) yield chunk;
}

/** Anomalies overlapping the filter, page by page (the same conditions as DuckDB's export). */
async function* anomalyPages(live: ClickHouseExportOptions['anomalies'], filter: ExportFilter) {
  let cursor: TimeCursor | undefined;
  do {
    const page = await live.listAnomalies({
      from: filter.from,
      to: filter.to,
      workflowIds: filter.workflowIds,
      status: filter.status as AnomalyStatus | undefined,
      limit: ANOMALY_PAGE,
      cursor,
    });
    yield page.items;
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
}

export function createClickHouseExportStore(
  store: ClickHouseStore,
  options: ClickHouseExportOptions,
): ExportStore {
  const chunkRows = options.chunkRows ?? 4096;
  const stageOptions = { tempDir: options.tempDir ?? tmpdir(), memoryLimit: options.memoryLimit ?? '128MB' };

  /** The dataset's rows in chunks, as the stage takes them. */
  async function* chunks(dataset: StoredDataset, filter: ExportFilter): AsyncGenerator<StagedRows> {
    if (dataset === 'anomalies') {
      yield* anomalyPages(options.anomalies, filter) as AsyncGenerator<Anomaly[]>;
      return;
    }
    // The router's connection; a store closing under a running export fails its stream.
    const connection = await store.read(async (c) => c);
    const rows = connection.streamRows<Record<string, unknown>>(recordsSql(dataset, filter));
    for await (const chunk of chunksOf(rows, chunkRows))
      yield chunk.map((row) => decodeRow(TABLES[dataset], row));
  }

  async function withStage<T>(work: (stage: ExportStage) => Promise<T>): Promise<T> {
    const stage = await ExportStage.open(stageOptions);
    try {
      return await work(stage);
    } finally {
      stage.close();
    }
  }

  return {
    async *streamText(dataset, filter, format, formulas) {
      const stage = await ExportStage.open(stageOptions);
      try {
        await stage.createTable(dataset);
        const sql = stagedExportSql(STAGE_TABLE, dataset).records(format, formulas);
        if (dataset === 'anomalies') {
          for await (const page of chunks(dataset, filter)) await stage.append(dataset, page);
          yield* stage.joined(sql);
          return;
        }
        for await (const chunk of chunks(dataset, filter)) {
          await stage.append(dataset, chunk);
          for await (const text of stage.joined(sql)) yield text;
          await stage.clear();
        }
      } finally {
        stage.close();
      }
    },

    writeParquet: (dataset, filter, path) =>
      withStage(async (stage) => {
        await stage.createTable(dataset);
        for await (const chunk of chunks(dataset, filter)) await stage.append(dataset, chunk);
        await stage.connection.run(stagedExportSql(STAGE_TABLE, dataset).parquet(path));
      }),

    writeRowsParquet: (columns, rows, path) =>
      withStage((stage) => writeRowsParquet(stage.connection, columns, rows, path)),
  };
}
