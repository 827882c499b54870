/**
 * Closing the app while work still queries the store: the store must close
 * only after those queries settle (closing a DuckDB connection under a running
 * query hangs the query forever or crashes the process with a segfault).
 */
import type { DuckDbStore } from './store/duckdb/duckdb-store';
import { analysisHistory } from './test-support/analysis-history';
import { bearer, startTestApp } from './test-support/test-app';

const SLOW_QUERY = 'SELECT sum(i * i)::DOUBLE AS s FROM range(20000000) t(i)';

describe('app close', () => {
  it('closes after an analysis pass and a slow read in flight have settled', async () => {
    const t = await startTestApp();
    await t.app.analyzer.store.insert(analysisHistory(Date.now()));
    const pass = t.app.analysis.refresh().then(
      () => 'finished',
      (error: Error) => error.name,
    );
    const slowRead = (t.app.analyzer.store as DuckDbStore).read((c) => c.runAndReadAll(SLOW_QUERY));
    await t.close();
    expect(['finished', 'StoreClosedError']).toContain(await pass);
    expect((await slowRead).getRowObjects()[0]?.s).toBeGreaterThan(0);
  });

  it('closes cleanly while API reads are in flight', async () => {
    const t = await startTestApp();
    await t.app.analyzer.store.insert(analysisHistory(Date.now()));
    const reads = Array.from({ length: 6 }, () =>
      t.app
        .inject({ url: '/analytics/metrics?include=steps&limit=1000', headers: bearer('viewer') })
        .then((response) => response.statusCode),
    );
    await t.close();
    for (const status of await Promise.all(reads)) expect([200, 503]).toContain(status);
  });
});
