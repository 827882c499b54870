import { StoreClosedError } from '../store';
import { describeStoreConformance } from '../test-support/store-conformance';
import { DuckDbStore } from './duckdb-store';

const silent = { info: () => {}, warn: () => {}, error: () => {} };

function openMemoryStore(): Promise<DuckDbStore> {
  return DuckDbStore.open(
    { path: ':memory:', memoryLimit: '512MB', threads: 1, tempDir: undefined },
    { log: silent },
  );
}

let shared: DuckDbStore;
beforeAll(async () => {
  shared = await openMemoryStore();
});
afterAll(() => shared.close());

describeStoreConformance('DuckDB', {
  store: () => shared,
  clear: (store) =>
    store.exclusive(async (c) => {
      for (const t of ['executions', 'steps', 'recoveries', 'resources', 'execution_starts'])
        await c.run(`DELETE FROM ${t}`);
    }),
});

describe('DuckDbStore.close', () => {
  it('waits for a read still running instead of closing its connection under it', async () => {
    const store = await openMemoryStore();
    const slowRead = store.read((c) =>
      c.runAndReadAll('SELECT sum(i * i)::DOUBLE AS s FROM range(20000000) t(i)'),
    );
    await store.close();
    const rows = (await slowRead).getRowObjects();
    expect(rows[0]?.s).toBeGreaterThan(0);
  });

  it('refuses work after close with StoreClosedError', async () => {
    const store = await openMemoryStore();
    await store.close();
    await expect(store.rowCounts()).rejects.toBeInstanceOf(StoreClosedError);
    await expect(store.exclusive((c) => c.run('SELECT 1'))).rejects.toBeInstanceOf(StoreClosedError);
  });
});
