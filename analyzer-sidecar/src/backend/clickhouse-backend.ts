/**
 * A ClickHouse cluster as the store: records on the shards, the small shared
 * state (live detection, schedules, settings, implementations) on the router.
 * Every analyzer pointed at the same router reads and writes the same data.
 */
import { openClusterTables } from '../cluster/cluster-tables';
import type { ClickHouseConfig } from '../config/store-config';
import { createClickHouseAnalysisStore } from '../store/clickhouse/clickhouse-analysis-store';
import { ClickHouseStore } from '../store/clickhouse/clickhouse-store';
import { createClickHouseExportStore } from '../store/clickhouse/export-sql';
import { createClickHouseHealingStore } from '../store/clickhouse/healing-sql';
import { openClickHouseImplementations } from '../store/clickhouse/implementation-sql';
import { openClickHouseLiveTables } from '../store/clickhouse/live-sql';
import { openClickHouseReportTables } from '../store/clickhouse/report-tables';
import { createClickHouseRetention } from '../store/clickhouse/retention-sql';
import { openClickHouseWorkflowSettings } from '../store/clickhouse/settings-sql';
import { NO_ARCHIVE_BYTES, type StoreBackend } from './store-backend';

export async function openClickHouseStore(config: ClickHouseConfig): Promise<ClickHouseStore> {
  const credentials = { username: config.username, password: config.password };
  return ClickHouseStore.open({
    router: { url: config.url, ...credentials },
    cluster: config.cluster && {
      name: config.cluster.name,
      shards: config.cluster.shards.map((url) => ({ url, ...credentials })),
    },
    database: config.database,
  });
}

/** `tempDir`: where exports stage their rows (a small DuckDB database each, spilling there). */
export async function openClickHouseBackend(
  config: ClickHouseConfig,
  tempDir: string,
): Promise<StoreBackend> {
  const store = await openClickHouseStore(config);
  try {
    const reports = await openClickHouseReportTables(store);
    const live = await openClickHouseLiveTables(store);
    return {
      kind: 'clickhouse',
      store,
      analysis: createClickHouseAnalysisStore(store),
      healing: createClickHouseHealingStore(store),
      live,
      settings: await openClickHouseWorkflowSettings(store),
      implementations: await openClickHouseImplementations(store),
      schedules: reports.schedules,
      links: reports.links,
      exports: createClickHouseExportStore(store, { anomalies: live, tempDir }),
      retention: createClickHouseRetention(store),
      archiveBytes: () => ({ ...NO_ARCHIVE_BYTES }),
      cluster: () => openClusterTables(store),
      // Rows are stored ordered by workflow already: nothing to maintain.
      startJobs: () => {},
      close: () => store.close(),
    };
  } catch (error) {
    await store.close();
    throw error;
  }
}
