import fc from 'fast-check';
import type { ExecutionRecord, RecordBatch } from '../../model/records';
import { BASE_TIME, DAY_MS, batchArbitrary } from '../../test-support/record-arbitraries';
import type { ExecutionFilter } from '../store';
import { DuckDbStore } from './duckdb-store';

const silent = { info: () => {}, warn: () => {}, error: () => {} };

function openMemoryStore(): Promise<DuckDbStore> {
  return DuckDbStore.open(
    { path: ':memory:', memoryLimit: '512MB', threads: 1, tempDir: undefined },
    { log: silent },
  );
}

async function clear(store: DuckDbStore): Promise<void> {
  await store.exclusive(async (c) => {
    for (const t of ['executions', 'steps', 'recoveries', 'resources']) await c.run(`DELETE FROM ${t}`);
  });
}

async function listAll(
  store: DuckDbStore,
  filter: ExecutionFilter,
  pageSize: number,
): Promise<ExecutionRecord[]> {
  const items: ExecutionRecord[] = [];
  let page = await store.listExecutions(filter, pageSize);
  items.push(...page.items);
  while (page.nextCursor) {
    page = await store.listExecutions(filter, pageSize, page.nextCursor);
    items.push(...page.items);
  }
  return items;
}

function matches(batch: RecordBatch, e: ExecutionRecord, f: ExecutionFilter): boolean {
  if (f.from !== undefined && e.started_at < f.from) return false;
  if (f.to !== undefined && e.started_at >= f.to) return false;
  if (f.workflowIds && f.workflowIds.length > 0 && !f.workflowIds.includes(e.workflow_id)) return false;
  if (f.status !== undefined && e.status !== f.status) return false;
  if (f.actionType !== undefined) {
    return batch.steps.some((s) => s.execution_id === e.execution_id && s.action_type === f.actionType);
  }
  return true;
}

const filterArbitrary: fc.Arbitrary<ExecutionFilter> = fc.record(
  {
    from: fc.integer({ min: BASE_TIME, max: BASE_TIME + 10 * DAY_MS }),
    to: fc.integer({ min: BASE_TIME, max: BASE_TIME + 11 * DAY_MS }),
    workflowIds: fc.subarray(['wf-a', 'wf-b', 'wf-c', 'wf-missing']),
    status: fc.constantFrom('completed', 'failed', 'cancelled', 'running'),
    actionType: fc.constantFrom('click', 'type', 'wait', 'drag'),
  },
  { requiredKeys: [] },
);

