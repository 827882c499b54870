/** Opens the backend the configuration names (the embedded DuckDB file by default). */
import type { AnalyzerConfig } from '../config/config';
import type { OpenHooks } from '../store/duckdb/open-database';
import { openClickHouseBackend } from './clickhouse-backend';
import { openDuckDbBackend } from './duckdb-backend';
import type { StoreBackend } from './store-backend';

export function openBackend(config: AnalyzerConfig, duckdbHooks: OpenHooks): Promise<StoreBackend> {
  const clickhouse = config.store?.kind === 'clickhouse' ? config.store.clickhouse : undefined;
  return clickhouse ? openClickHouseBackend(clickhouse) : openDuckDbBackend(config, duckdbHooks);
}
