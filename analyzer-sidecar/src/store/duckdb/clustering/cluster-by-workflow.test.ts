import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { ParquetArchive } from '../../../archive/parquet-archive';
import type { RecordBatch } from '../../../model/records';
import { BASE_TIME, DAY_MS, batchArbitrary } from '../../../test-support/record-arbitraries';
import type { Store } from '../../store';
import { describeStoreConformance, expectClose } from '../../test-support/store-conformance';
import { DuckDbStore } from '../duckdb-store';
import type { ClusteringStep } from './cluster-by-workflow';

const silent = { info: () => {}, warn: () => {}, error: () => {} };
const ALWAYS = { minRows: 0, ratio: 0 };
const STEPS: readonly ClusteringStep[] = ['keyed', 'copied', 'deleted', 'inserted'];
const ALL_TIME = { start: 0, end: BASE_TIME * 2 };
const TABLES = ['executions', 'executions_clustered', 'steps', 'recoveries', 'resources', 'execution_starts'];

function openStore(path = ':memory:'): Promise<DuckDbStore> {
  return DuckDbStore.open({ path, memoryLimit: '512MB', threads: 1, tempDir: undefined }, { log: silent });
}

function clear(store: DuckDbStore): Promise<void> {
  return store.exclusive(async (c) => {
    for (const t of TABLES) await c.run(`DELETE FROM ${t}`);
  });
}

/** Batch `n` of a history: ids made unique across batches (batchArbitrary numbers from 0 in each). */
function numbered(batch: RecordBatch, n: number): RecordBatch {
  const id = (text: string): string => `h${n}-${text}`;
  return {
    executions: batch.executions.map((e) => ({ ...e, execution_id: id(e.execution_id) })),
    steps: batch.steps.map((s) => ({ ...s, execution_id: id(s.execution_id), step_id: id(s.step_id) })),
    recoveries: [],
    resources: batch.resources,
  };
}

/** A few batches, with at least one execution to cluster. */
const historyArbitrary = fc
  .array(batchArbitrary(6), { minLength: 1, maxLength: 4 })
  .filter((batches) => batches.some((batch) => batch.executions.length > 0))
  .map((batches) => batches.map(numbered));

/** Every question whose answer must not depend on where rows are stored. */
async function answers(store: Store) {
  const sortRows = <T>(rows: readonly T[]): T[] =>
    [...rows].sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
  const range = await store.queryRange(ALL_TIME);
  const summaries = await store.durationSummaries({});
  const oneWorkflow = await store.durationSummaries({
    workflowIds: summaries.slice(0, 1).map((s) => s.workflow_id),
  });
  const page = await store.listExecutions({}, 10_000);
  return {
    executions: sortRows(range.executions),
    steps: sortRows(range.steps),
    listed: sortRows(page.items),
    counts: await store.rowCounts(),
    successRates: await store.successRates({}),
    summaries,
    oneWorkflow,
  };
}

/**
 * Equal answers: rows, counts and order statistics (type 7 quantiles, min, max)
 * exactly; averages and standard deviations within 1e-9, since a sum taken in
 * another row order differs in its last bits (as DuckDB's parallel sums do
 * from one run to the next).
 */
function expectSameAnswers(actual: Awaited<ReturnType<typeof answers>>, expected: typeof actual): void {
  const { summaries, oneWorkflow, ...exact } = actual;
  const { summaries: expectedSummaries, oneWorkflow: expectedOne, ...expectedExact } = expected;
  expect(exact).toEqual(expectedExact);
  const orderStatistics = (rows: typeof summaries) =>
    rows.map((row) => ({ ...row, avg_duration_ms: undefined, std_dev_ms: undefined }));
  expect(orderStatistics(summaries)).toEqual(orderStatistics(expectedSummaries));
  expect(orderStatistics(oneWorkflow)).toEqual(orderStatistics(expectedOne));
  expectClose(summaries, expectedSummaries);
  expectClose(oneWorkflow, expectedOne);
}

