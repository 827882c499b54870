/**
 * Query latency and storage cost at scale: steps generated into the store,
 * queried through the Store interface, then archived to Parquet.
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { ParquetArchive } from '../src/archive/parquet-archive';
import { DuckDbStore } from '../src/store/duckdb/duckdb-store';
import { generateSteps } from './generate-steps';

export interface StoreFigures {
  steps: number;
  generateSeconds: number;
  clusterSeconds: number;
  storeBytesPerStep: number;
  perWorkflowStatsMs: number;
  perWorkflowStepQuantilesMs: number;
  allWorkflowsGroupByMs: number;
  archiveSeconds: number;
  archiveBytesPerStep: number;
  allWorkflowsGroupByArchivedMs: number;
}

const quiet = { info: () => {}, warn: () => {}, error: () => {} };

export async function benchStore(
  dataDir: string,
  steps: number,
  workflows: number,
  threads: number,
): Promise<StoreFigures> {
  const path = join(dataDir, 'store.duckdb');
  const store = await DuckDbStore.open(
    { path, memoryLimit: '4GB', threads, tempDir: join(dataDir, 'tmp') },
    { log: quiet },
  );
  try {
    const start = Date.UTC(2026, 0, 1);
    const generated = process.hrtime.bigint();
    await store.exclusive((connection) => generateSteps(connection, steps, workflows, start));
    const generateSeconds = seconds(generated);
    // What the analyzer's clustering job does once the hot executions are due (all of them here).
    const clustering = process.hrtime.bigint();
    await store.clusterByWorkflow();
    await store.exclusive((connection) => connection.run('CHECKPOINT'));
    const clusterSeconds = seconds(clustering);
    const storeBytesPerStep = await stepBytesInStore(store, path, steps);
    const range = { start, end: start + 365 * 86_400_000 };
    const perWorkflowStatsMs = await timed(() => store.durationSummaries({ workflowIds: ['workflow-17'] }));
    const perWorkflowStepQuantilesMs = await timed(() =>
      store.aggregate({
        metric: 'step_duration_ms',
        aggregation: 'p95',
        groupBy: ['node_id'],
        ...range,
        filters: { workflowIds: ['workflow-17'] },
      }),
    );
    const groupAll = () =>
      store.aggregate({ metric: 'step_duration_ms', aggregation: 'p95', groupBy: ['workflow_id'], ...range });
    const allWorkflowsGroupByMs = await timed(groupAll);
    const archive = new ParquetArchive(store, dataDir);
    await archive.recover();
    const archived = process.hrtime.bigint();
    await archive.moveOlderThan('steps', range.end);
    const archiveSeconds = seconds(archived);
    const archiveBytesPerStep = archive.bytes().steps / steps;
    const allWorkflowsGroupByArchivedMs = await timed(groupAll);
    return {
      steps,
      generateSeconds,
      clusterSeconds,
      storeBytesPerStep,
      perWorkflowStatsMs,
      perWorkflowStepQuantilesMs,
      allWorkflowsGroupByMs,
      archiveSeconds,
      archiveBytesPerStep,
      allWorkflowsGroupByArchivedMs,
    };
  } finally {
    await store.close();
  }
}

/** Bytes of the steps table: the database's used blocks, less those of the other tables. */
async function stepBytesInStore(store: DuckDbStore, path: string, steps: number): Promise<number> {
  const bytes = await store.exclusive(async (connection) => {
    const result = await connection.runAndReadAll(
      `SELECT count(DISTINCT block_id)::DOUBLE AS blocks FROM pragma_storage_info('steps') WHERE block_id IS NOT NULL`,
    );
    const size = await connection.runAndReadAll(
      `SELECT block_size::DOUBLE AS block_size FROM pragma_database_size()`,
    );
    return (result.getRowObjects()[0]?.blocks as number) * (size.getRowObjects()[0]?.block_size as number);
  });
  void statSync(path);
  return bytes / steps;
}

/** Median of 5 runs after one warm-up, in milliseconds. */
export async function timed(query: () => Promise<unknown>): Promise<number> {
  await query();
  const runs: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t0 = process.hrtime.bigint();
    await query();
    runs.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  runs.sort((a, b) => a - b);
  return runs[2] as number;
}

function seconds(since: bigint): number {
  return Number(process.hrtime.bigint() - since) / 1e9;
}
