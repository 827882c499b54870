/** Opens the backend the configuration names (the embedded DuckDB file by default). */
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { AnalyzerConfig } from '../config/config';
import type { OpenHooks } from '../store/duckdb/open-database';
import { openClickHouseBackend } from './clickhouse-backend';
import { openDuckDbBackend } from './duckdb-backend';
import type { StoreBackend } from './store-backend';

export async function openBackend(config: AnalyzerConfig, duckdbHooks: OpenHooks): Promise<StoreBackend> {
  const clickhouse = config.store?.kind === 'clickhouse' ? config.store.clickhouse : undefined;
  if (!clickhouse) return openDuckDbBackend(config, duckdbHooks);
  // Exports stage their rows in a small DuckDB database each, spilling here.
  const stageDir = join(config.duckdb.tempDir ?? join(config.dataDir, 'tmp'), 'clickhouse-exports');
  rmSync(stageDir, { recursive: true, force: true }); // stages a crashed process left behind
  mkdirSync(stageDir, { recursive: true });
  return openClickHouseBackend(clickhouse, stageDir);
}