describe('clusterByWorkflow', () => {
  let dir: string;
  let store: DuckDbStore;
  let reference: DuckDbStore;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'rpa-cluster-'));
    store = await openStore(join(dir, 'store.duckdb'));
    reference = await openStore();
  });
  afterEach(async () => {
    await store.close();
    await reference.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers as before clustering, with inserts and re-sends committed between its steps and archiving after it', async () => {
    await fc.assert(
      fc.asyncProperty(
        historyArbitrary,
        batchArbitrary(6),
        fc.constantFrom(...STEPS),
        fc.integer({ min: 0, max: 11 }),
        async (history, concurrentBatch, insertAfter, archivedDays) => {
          await clear(store);
          await clear(reference);
          const archive = new ParquetArchive(store, join(dir, `run-${Date.now()}`));
          await archive.recover();
          for (const batch of history) {
            await store.insert(batch);
            await reference.insert(batch);
          }
          const expectedBefore = await answers(reference);
          expectSameAnswers(await answers(store), expectedBefore);

          // New rows and a re-sent batch, committed by ingestion while the compaction's transaction is open.
          const concurrent = [numbered(concurrentBatch, history.length), history[0] as RecordBatch];
          const outcome = await store.clusterByWorkflow(ALWAYS, async (step) => {
            if (step === insertAfter) for (const batch of concurrent) await store.insert(batch);
          });
          for (const batch of concurrent) await reference.insert(batch);
          expect(outcome.moved).toBe(expectedBefore.counts.executions);
          expectSameAnswers(await answers(store), await answers(reference));

          await store.clusterByWorkflow(ALWAYS);
          expectSameAnswers(await answers(store), await answers(reference));
          const moved = await archive.moveOlderThan('executions', BASE_TIME + archivedDays * DAY_MS);
          const { counts, ...archived } = await answers(store);
          const { counts: expectedCounts, ...expected } = await answers(reference);
          expectSameAnswers({ ...archived, counts: expectedCounts }, { ...expected, counts: expectedCounts });
          expect(counts.executions + moved.rows).toBe(expectedCounts.executions);
        },
      ),
      { numRuns: 12 },
    );
  }, 180_000);

  it.each(STEPS)(
    'loses and duplicates nothing when it fails after step %s, and completes on the next run',
    async (step) => {
      const history = fc.sample(historyArbitrary, { numRuns: 1, seed: 42 })[0] as RecordBatch[];
      for (const batch of history) await store.insert(batch);
      await store.clusterByWorkflow(ALWAYS);
      const later = numbered(fc.sample(batchArbitrary(8), { numRuns: 1, seed: 43 })[0] as RecordBatch, 9);
      await store.insert(later);
      const before = await answers(store);
      expect(before.counts.executions).toBeGreaterThan(0);

      await expect(
        store.clusterByWorkflow(ALWAYS, (at) => {
          if (at === step) throw new Error(`killed after ${at}`);
        }),
      ).rejects.toThrow(`killed after ${step}`);
      expectSameAnswers(await answers(store), before);

      // What the failed run left must also be what a restart finds on disk.
      await store.close();
      store = await openStore(join(dir, 'store.duckdb'));
      expectSameAnswers(await answers(store), before);

      const outcome = await store.clusterByWorkflow(ALWAYS);
      expect(outcome.moved).toBe(later.executions.length);
      expectSameAnswers(await answers(store), before);
    },
  );

  it('waits until the hot rows are a share of the clustered ones', async () => {
    const history = fc.sample(historyArbitrary, { numRuns: 1, seed: 5 })[0] as RecordBatch[];
    for (const batch of history) await store.insert(batch);
    const hot = (await store.rowCounts()).executions;
    expect(hot).toBeGreaterThan(0);
    expect((await store.clusterByWorkflow({ minRows: hot + 1, ratio: 0 })).moved).toBe(0);
    expect(await store.clusterByWorkflow({ minRows: hot, ratio: 0 })).toEqual({ moved: hot, clustered: hot });
    const more = numbered(fc.sample(batchArbitrary(12), { numRuns: 1, seed: 6 })[0] as RecordBatch, 7);
    await store.insert(more);
    const added = more.executions.length;
    expect((await store.clusterByWorkflow({ minRows: 0, ratio: (added + 1) / hot })).moved).toBe(0);
    expect((await store.clusterByWorkflow({ minRows: 0, ratio: added / hot })).moved).toBe(added);
  });
});

describe('a one-workflow question on clustered executions', () => {
  const WORKFLOWS = 50;
  const ROWS = 600_000; // about 5 row groups of 122,880 rows

  /** Rows the table scans read for one workflow's completed executions (DuckDB's profiler). */
  async function rowsScanned(store: DuckDbStore): Promise<number> {
    return store.read(async (c) => {
      await c.run(`SET custom_profiling_settings = '{"CUMULATIVE_ROWS_SCANNED": "true"}'`);
      const result = await c.runAndReadAll(
        `EXPLAIN (ANALYZE, FORMAT JSON) SELECT quantile_cont(e.duration_ms, 0.95) FROM executions_all e
         WHERE list_contains(['workflow-7'], e.workflow_id) AND e.status = 'completed'`,
      );
      const profile = JSON.parse(result.getRows()[0]?.[1] as string) as { cumulative_rows_scanned: number };
      return profile.cumulative_rows_scanned;
    });
  }

  it('reads the row groups that hold that workflow, not the whole table', async () => {
    const store = await openStore();
    try {
      await store.exclusive((c) =>
        c.run(`INSERT INTO executions (execution_id, workflow_id, started_at, completed_at, duration_ms, status,
                 steps_total, steps_completed, steps_failed, context)
               SELECT 'e-' || i, 'workflow-' || (i % ${WORKFLOWS}), ${BASE_TIME} + i * 1000, ${BASE_TIME} + i * 1000 + 500,
                 500, 'completed', 1, 1, 0, '{}' FROM range(${ROWS}) t(i)`),
      );
      expect(await rowsScanned(store)).toBeGreaterThanOrEqual(ROWS);
      const expected = await store.durationSummaries({ workflowIds: ['workflow-7'] });
      await store.clusterByWorkflow();
      expect(await rowsScanned(store)).toBeLessThanOrEqual(2 * 122_880);
      expect(await store.durationSummaries({ workflowIds: ['workflow-7'] })).toEqual(expected);
    } finally {
      await store.close();
    }
  }, 60_000);
});

describe('executions clustered after every insert', () => {
  let store: DuckDbStore;
  let clustering: Store;
  beforeAll(async () => {
    store = await openStore();
    // The whole Store contract, with every execution read back from the clustered table.
    clustering = new Proxy(store, {
      get(target, name, receiver) {
        if (name !== 'insert') return Reflect.get(target, name, receiver) as unknown;
        return async (batch: RecordBatch) => {
          const counts = await target.insert(batch);
          await target.clusterByWorkflow(ALWAYS);
          return counts;
        };
      },
    });
  });
  afterAll(() => store.close());

  describeStoreConformance('DuckDB, executions clustered by workflow', {
    store: () => clustering,
    clear: () => clear(store),
  });
});
