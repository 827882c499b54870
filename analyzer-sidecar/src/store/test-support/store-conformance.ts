/**
 * The conformance suite every `Store` backend passes (DuckDB always, the
 * ClickHouse cluster in clickhouse-store.test.ts): the same questions on the
 * same data give the same answers, with the analysis layer's pure functions
 * and plain filters over the generated records as the reference.
 */
import fc from 'fast-check';
import { quantileSorted, summarizeDurations } from '../../analysis/statistics';
import { summarizeSteps } from '../../analysis/step-summaries';
import { successRatesByWorkflow } from '../../analysis/success-rate';
import type { ExecutionRecord, RecordBatch } from '../../model/records';
import { BASE_TIME, DAY_MS, batchArbitrary, executionArbitrary } from '../../test-support/record-arbitraries';
import {
  AGGREGATE_METRICS,
  AGGREGATIONS,
  GROUP_BY_COLUMNS,
  type AggregateMetric,
  type AggregateQuery,
  type AggregateRow,
} from '../aggregate-catalog';
import { TABLES } from '../record-tables';
import type { ExecutionFilter, Store } from '../store';

export interface StoreHarness<S extends Store> {
  /** The store under test, opened once for the suite. */
  store(): S;
  /** Removes every stored row. */
  clear(store: S): Promise<void>;
}

