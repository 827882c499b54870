/** The embedded default: one DuckDB file under the data folder, with its Parquet archive. */
import { join } from 'node:path';
import { ParquetArchive } from '../archive/parquet-archive';
import type { AnalyzerConfig } from '../config/config';
import { ClusteringJob } from '../store/duckdb/clustering/clustering-job';
import { createDuckDbAnalysisStore } from '../store/duckdb/duckdb-analysis-store';
import { DuckDbStore } from '../store/duckdb/duckdb-store';
import type { OpenHooks } from '../store/duckdb/open-database';
import { createDuckDbExportStore } from '../store/duckdb/export-queries';
import { createDuckDbHealingStore } from '../store/duckdb/healing-sql';
import { openImplementationTable } from '../store/duckdb/implementation-table';
import { openLiveTables } from '../store/duckdb/live-tables';
import { openReportTables } from '../store/duckdb/report-tables';
import { openWorkflowSettingsTable } from '../store/duckdb/workflow-settings-table';
import type { StoreBackend } from './store-backend';

export async function openDuckDbBackend(config: AnalyzerConfig, hooks: OpenHooks): Promise<StoreBackend> {
  const store = await DuckDbStore.open(
    {
      path: join(config.dataDir, 'store.duckdb'),
      memoryLimit: config.duckdb.memoryLimit,
      threads: config.duckdb.threads,
      tempDir: config.duckdb.tempDir ?? join(config.dataDir, 'tmp'),
      walRecovery: config.duckdb.walRecovery,
    },
    hooks,
  );
  try {
    const archive = new ParquetArchive(store, config.dataDir);
    await archive.recover();
    const reports = await openReportTables(store);
    // Rows only move between tables: answers stay the same, so no cache is told.
    const clustering = new ClusteringJob(store, {
      intervalMs: config.clusteringIntervalMs ?? 60_000,
      onOutcome: (outcome) => {
        if (outcome.moved > 0) hooks.log.info(`executions clustered by workflow: ${JSON.stringify(outcome)}`);
      },
      onError: (error) => hooks.log.error(`clustering job failed: ${(error as Error).message}`),
    });
    return {
      kind: 'duckdb',
      store,
      analysis: createDuckDbAnalysisStore(store),
      healing: createDuckDbHealingStore(store),
      live: await openLiveTables(store),
      settings: await openWorkflowSettingsTable(store),
      implementations: await openImplementationTable(store),
      schedules: reports.schedules,
      links: reports.links,
      exports: createDuckDbExportStore(store),
      retention: {
        moveOlderThan: (type, cutoff) => archive.moveOlderThan(type, cutoff),
        deleteDaysBefore: (type, cutoff) => archive.deleteDaysBefore(type, cutoff),
        forgetRunningBefore: (before) => store.forgetRunningBefore(before),
      },
      archiveBytes: () => archive.bytes(),
      startJobs: () => clustering.start(),
      async close() {
        await clustering.stop();
        await store.close();
      },
    };
  } catch (error) {
    await store.close();
    throw error;
  }
}
