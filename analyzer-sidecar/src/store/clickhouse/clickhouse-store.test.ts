import fc from 'fast-check';
import { makeExecution } from '../../analysis/test-support/records';
import { ClickHouseCluster } from '../../test-support/clickhouse-cluster';
import { describeAnalysisStoreConformance } from '../test-support/analysis-store-conformance';
import { describeStoreConformance } from '../test-support/store-conformance';
import { createClickHouseAnalysisStore } from './clickhouse-analysis-store';
import { StoreClosedError } from '../store';
import { ClickHouseStore } from './clickhouse-store';
import { stringLiteral } from './sql-literal';

// A real cluster: Debian's clickhouse-server as a router over two shards (scripts/ensure-system-deps.sh installs it).
let cluster: ClickHouseCluster;
let store: ClickHouseStore;

beforeAll(async () => {
  cluster = await ClickHouseCluster.start(2);
  store = await ClickHouseStore.open(cluster.options);
}, 120_000);

afterAll(async () => {
  await store?.close();
  await cluster?.stop();
});

describeStoreConformance('ClickHouse router + 2 shards', {
  store: () => store,
  clear: (s) => s.truncate(),
});

describeAnalysisStoreConformance('ClickHouse router + 2 shards', {
  store: () => store,
  analysis: () => createClickHouseAnalysisStore(store),
  clear: () => store.truncate(),
});

describe('ClickHouseStore', () => {
  // Values reach ClickHouse 18.16 as literals (it has no query parameters): no string may end its literal.
  it('reads every string back unchanged from its literal', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string({ unit: 'binary-ascii', maxLength: 40 }),
          fc.string({ unit: 'grapheme', maxLength: 20 }),
        ),
        async (text) => {
          const rows = await store.read((c) => c.rows<{ s: string }>(`SELECT ${stringLiteral(text)} AS s`));
          expect(rows).toEqual([{ s: text }]);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('spreads workflows over both shards and reads them back through the router', async () => {
    await store.truncate();
    const executions = Array.from({ length: 40 }, (_, i) =>
      makeExecution({ execution_id: `e${i}`, workflow_id: `wf-${i}`, started_at: 1_767_225_600_000 + i }),
    );
    await store.insert({ executions, steps: [], recoveries: [], resources: [] });
    const perShard = await Promise.all(
      cluster.options.cluster.shards.map(async (shard) => {
        const response = await fetch(
          `${shard.url}/?query=${encodeURIComponent('SELECT count() FROM executions_local')}`,
        );
        return Number((await response.text()).trim());
      }),
    );
    expect(perShard.every((n) => n > 0)).toBe(true);
    expect(perShard.reduce((a, b) => a + b, 0)).toBe(40);
    expect((await store.rowCounts()).executions).toBe(40);
  });

  it('refuses work after close with StoreClosedError', async () => {
    const other = await ClickHouseStore.open(cluster.options);
    await other.close();
    await expect(other.rowCounts()).rejects.toBeInstanceOf(StoreClosedError);
  });
});
