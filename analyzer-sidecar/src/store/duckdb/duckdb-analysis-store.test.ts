import { describeAnalysisStoreConformance } from '../test-support/analysis-store-conformance';
import type { AnalysisStore } from '../analysis-store';
import { createDuckDbAnalysisStore } from './duckdb-analysis-store';
import { DuckDbStore } from './duckdb-store';

const silent = { info: () => {}, warn: () => {}, error: () => {} };

let store: DuckDbStore;
let analysis: AnalysisStore;
beforeAll(async () => {
  store = await DuckDbStore.open(
    { path: ':memory:', memoryLimit: '512MB', threads: 1, tempDir: undefined },
    { log: silent },
  );
  analysis = createDuckDbAnalysisStore(store);
});
afterAll(() => store.close());

describeAnalysisStoreConformance('DuckDB', {
  store: () => store,
  analysis: () => analysis,
  clear: () =>
    store.exclusive(async (c) => {
      for (const t of ['executions', 'steps', 'recoveries', 'resources', 'execution_starts'])
        await c.run(`DELETE FROM ${t}`);
    }),
});
