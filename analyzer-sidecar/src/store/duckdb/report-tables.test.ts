import type { ScheduleStore, ShareLinkStore } from '../schedule-store';
import { describeReportStoreConformance } from '../test-support/report-store-conformance';
import { DuckDbStore } from './duckdb-store';
import { openReportTables } from './report-tables';

const silent = { info: () => {}, warn: () => {}, error: () => {} };

let store: DuckDbStore;
let tables: { schedules: ScheduleStore; links: ShareLinkStore };
beforeAll(async () => {
  store = await DuckDbStore.open(
    { path: ':memory:', memoryLimit: '256MB', threads: 1, tempDir: undefined },
    { log: silent },
  );
  tables = await openReportTables(store);
});
afterAll(() => store.close());

describeReportStoreConformance('DuckDB', {
  tables: () => tables,
  clear: () =>
    store.exclusive(async (c) => {
      for (const t of ['report_deliveries', 'report_schedules', 'share_links'])
        await c.run(`DELETE FROM ${t}`);
    }),
});
