import { ClickHouseCluster } from '../../test-support/clickhouse-cluster';
import type { ScheduleStore, ShareLinkStore } from '../schedule-store';
import {
  describeReportStoreConformance,
  makeLogEntry,
  makeSchedule,
} from '../test-support/report-store-conformance';
import { ClickHouseStore } from './clickhouse-store';
import { openClickHouseReportTables } from './report-tables';

// A real cluster: Debian's clickhouse-server as a router over two shards (scripts/ensure-system-deps.sh installs it).
let cluster: ClickHouseCluster;
let store: ClickHouseStore;
let tables: { schedules: ScheduleStore; links: ShareLinkStore };

const REPORT_TABLES = ['report_schedules', 'report_schedule_runs', 'report_deliveries', 'share_links'];
const clearReports = () =>
  store.read(async (c) => {
    for (const table of REPORT_TABLES) await c.command(`TRUNCATE TABLE ${table}`);
  });

beforeAll(async () => {
  cluster = await ClickHouseCluster.start(2);
  store = await ClickHouseStore.open(cluster.options);
  tables = await openClickHouseReportTables(store);
}, 120_000);

afterAll(async () => {
  await store?.close();
  await cluster?.stop();
});

describeReportStoreConformance('ClickHouse router + 2 shards', { tables: () => tables, clear: clearReports });

describe('ClickHouse report tables across analyzer instances', () => {
  const HOUR = 3_600_000;
  beforeEach(clearReports);

  it('keeps insertion order and the latest change when an instance clock lags an hour behind', async () => {
    const ahead = tables;
    const behind = await openClickHouseReportTables(store, { now: () => Date.now() - HOUR });
    await ahead.schedules.insert(makeSchedule('s'));
    const entries = Array.from({ length: 6 }, (_, n) => makeLogEntry('s', n));
    for (const [n, entry] of entries.entries()) await (n % 2 ? behind : ahead).schedules.appendLog(entry);
    expect((await ahead.schedules.log('s', 10)).items).toEqual([...entries].reverse());
    // The lagging instance's PATCH comes after the other's changes and wins, as it would on one instance.
    await ahead.schedules.recordOutcome('s', 5, 'failed');
    await behind.schedules.updateSpec(makeSchedule('s', { name: 'from behind', next_run_at: 7 }));
    expect(await ahead.schedules.advance('s', makeSchedule('s').next_run_at, 8)).toBe(false);
    expect(await ahead.schedules.get('s')).toMatchObject({
      name: 'from behind',
      next_run_at: 7,
      last_run_at: 5,
      last_outcome: 'failed',
    });
    await behind.links.insert({
      link_id: 'l',
      token_hash: 'h',
      owner: 'o',
      target: { template: 'fleet', format: 'pdf', from: 0, to: 1 },
      created_at: 1,
      expires_at: 2,
      revoked_at: null,
    });
    await ahead.links.revoke('l', 1);
    await behind.links.revoke('l', 2);
    expect((await behind.links.get('l'))?.revoked_at).toBe(1);
  });

  it('answers alike from every instance', async () => {
    const other = await openClickHouseReportTables(store);
    await tables.schedules.insert(makeSchedule('s'));
    await other.schedules.advance('s', makeSchedule('s').next_run_at, 1);
    expect(await tables.schedules.get('s')).toEqual(await other.schedules.get('s'));
    expect((await tables.schedules.get('s'))?.next_run_at).toBe(1);
  });
});
