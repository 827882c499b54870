/** Property 16 and the export-store behaviours on the DuckDB backend (the suite: store/test-support). */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDbStore } from '../store/duckdb/duckdb-store';
import { createDuckDbExportStore } from '../store/duckdb/export-queries';
import { openLiveTables } from '../store/duckdb/live-tables';
import type { LiveStore } from '../store/live-store';
import { describeExportStoreConformance } from '../store/test-support/export-store-conformance';

const quiet = { info: () => {}, warn: () => {}, error: () => {} };

let dir: string;
let store: DuckDbStore;
let live: LiveStore;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'rpa-export-'));
  store = await DuckDbStore.open(
    { path: join(dir, 'store.duckdb'), memoryLimit: '256MB', threads: 1, tempDir: undefined },
    { log: quiet },
  );
  live = await openLiveTables(store);
});
afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describeExportStoreConformance('DuckDB', {
  exports: () => createDuckDbExportStore(store),
  insert: async (batch) => {
    await store.insert(batch);
  },
  saveAnomalies: (anomalies) => live.saveDetection({ states: [], anomalies, incidents: [] }),
  dir: () => dir,
});
