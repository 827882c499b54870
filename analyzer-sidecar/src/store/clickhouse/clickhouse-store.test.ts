import fc from 'fast-check';
import { makeExecution } from '../../analysis/test-support/records';
import { ClickHouseCluster } from '../../test-support/clickhouse-cluster';
import { describeAnalysisStoreConformance } from '../test-support/analysis-store-conformance';
import { describeStoreConformance } from '../test-support/store-conformance';
import { createClickHouseAnalysisStore } from './clickhouse-analysis-store';
import { createClickHouseHealingStore } from './healing-sql';
import { describeHealingStoreConformance } from '../test-support/healing-store-conformance';
import { expectClose } from '../test-support/store-conformance';
import { DuckDbStore } from '../duckdb/duckdb-store';
import { createDuckDbAnalysisStore } from '../duckdb/duckdb-analysis-store';
import { createDuckDbHealingStore } from '../duckdb/healing-sql';
import type { RecordBatch, RecoveryRecord } from '../../model/records';
import { batchArbitrary } from '../../test-support/record-arbitraries';
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

describeHealingStoreConformance('ClickHouse router + 2 shards', {
  store: () => store,
  healing: () => createClickHouseHealingStore(store),
  clear: () => store.truncate(),
});

const TARGETS = ['#save', 'Invoice form', ''];

/** Records with what healing analytics reads: targets, recoveries of some steps, request times. */
const healingBatchArbitrary: fc.Arbitrary<RecordBatch> = fc
  .tuple(
    batchArbitrary(),
    fc.array(fc.nat({ max: 1000 }), { maxLength: 12 }),
    fc.array(fc.option(fc.nat({ max: 3_600_000 }), { nil: null }), { maxLength: 12 }),
  )
  .map(([batch, picks, queues]) => {
    const steps = batch.steps.map((s, i) => ({
      ...s,
      target_element: TARGETS[i % TARGETS.length] as string,
    }));
    const recoveries: RecoveryRecord[] = [];
    picks.forEach((pick, i) => {
      const step = steps[pick % Math.max(1, steps.length)];
      if (!step) return;
      recoveries.push({
        recovery_id: `r-${i}`,
        step_id: step.step_id,
        execution_id: step.execution_id,
        workflow_id: step.workflow_id,
        strategy: i % 2 === 0 ? 'alternate_selector' : 'rematch_visual',
        outcome: pick % 3 === 0 ? 'failed' : 'recovered',
        started_at: step.started_at,
        completed_at: step.started_at + (pick % 7) * 100,
      });
    });
    const executions = batch.executions.map((e, i) => {
      const queue = queues[i];
      return { ...e, requested_at: queue === undefined || queue === null ? null : e.started_at - queue };
    });
    return { ...batch, executions, steps, recoveries };
  });

describe('ClickHouseStore answers as the DuckDB store on the same records', () => {
  let duck: DuckDbStore;
  beforeAll(async () => {
    duck = await DuckDbStore.open(
      { path: ':memory:', memoryLimit: '512MB', threads: 1, tempDir: undefined },
      { log: { info: () => {}, warn: () => {}, error: () => {} } },
    );
  });
  afterAll(() => duck?.close());

  it('healing rows, target counts, confidences, run totals, starts, queue times and windowed outcomes', async () => {
    const backends = [
      { healing: createDuckDbHealingStore(duck), analysis: createDuckDbAnalysisStore(duck) },
      { healing: createClickHouseHealingStore(store), analysis: createClickHouseAnalysisStore(store) },
    ];
    const answers = async (b: (typeof backends)[number]) => ({
      healingRows: await b.healing.healingRows({}),
      targetStepCounts: await b.healing.targetStepCounts({}),
      confidencePoints: await b.healing.confidencePoints({}, 2),
      runTotals: await b.healing.runTotals({}),
      executionStarts: await b.healing.executionStarts({}),
      queueTimes: await b.healing.queueTimes({}),
      windowedOutcomes: await b.analysis.windowedOutcomes({ from: Date.UTC(2026, 0, 1) }, 6 * 3_600_000),
    });
    let withLaterFailures = 0;
    let withBins = 0;
    await fc.assert(
      fc.asyncProperty(healingBatchArbitrary, async (batch) => {
        await duck.exclusive(async (c) => {
          for (const t of ['executions', 'steps', 'recoveries', 'resources', 'execution_starts'])
            await c.run(`DELETE FROM ${t}`);
        });
        await store.truncate();
        await duck.insert(batch);
        await store.insert(batch);
        const reference = await answers(backends[0]!);
        expectClose(await answers(backends[1]!), reference);
        if (reference.healingRows.some((r) => r.later_failure_at !== null)) withLaterFailures += 1;
        if (reference.confidencePoints.some((p) => (p.executions ?? 1) > 1)) withBins += 1;
      }),
      { numRuns: 20 },
    );
    // Not vacuous: some batches had later failures and binned targets.
    expect(withLaterFailures).toBeGreaterThan(0);
    expect(withBins).toBeGreaterThan(0);
  });
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
