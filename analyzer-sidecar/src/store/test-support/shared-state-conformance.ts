/**
 * Conformance suites of the small shared state every backend keeps: workflow
 * settings and insight implementations. Random sequences of puts and
 * removals read back as a map of the last change per key.
 */
import fc from 'fast-check';
import type { Insight } from '../../model/analysis';
import type { ImplementationStore, InsightImplementation } from '../implementation-store';
import type { WorkflowSettings, WorkflowSettingsStore } from '../workflow-settings-store';
import { compareBytes, hostileText, PROPERTY_TIMEOUT_MS, T0 } from './live-reference';

export interface SettingsHarness {
  settings(): WorkflowSettingsStore;
  clear(): Promise<void>;
}

export interface ImplementationsHarness {
  implementations(): ImplementationStore;
  clear(): Promise<void>;
}

const key = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom('wf-a', 'wf-b', 'wf-c') },
  { weight: 1, arbitrary: hostileText },
);
const optionalNumber = fc.option(
  fc.oneof(fc.constantFrom(0.1 + 0.2, 0), fc.double({ min: 0, max: 1e6, noNaN: true })),
  {
    nil: null,
  },
);

const settingsArbitrary: fc.Arbitrary<WorkflowSettings> = fc.record({
  workflow_id: key,
  manual_minutes_per_case: optionalNumber,
  cost_per_hour: optionalNumber,
  currency: fc.option(fc.oneof(fc.constantFrom('EUR', 'USD'), hostileText), { nil: null }),
  failure_handling_minutes: fc.double({ min: 0, max: 600, noNaN: true }).map((v) => v + 0),
  cron: fc.option(fc.oneof(fc.constantFrom('0 * * * *', '*/5 9-17 * * 1-5'), hostileText), { nil: null }),
  timezone: fc.constantFrom('UTC', 'Europe/Paris'),
  tolerance_minutes: optionalNumber,
  updated_at: fc.integer({ min: T0, max: T0 + 1e9 }),
});

function insight(id: string, workflow: string, title: string): Insight {
  return {
    insight_id: id,
    workflow_id: workflow,
    category: 'performance',
    title,
    description: 'd',
    recommendation: 'r',
    expected_impact: 'e',
    ease_of_implementation: 'easy',
    priority_score: 0.1 + 0.2,
    supporting_data: { text: title, values: [1.5, -2] },
    created_at: T0,
    expected_change: { metric: 'duration_ms', baseline_value: 10, expected_value: 8, change_percent: -20 },
  };
}

const implementationArbitrary: fc.Arbitrary<InsightImplementation> = fc
  .record({
    insight_id: key,
    workflow_id: fc.oneof(fc.constantFrom('wf-a'), hostileText),
    implemented_at: fc.integer({ min: 0, max: 3 }).map((i) => T0 + i * 1000),
    note: fc.option(hostileText, { nil: null }),
    reported_impact: fc.option(fc.dictionary(hostileText, fc.oneof(hostileText, fc.integer())), {
      nil: null,
    }),
    title: hostileText,
  })
  .map(({ title, ...i }) => ({ ...i, insight: insight(i.insight_id, i.workflow_id, title) }));

type Change<T> = { put: T } | { remove: string };

function changes<T>(arbitrary: fc.Arbitrary<T>): fc.Arbitrary<Change<T>[]> {
  return fc.array(
    fc.oneof(
      { weight: 3, arbitrary: arbitrary.map((put) => ({ put })) },
      { weight: 1, arbitrary: key.map((remove) => ({ remove })) },
    ),
    {
      minLength: 1,
      maxLength: 10,
    },
  );
}

/** A stored value as it reads back: -0 as 0 (both backends), JSON fields as JSON. */
const stored = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

