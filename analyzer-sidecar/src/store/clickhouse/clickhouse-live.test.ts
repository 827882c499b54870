import fc from 'fast-check';
import type { RecordBatch } from '../../model/records';
import { batchArbitrary } from '../../test-support/record-arbitraries';
import { ClickHouseCluster } from '../../test-support/clickhouse-cluster';
import { DuckDbStore } from '../duckdb/duckdb-store';
import { openLiveTables } from '../duckdb/live-tables';
import type { LiveStore } from '../live-store';
import {
  detectionWriteArbitrary,
  listQueryArbitrary,
  liveAnswers,
  PROPERTY_TIMEOUT_MS,
} from '../test-support/live-reference';
import { describeLiveStoreConformance } from '../test-support/live-store-conformance';
import {
  describeImplementationStoreConformance,
  describeWorkflowSettingsConformance,
} from '../test-support/shared-state-conformance';
import { ClickHouseStore } from './clickhouse-store';
import { IMPLEMENTATIONS_TABLE, openClickHouseImplementations } from './implementation-sql';
import { LIVE_TABLES, openClickHouseLiveTables } from './live-sql';
import { openClickHouseWorkflowSettings, SETTINGS_TABLE } from './settings-sql';

// A real cluster: Debian's clickhouse-server as a router over two shards; the live tables live on the router.
let cluster: ClickHouseCluster;
let store: ClickHouseStore;
let live: LiveStore;

beforeAll(async () => {
  cluster = await ClickHouseCluster.start(2);
  store = await ClickHouseStore.open(cluster.options);
  live = await openClickHouseLiveTables(store);
}, 120_000);

afterAll(async () => {
  await store?.close();
  await cluster?.stop();
});

async function clear(): Promise<void> {
  await store.truncate();
  await store.read(async (c) => {
    for (const table of [...LIVE_TABLES, SETTINGS_TABLE, IMPLEMENTATIONS_TABLE])
      await c.command(`TRUNCATE TABLE IF EXISTS ${table}`);
  });
}

const BACKEND = 'ClickHouse router + 2 shards';

describeLiveStoreConformance(BACKEND, { store: () => store, live: () => live, clear });

describe('ClickHouse workflow settings and implementations', () => {
  let settings: Awaited<ReturnType<typeof openClickHouseWorkflowSettings>>;
  let implementations: Awaited<ReturnType<typeof openClickHouseImplementations>>;
  beforeAll(async () => {
    settings = await openClickHouseWorkflowSettings(store);
    implementations = await openClickHouseImplementations(store);
  });
  describeWorkflowSettingsConformance(BACKEND, { settings: () => settings, clear });
  describeImplementationStoreConformance(BACKEND, { implementations: () => implementations, clear });
});

describe('ClickHouse live tables answer as the DuckDB ones on the same writes', () => {
  let duck: DuckDbStore;
  let duckLive: LiveStore;
  beforeAll(async () => {
    duck = await DuckDbStore.open(
      { path: ':memory:', memoryLimit: '512MB', threads: 1, tempDir: undefined },
      { log: { info: () => {}, warn: () => {}, error: () => {} } },
    );
    duckLive = await openLiveTables(duck);
  });
  afterAll(() => duck?.close());

  it(
    'lists, pages, totals, overlaps and states after random detection writes and lifecycle updates',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(detectionWriteArbitrary, { minLength: 1, maxLength: 6 }),
          fc.array(listQueryArbitrary, { minLength: 1, maxLength: 3 }),
          async (writes, queries) => {
            await clear();
            await duck.exclusive(async (c) => {
              for (const table of LIVE_TABLES) await c.run(`DELETE FROM ${table}`);
            });
            for (const write of writes) {
              await duckLive.saveDetection(write);
              await live.saveDetection(write);
            }
            for (const query of queries) {
              expect(await liveAnswers(live, query)).toEqual(await liveAnswers(duckLive, query));
            }
          },
        ),
        { numRuns: 25 },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  it(
    'lists the same running executions with the same progress',
    async () => {
      let running = 0;
      await fc.assert(
        fc.asyncProperty(runningBatchArbitrary, fc.boolean(), async ({ markers, rest }, oneBatch) => {
          await clear();
          await duck.exclusive(async (c) => {
            for (const t of ['executions', 'steps', 'recoveries', 'resources', 'execution_starts'])
              await c.run(`DELETE FROM ${t}`);
          });
          for (const s of [duck, store]) {
            if (oneBatch) await s.insert({ ...rest, executions: [...markers, ...rest.executions] });
            else for (const batch of [{ ...rest, executions: markers }, rest]) await s.insert(batch);
          }
          const reference = await duckLive.runningExecutions();
          expect(await live.runningExecutions()).toEqual(reference);
          expect(await live.runningExecutions(['wf-a'])).toEqual(await duckLive.runningExecutions(['wf-a']));
          running += reference.length;
        }),
        { numRuns: 15 },
      );
      expect(running).toBeGreaterThan(0);
    },
    PROPERTY_TIMEOUT_MS,
  );

  it('another analyzer over the same cluster reads the same state and its later writes win', async () => {
    await clear();
    const other = await ClickHouseStore.open(cluster.options);
    try {
      const otherLive = await openClickHouseLiveTables(other);
      const [write] = fc.sample(
        detectionWriteArbitrary.filter((w) => w.anomalies.length > 0),
        { seed: 5, numRuns: 1 },
      );
      await live.saveDetection(write!);
      const query = { limit: 3 };
      expect(await liveAnswers(otherLive, query)).toEqual(await liveAnswers(live, query));
      const first = write!.anomalies[write!.anomalies.length - 1]!;
      const resolved = { ...first, status: 'resolved' as const, resolved_at: first.ended_at + 1 };
      await otherLive.saveDetection({ states: [], anomalies: [resolved], incidents: [] });
      const seen = await live.listAnomalies({ status: 'resolved', limit: 100 });
      expect(seen.items.filter((a) => a.anomaly_id === first.anomaly_id)).toEqual([resolved]);
    } finally {
      await other.close();
    }
  });
});

/**
 * Executions that are running (a start marker only), ended (a marker and the
 * final span) or never marked, with their steps: each execution's steps end
 * at distinct times, so "the current step" (the latest to end) is one step on
 * every backend.
 */
const runningBatchArbitrary = fc
  .tuple(batchArbitrary(10), fc.array(fc.constantFrom('running', 'ended', 'unmarked'), { maxLength: 10 }))
  .map(([batch, fates]) => {
    const fate = (i: number) => fates[i] ?? 'unmarked';
    const markers = batch.executions
      .filter((_, i) => fate(i) !== 'unmarked')
      .map((e) => ({ ...e, status: 'running' as const, completed_at: null, duration_ms: null }));
    const finals = batch.executions.filter((_, i) => fate(i) !== 'running');
    const ends = new Set<string>();
    const steps = batch.steps.filter((step) => {
      const end = `${step.execution_id}@${step.completed_at}`;
      if (ends.has(end)) return false;
      ends.add(end);
      return true;
    });
    const rest: RecordBatch = { ...batch, executions: finals, steps };
    return { markers, rest };
  });