/** Equal, numbers within a relative 1e-9 (sums taken in another order differ in the last bits). */
export function expectClose(actual: unknown, expected: unknown, path = 'rows'): void {
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

async function listAll(store: Store, filter: ExecutionFilter, pageSize: number): Promise<ExecutionRecord[]> {
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

const aggregateArbitrary: fc.Arbitrary<AggregateQuery> = fc
  .constantFrom(...(Object.keys(AGGREGATE_METRICS) as AggregateMetric[]))
  .chain((metric) =>
    fc.record({
      metric: fc.constant(metric),
      aggregation: fc.constantFrom(...AGGREGATIONS),
      groupBy: fc.subarray([...GROUP_BY_COLUMNS[AGGREGATE_METRICS[metric].table]], { maxLength: 2 }),
      start: fc.integer({ min: BASE_TIME - DAY_MS, max: BASE_TIME + 5 * DAY_MS }),
      end: fc.integer({ min: BASE_TIME + 5 * DAY_MS, max: BASE_TIME + 12 * DAY_MS }),
    }),
  );

const RFC3339_HOUR = (ms: number, unit: 'hour' | 'day'): string => {
  const size = unit === 'hour' ? 3_600_000 : DAY_MS;
  return new Date(Math.floor(ms / size) * size).toISOString();
};

/** The aggregate the catalog defines, over plain records (the reference for every backend). */
function referenceAggregate(batch: RecordBatch, query: AggregateQuery): AggregateRow[] {
  const metric = AGGREGATE_METRICS[query.metric];
  const table = TABLES[metric.table];
  const rows = (batch[metric.table] as unknown as Record<string, unknown>[]).filter((row) => {
    const t = row[table.timeColumn] as number;
    return t >= query.start && t < query.end;
  });
  const groups = new Map<string, { group: Record<string, string | null>; values: number[] }>();
  for (const row of rows) {
    const group = Object.fromEntries(
      query.groupBy.map((name) => {
        if (name === 'hour' || name === 'day')
          return [name, RFC3339_HOUR(row[table.timeColumn] as number, name)];
        const value = row[name];
        return [name, value === null || value === undefined ? null : String(value)];
      }),
    );
    const key = JSON.stringify(query.groupBy.map((name) => group[name]));
    const entry = groups.get(key) ?? { group, values: [] };
    const value = row[metric.column];
    if (typeof value === 'number') entry.values.push(value);
    groups.set(key, entry);
  }
  if (query.groupBy.length === 0 && groups.size === 0) groups.set('[]', { group: {}, values: [] });
  const compare = (a: string | null, b: string | null): number =>
    a === b ? 0 : a === null ? 1 : b === null ? -1 : Buffer.compare(Buffer.from(a), Buffer.from(b));
  return [...groups.values()]
    .map(({ group, values }) => ({
      group,
      value: aggregateOf(query.aggregation, values),
      count: values.length,
    }))
    .sort((x, y) => {
      for (const name of query.groupBy) {
        const c = compare(x.group[name] ?? null, y.group[name] ?? null);
        if (c !== 0) return c;
      }
      return 0;
    });
}

function aggregateOf(aggregation: AggregateQuery['aggregation'], values: number[]): number | null {
  if (aggregation === 'count') return values.length;
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  switch (aggregation) {
    case 'avg':
      return values.reduce((s, v) => s + v, 0) / values.length;
    case 'sum':
      return values.reduce((s, v) => s + v, 0);
    case 'min':
      return sorted[0] as number;
    case 'max':
      return sorted[sorted.length - 1] as number;
    case 'p50':
      return quantileSorted(sorted, 0.5);
    case 'p95':
      return quantileSorted(sorted, 0.95);
    case 'p99':
      return quantileSorted(sorted, 0.99);
  }
}

/** Every conformance test, against the harness's store. */
export function describeStoreConformance<S extends Store>(backend: string, harness: StoreHarness<S>): void {
  const fresh = async (): Promise<S> => {
    const store = harness.store();
    await harness.clear(store);
    return store;
  };

  describe(`Store conformance: ${backend}`, () => {
    it('stores a re-sent batch once (idempotent by id)', async () => {
      const store = await fresh();
      const batch = fc.sample(batchArbitrary(5), { numRuns: 1, seed: 7 })[0] as RecordBatch;
      const first = await store.insert(batch);
      expect(first.inserted.executions).toBe(batch.executions.length);
      const again = await store.insert(batch);
      expect(again.inserted).toEqual({ executions: 0, steps: 0, recoveries: 0, resources: 0 });
      const counts = await store.rowCounts();
      expect(counts.executions).toBe(batch.executions.length);
      expect(counts.steps).toBe(batch.steps.length);
    });

    it('keeps steps that arrive before their execution', async () => {
      const store = await fresh();
      const batch = fc.sample(batchArbitrary(3), { numRuns: 1, seed: 3 })[0] as RecordBatch;
      await store.insert({ ...batch, executions: [] });
      await store.insert({ ...batch, steps: [], resources: [] });
      const ids = batch.executions.map((e) => e.execution_id);
      expect(await store.stepsOf(ids)).toHaveLength(batch.steps.length);
    });

    it('lists a started execution as running until its final span, in either order, once', async () => {
      const store = await fresh();
      const e = fc.sample(executionArbitrary('exec-live'), { numRuns: 1, seed: 11 })[0] as ExecutionRecord;
      const marker: ExecutionRecord = { ...e, status: 'running', completed_at: null, duration_ms: null };
      const markerOnly = { executions: [marker], steps: [], recoveries: [], resources: [] };
      expect((await store.insert(markerOnly)).fresh?.executions.map((x) => x.status)).toEqual(['running']);
      expect((await store.insert(markerOnly)).fresh?.executions ?? []).toEqual([]);
      const running = await store.listExecutions({ status: 'running' }, 10);
      expect(running.items.map((x) => [x.execution_id, x.status])).toEqual([['exec-live', 'running']]);
      await store.insert({ ...markerOnly, executions: [e] });
      expect((await store.listExecutions({ status: 'running' }, 10)).total).toBe(0);
      expect((await store.listExecutions({}, 10)).items.map((x) => x.status)).toEqual([e.status]);
      // A marker arriving after its execution ended is dropped.
      expect((await store.insert(markerOnly)).fresh?.executions ?? []).toEqual([]);
      expect((await store.listExecutions({}, 10)).total).toBe(1);
    });

    it('stores and filters by hostile strings exactly (quotes, backslashes, NUL, emoji)', async () => {
      const store = await fresh();
      const hostile = [
        "'; DROP TABLE executions; --",
        'back\\slash\\',
        'nul\u0000byte',
        'q\'uo"te',
        '🤖 robot',
      ];
      const template = fc.sample(executionArbitrary('template'), { numRuns: 1, seed: 5 })[0];
      const executions = hostile.map((text, i) => ({
        ...(template as ExecutionRecord),
        execution_id: `${text}#${i}`,
        workflow_id: text,
        started_at: BASE_TIME + i,
        status: 'completed' as const,
        error_message: text,
        context: { note: text },
      }));
      await store.insert({ executions, steps: [], recoveries: [], resources: [] });
      for (const e of executions) {
        const page = await store.listExecutions({ workflowIds: [e.workflow_id] }, 10);
        expect(page.items).toEqual([e]);
      }
      const rates = await store.successRates({ workflowIds: hostile });
      expect(rates.map((r) => r.workflow_id).sort()).toEqual([...hostile].sort());
    });

    // Property 15: for any query with filters, only records matching all filter criteria are returned.
    it('Property 15: returns exactly the executions matching every filter, across pages', async () => {
      const store = harness.store();
      await fc.assert(
        fc.asyncProperty(
          batchArbitrary(),
          filterArbitrary,
          fc.integer({ min: 1, max: 5 }),
          async (batch, filter, pageSize) => {
            await harness.clear(store);
            await store.insert(batch);
            const got = await listAll(store, filter, pageSize);
            const expected = batch.executions
              .filter((e) => matches(batch, e, filter))
              .sort((a, b) => b.started_at - a.started_at || (a.execution_id < b.execution_id ? 1 : -1));
            expect(got).toEqual(expected);
            expect((await store.listExecutions(filter, pageSize)).total).toBe(expected.length);
          },
        ),
        { numRuns: 30 },
      );
    });

    it('Property 15: queryRange returns exactly the records in range for the workflow', async () => {
      const store = harness.store();
      await fc.assert(
        fc.asyncProperty(
          batchArbitrary(),
          fc.integer({ min: BASE_TIME, max: BASE_TIME + 11 * DAY_MS }),
          fc.integer({ min: 0, max: 6 * DAY_MS }),
          fc.constantFrom('wf-a', 'wf-b'),
          async (batch, start, span, workflowId) => {
            await harness.clear(store);
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
        { numRuns: 20 },
      );
    });

    // The analysis layer's pure functions are the reference for what the store pushes down.
    it('computes per-workflow duration summaries (type 7) and success rates as the analysis layer does', async () => {
      const store = harness.store();
      await fc.assert(
        fc.asyncProperty(batchArbitrary(), async (batch) => {
          await harness.clear(store);
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
        { numRuns: 20 },
      );
    });

    it('computes per-node step summaries as summarizeSteps does', async () => {
      const store = harness.store();
      await fc.assert(
        fc.asyncProperty(
          batchArbitrary(),
          fc.subarray(['completed', 'failed', 'skipped'] as const, { minLength: 1 }),
          async (batch, statuses) => {
            await harness.clear(store);
            await store.insert(batch);
            expectClose(await store.nodeSummaries({}, statuses), summarizeSteps(batch.steps, { statuses }));
          },
        ),
        { numRuns: 20 },
      );
    });

    it('aggregates every allow-listed metric, aggregation and group-by as the catalog defines them', async () => {
      const store = harness.store();
      await fc.assert(
        fc.asyncProperty(batchArbitrary(), aggregateArbitrary, async (batch, query) => {
          await harness.clear(store);
          await store.insert(batch);
          expectClose(await store.aggregate(query), referenceAggregate(batch, query));
        }),
        { numRuns: 40 },
      );
    });

    it('refuses aggregate queries outside the catalog, naming the field', async () => {
      const store = harness.store();
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
}
