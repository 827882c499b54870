import { describeHealingStoreConformance } from '../test-support/healing-store-conformance';
import { DuckDbStore } from './duckdb-store';
import { createDuckDbHealingStore } from './healing-sql';

const silent = { info: () => {}, warn: () => {}, error: () => {} };

let store: DuckDbStore;
beforeAll(async () => {
  store = await DuckDbStore.open(
    { path: ':memory:', memoryLimit: '512MB', threads: 1, tempDir: undefined },
    { log: silent },
  );
});
afterAll(() => store.close());

describeHealingStoreConformance('DuckDB', {
  store: () => store,
  healing: () => createDuckDbHealingStore(store),
  clear: () =>
    store.exclusive(async (c) => {
      for (const t of ['executions', 'steps', 'recoveries', 'resources', 'execution_starts'])
        await c.run(`DELETE FROM ${t}`);
    }),
});
