import fc from 'fast-check';
import { batchSize, type RecordBatch } from '../model/records';
import { batchArbitrary } from '../test-support/record-arbitraries';
import { BatchWriter, OverloadedError } from './batch-writer';
import { DuckDbStore } from './duckdb/duckdb-store';

const silent = { info: () => {}, warn: () => {}, error: () => {} };
const FLUSH_INTERVAL_MS = 25;

describe('BatchWriter', () => {
  let store: DuckDbStore;
  beforeAll(async () => {
    store = await DuckDbStore.open(
      { path: ':memory:', memoryLimit: '512MB', threads: 1, tempDir: undefined },
      { log: silent },
    );
  });
  afterAll(() => store.close());

  // Property 4: for any buffered metrics, they are persisted to storage within the flush interval.
  it('Property 4: every submitted batch is stored, exactly once, within the flush interval of its submission', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(batchArbitrary(4), { minLength: 1, maxLength: 6 }),
        fc.array(fc.nat(10), { maxLength: 6 }),
        async (batches, delays) => {
          await store.exclusive(async (c) => {
            for (const t of ['executions', 'steps', 'recoveries', 'resources'])
              await c.run(`DELETE FROM ${t}`);
          });
          const ids = batches.map((batch, i) => withPrefix(batch, `b${i}-`));
          const writer = new BatchWriter(store, {
            flushIntervalMs: FLUSH_INTERVAL_MS,
            maxBatchRows: 50,
            maxPendingRows: 100_000,
          });
          const latencies: number[] = [];
          const done: Promise<void>[] = [];
          for (const [i, batch] of ids.entries()) {
            const submitted = Date.now();
            done.push(writer.submit(batch).then(() => void latencies.push(Date.now() - submitted)));
            // a retried export re-sends the same batch
            if (i % 2 === 0) done.push(writer.submit(batch).then(() => undefined));
            await new Promise((resolve) => setTimeout(resolve, delays[i] ?? 0));
          }
          await Promise.all(done);
          const counts = await store.rowCounts();
          expect(counts.executions).toBe(ids.reduce((n, b) => n + b.executions.length, 0));
          expect(counts.steps).toBe(ids.reduce((n, b) => n + b.steps.length, 0));
          // the commit itself takes a few ms on top of the interval
          for (const latency of latencies) expect(latency).toBeLessThan(FLUSH_INTERVAL_MS + 250);
          await writer.close();
        },
      ),
      { numRuns: 25 },
    );
  });

  it('refuses new rows past the pending limit instead of buffering without bound', async () => {
    const slowStore = { insert: () => new Promise<never>(() => {}) };
    const writer = new BatchWriter(slowStore, { flushIntervalMs: 0, maxBatchRows: 10, maxPendingRows: 5 });
    const batch = fc
      .sample(batchArbitrary(3), { numRuns: 20, seed: 1 })
      .find((b) => batchSize(b) >= 3) as RecordBatch;
    void writer.submit(batch);
    await expect(writer.submit(batch)).rejects.toBeInstanceOf(OverloadedError);
  });
});

function withPrefix(batch: RecordBatch, prefix: string): RecordBatch {
  return {
    executions: batch.executions.map((e) => ({ ...e, execution_id: prefix + e.execution_id })),
    steps: batch.steps.map((s) => ({
      ...s,
      step_id: prefix + s.step_id,
      execution_id: prefix + s.execution_id,
    })),
    recoveries: [],
    resources: batch.resources.map((r) => ({ ...r, service_instance_id: prefix + r.service_instance_id })),
  };
}