describe('DuckDbStore', () => {
  let store: DuckDbStore;
  beforeAll(async () => {
    store = await openMemoryStore();
  });
  afterAll(() => store.close());

  it('stores a re-sent batch once (idempotent by id)', async () => {
    await clear(store);
    const batch = fc.sample(batchArbitrary(5), { numRuns: 1, seed: 7 })[0] as RecordBatch;
    await store.insert(batch);
    const again = await store.insert(batch);
    expect(again.inserted).toEqual({ executions: 0, steps: 0, recoveries: 0, resources: 0 });
    const counts = await store.rowCounts();
    expect(counts.executions).toBe(batch.executions.length);
    expect(counts.steps).toBe(batch.steps.length);
  });

  it('keeps steps that arrive before their execution', async () => {
    await clear(store);
    const batch = fc.sample(batchArbitrary(3), { numRuns: 1, seed: 3 })[0] as RecordBatch;
    await store.insert({ ...batch, executions: [] });
    await store.insert({ ...batch, steps: [], resources: [] });
    const ids = batch.executions.map((e) => e.execution_id);
    expect(await store.stepsOf(ids)).toHaveLength(batch.steps.length);
  });

  // Property 15: for any query with filters, only records matching all filter criteria are returned.
  it('Property 15: returns exactly the executions matching every filter, across pages', async () => {
    await fc.assert(
      fc.asyncProperty(
        batchArbitrary(),
        filterArbitrary,
        fc.integer({ min: 1, max: 5 }),
        async (batch, filter, pageSize) => {
          await clear(store);
          await store.insert(batch);
          const got = await listAll(store, filter, pageSize);
          const expected = batch.executions
            .filter((e) => matches(batch, e, filter))
            .sort((a, b) => b.started_at - a.started_at || (a.execution_id < b.execution_id ? 1 : -1));
          expect(got).toEqual(expected);
          const first = await store.listExecutions(filter, pageSize);
          expect(first.total).toBe(expected.length);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('Property 15: queryRange returns exactly the records in range for the workflow', async () => {
    await fc.assert(
      fc.asyncProperty(
        batchArbitrary(),
        fc.integer({ min: BASE_TIME, max: BASE_TIME + 11 * DAY_MS }),
        fc.integer({ min: 0, max: 6 * DAY_MS }),
        fc.constantFrom('wf-a', 'wf-b'),
        async (batch, start, span, workflowId) => {
          await clear(store);
          await store.insert(batch);
          const end = start + span;
          const got = await store.queryRange({ start, end, workflowId, types: ['steps'] });
          const expected = batch.steps.filter(
            (s) => s.workflow_id === workflowId && s.started_at >= start && s.started_at < end,
          );
          expect(new Set(got.steps.map((s) => s.step_id))).toEqual(new Set(expected.map((s) => s.step_id)));
          expect(got.executions).toEqual([]);
        },
      ),
      { numRuns: 30 },
    );
  });

  it('computes type 7 quantiles, sample std dev and success rates', async () => {
    await clear(store);
    const batch = fc.sample(batchArbitrary(12), { numRuns: 1, seed: 11 })[0] as RecordBatch;
    batch.executions.forEach((e, i) =>
      Object.assign(e, {
        workflow_id: 'wf-a',
        duration_ms: (i + 1) * 10,
        status: i % 3 === 2 ? 'failed' : 'completed',
      }),
    );
    await store.insert(batch);
    const [stats] = await store.durationStats({});
    const completed = batch.executions
      .filter((e) => e.status === 'completed')
      .map((e) => e.duration_ms as number)
      .sort((a, b) => a - b);
    const quantile = (p: number): number => {
      const h = (completed.length - 1) * p;
      const lo = Math.floor(h);
      return (
        (completed[lo] as number) +
        (h - lo) * ((completed[Math.min(lo + 1, completed.length - 1)] as number) - (completed[lo] as number))
      );
    };
    expect(stats?.count).toBe(completed.length);
    expect(stats?.p95_ms).toBeCloseTo(quantile(0.95), 9);
    expect(stats?.median_ms).toBeCloseTo(quantile(0.5), 9);
    const [rate] = await store.successRates({});
    const failed = batch.executions.length - completed.length;
    expect(rate).toMatchObject({ workflow_id: 'wf-a', completed: completed.length, failed });
    expect(rate?.success_rate).toBeCloseTo((completed.length / (completed.length + failed)) * 100, 9);
  });

  it('aggregates with allow-listed group-by and refuses the rest naming the field', async () => {
    await clear(store);
    const batch = fc.sample(batchArbitrary(8), { numRuns: 1, seed: 5 })[0] as RecordBatch;
    await store.insert(batch);
    const rows = await store.aggregate({
      metric: 'step_duration_ms',
      aggregation: 'count',
      groupBy: ['workflow_id', 'action_type'],
      start: 0,
      end: BASE_TIME * 2,
    });
    expect(rows.reduce((sum, r) => sum + (r.value ?? 0), 0)).toBe(batch.steps.length);
    await expect(
      store.aggregate({
        metric: 'step_duration_ms',
        aggregation: 'avg',
        groupBy: ['1; DROP TABLE steps'],
        start: 0,
        end: 1,
      }),
    ).rejects.toMatchObject({ field: 'group_by' });
    await expect(
      store.aggregate({
        metric: 'nope' as 'step_duration_ms',
        aggregation: 'avg',
        groupBy: [],
        start: 0,
        end: 1,
      }),
    ).rejects.toMatchObject({ field: 'metric' });
  });
});
