import fc from 'fast-check';
import type { ExecutionRecord, RecordBatch } from '../../model/records';
import { BASE_TIME, DAY_MS, batchArbitrary } from '../../test-support/record-arbitraries';
import type { ExecutionFilter } from '../store';
import { summarizeDurations } from '../../analysis/statistics';
import { summarizeSteps } from '../../analysis/step-summaries';
import { successRatesByWorkflow } from '../../analysis/success-rate';
import { StoreClosedError } from '../store';
import { DuckDbStore } from './duckdb-store';

/** Equal, numbers within a relative 1e-9 (sums taken in another order differ in the last bits). */
function expectClose(actual: unknown, expected: unknown, path = 'rows'): void {
  if (typeof expected === 'number' && typeof actual === 'number') {
    const tolerance = 1e-9 * Math.max(1, Math.abs(expected), Math.abs(actual));
    if (Math.abs(actual - expected) > tolerance) throw new Error(`${path}: ${actual} is not ${expected}`);
    return;
  }
  if (typeof expected === 'object' && expected !== null && typeof actual === 'object' && actual !== null) {
    const keys = [...new Set([...Object.keys(expected), ...Object.keys(actual)])];
    for (const key of keys) {
      expectClose(
        (actual as Record<string, unknown>)[key],
        (expected as Record<string, unknown>)[key],
        `${path}.${key}`,
      );
    }
    return;
  }
  expect({ path, value: actual }).toEqual({ path, value: expected });
}

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

  // The analysis layer's pure functions are the reference for what the store pushes down.
  it('computes per-workflow duration summaries and success rates as the analysis layer does', async () => {
    await fc.assert(
      fc.asyncProperty(batchArbitrary(), async (batch) => {
        await clear(store);
        await store.insert(batch);
        const completed = batch.executions.filter((e) => e.status === 'completed');
        const workflows = [...new Set(completed.map((e) => e.workflow_id))].sort();
        const expected = workflows.map((workflow_id) => ({
          workflow_id,
          ...summarizeDurations(
            completed.filter((e) => e.workflow_id === workflow_id).map((e) => e.duration_ms as number),
          ),
        }));
        expectClose(await store.durationSummaries({}), expected);
        expectClose(await store.successRates({}), successRatesByWorkflow(batch.executions));
      }),
      { numRuns: 25 },
    );
  });

  it('computes per-node step summaries as summarizeSteps does', async () => {
    await fc.assert(
      fc.asyncProperty(
        batchArbitrary(),
        fc.subarray(['completed', 'failed', 'skipped'] as const, { minLength: 1 }),
        async (batch, statuses) => {
          await clear(store);
          await store.insert(batch);
          expectClose(await store.nodeSummaries({}, statuses), summarizeSteps(batch.steps, { statuses }));
        },
      ),
      { numRuns: 25 },
    );
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