export function describeWorkflowSettingsConformance(backend: string, harness: SettingsHarness): void {
  describe(`WorkflowSettingsStore conformance: ${backend}`, () => {
    beforeEach(() => harness.clear());

    it('replaces, removes (saying whether there was anything) and puts again', async () => {
      const settings = harness.settings();
      const first = sample(settingsArbitrary, { workflow_id: "wf-'x\\" });
      await settings.put(first);
      await settings.put({ ...first, cost_per_hour: 0.1 + 0.2, currency: null });
      expect(await settings.get("wf-'x\\")).toEqual({ ...first, cost_per_hour: 0.1 + 0.2, currency: null });
      expect(await settings.remove("wf-'x\\")).toBe(true);
      expect(await settings.remove("wf-'x\\")).toBe(false);
      expect(await settings.get("wf-'x\\")).toBeNull();
      expect(await settings.list()).toEqual([]);
      await settings.put(first);
      expect(await settings.list()).toEqual([first]);
    });

    it(
      'reads back the last change of each workflow, ordered by workflow id',
      async () => {
        await fc.assert(
          fc.asyncProperty(changes(settingsArbitrary), async (sequence) => {
            await harness.clear();
            const settings = harness.settings();
            const expected = new Map<string, WorkflowSettings>();
            for (const change of sequence) {
              if ('put' in change) {
                await settings.put(change.put);
                expected.set(change.put.workflow_id, stored(change.put));
              } else {
                expect(await settings.remove(change.remove)).toBe(expected.delete(change.remove));
              }
            }
            const list = [...expected.values()].sort((a, b) => compareBytes(a.workflow_id, b.workflow_id));
            expect(await settings.list()).toEqual(list);
            for (const s of list) expect(await settings.get(s.workflow_id)).toEqual(s);
          }),
          { numRuns: 25 },
        );
      },
      PROPERTY_TIMEOUT_MS,
    );
  });
}

export function describeImplementationStoreConformance(
  backend: string,
  harness: ImplementationsHarness,
): void {
  describe(`ImplementationStore conformance: ${backend}`, () => {
    beforeEach(() => harness.clear());

    it('records, replaces and forgets an implementation; forgetting none is a no-op', async () => {
      const store = harness.implementations();
      const one: InsightImplementation = {
        insight_id: "ins-'1\\",
        workflow_id: 'wf-a',
        implemented_at: T0,
        note: 'done 😀\n',
        reported_impact: { saved_minutes: 12.5, by: "o'neil" },
        insight: insight("ins-'1\\", 'wf-a', 'faster'),
      };
      await store.remove('never recorded');
      await store.record(one);
      await store.record({ ...one, note: null, reported_impact: null });
      expect(await store.list()).toEqual([{ ...one, note: null, reported_impact: null }]);
      await store.remove(one.insight_id);
      expect(await store.list()).toEqual([]);
      await store.record(one);
      expect(await store.list()).toEqual([one]);
    });

    it(
      'lists the last recording of each insight, oldest first (ties by insight id)',
      async () => {
        await fc.assert(
          fc.asyncProperty(changes(implementationArbitrary), async (sequence) => {
            await harness.clear();
            const store = harness.implementations();
            const expected = new Map<string, InsightImplementation>();
            for (const change of sequence) {
              if ('put' in change) {
                await store.record(change.put);
                expected.set(change.put.insight_id, stored(change.put));
              } else {
                await store.remove(change.remove);
                expected.delete(change.remove);
              }
            }
            const list = [...expected.values()].sort(
              (a, b) => a.implemented_at - b.implemented_at || compareBytes(a.insight_id, b.insight_id),
            );
            expect(await store.list()).toEqual(list);
          }),
          { numRuns: 25 },
        );
      },
      PROPERTY_TIMEOUT_MS,
    );
  });
}

function sample(
  arbitrary: fc.Arbitrary<WorkflowSettings>,
  overrides: Partial<WorkflowSettings>,
): WorkflowSettings {
  return { ...fc.sample(arbitrary, { seed: 7, numRuns: 1 })[0]!, ...overrides };
}
