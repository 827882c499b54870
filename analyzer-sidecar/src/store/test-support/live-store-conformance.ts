/**
 * The live-store conformance suite every backend passes: detection writes
 * read back as the reference (live-reference.ts) answers, through lifecycle
 * updates, filters, keyset pages and hostile strings; running executions
 * with their progress from the stored records.
 */
import fc from 'fast-check';
import { makeExecution, makeStep } from '../../analysis/test-support/records';
import type { Anomaly } from '../../model/analysis';
import type { RecordBatch } from '../../model/records';
import type { DetectionWrite, LiveStore } from '../live-store';
import type { Store } from '../store';
import {
  allPages,
  anomalyArbitrary,
  detectionWriteArbitrary,
  hostileText,
  incidentArbitrary,
  listQueryArbitrary,
  liveAnswers,
  LiveReference,
  PROPERTY_TIMEOUT_MS,
  T0,
} from './live-reference';

export interface LiveStoreHarness {
  store(): Store;
  live(): LiveStore;
  /** Removes every stored record and all live state. */
  clear(): Promise<void>;
}

const sample = <T>(arbitrary: fc.Arbitrary<T>, seed: number): T =>
  fc.sample(arbitrary, { seed, numRuns: 1 })[0]!;

function anomaly(overrides: Partial<Anomaly>): Anomaly {
  return { ...sample(anomalyArbitrary, 1), description: 'slow', ...overrides };
}

/** Whether a later write stores an anomaly id again (a lifecycle update). */
function rewritesAnId(writes: readonly DetectionWrite[]): boolean {
  const seen = new Set<string>();
  for (const write of writes) {
    const ids = new Set(write.anomalies.map((a) => a.anomaly_id));
    if ([...ids].some((id) => seen.has(id))) return true;
    ids.forEach((id) => seen.add(id));
  }
  return false;
}

export function describeLiveStoreConformance(backend: string, harness: LiveStoreHarness): void {
  describe(`LiveStore conformance: ${backend}`, () => {
    beforeEach(() => harness.clear());

    it('replaces an anomaly by a later write of its id (its lifecycle) and filters on the latest status', async () => {
      const live = harness.live();
      const opened = anomaly({
        anomaly_id: 'a',
        status: 'open',
        severity: 0.4,
        started_at: T0,
        ended_at: T0,
      });
      await live.saveDetection({ states: [], anomalies: [opened], incidents: [] });
      const resolved = {
        ...opened,
        status: 'resolved' as const,
        resolved_at: T0 + 5000,
        ended_at: T0 + 3000,
      };
      await live.saveDetection({ states: [], anomalies: [resolved], incidents: [] });
      expect(await live.listAnomalies({ status: 'open', limit: 10 })).toEqual({
        items: [],
        total: 0,
        nextCursor: null,
      });
      expect(await live.listAnomalies({ status: 'resolved', limit: 10 })).toEqual({
        items: [resolved],
        total: 1,
        nextCursor: null,
      });
      expect(await live.anomaliesOverlapping(T0 + 2000, T0 + 9000)).toEqual([resolved]);
    });

    it('keeps the last of a key written twice in one detection pass', async () => {
      const live = harness.live();
      const first = anomaly({ anomaly_id: 'a', severity: 0.2 });
      const second = { ...first, severity: 0.9 };
      const incident = sample(incidentArbitrary, 2);
      const state = {
        ...sample(
          detectionWriteArbitrary.filter((w) => w.states.length > 0),
          3,
        ).states[0]!,
      };
      await live.saveDetection({
        states: [
          { ...state, observed: 1 },
          { ...state, observed: 2 },
        ],
        anomalies: [first, second],
        incidents: [incident, { ...incident, severity: 0.123 }],
      });
      expect((await live.listAnomalies({ limit: 10 })).items).toEqual([second]);
      expect((await live.listIncidents({ limit: 10 })).items.map((i) => i.severity)).toEqual([0.123]);
      expect((await live.loadSeriesStates()).map((s) => s.observed)).toEqual([2]);
    });

    it('includes a severity equal to minSeverity exactly (0.1 + 0.2, not 0.3; the smallest denormal)', async () => {
      const live = harness.live();
      const exact = anomaly({ anomaly_id: 'x', severity: 0.1 + 0.2 });
      const below = anomaly({ anomaly_id: 'y', severity: 0.3 });
      const tiny = anomaly({ anomaly_id: 'z', severity: Number.MIN_VALUE });
      const zero = anomaly({ anomaly_id: 'w', severity: 0 });
      await live.saveDetection({ states: [], anomalies: [exact, below, tiny, zero], incidents: [] });
      expect((await live.listAnomalies({ minSeverity: 0.1 + 0.2, limit: 10 })).items).toEqual([exact]);
      expect((await live.listAnomalies({ minSeverity: 0.3, limit: 10 })).total).toBe(2);
      expect((await live.listAnomalies({ minSeverity: Number.MIN_VALUE, limit: 10 })).total).toBe(3);
    });

    it('matches an incident by any of its workflows', async () => {
      const live = harness.live();
      const incident = { ...sample(incidentArbitrary, 4), workflow_ids: ['wf-a', "o'neil\\"] };
      await live.saveDetection({ states: [], anomalies: [], incidents: [incident] });
      expect((await live.listIncidents({ workflowIds: ["o'neil\\"], limit: 5 })).items).toEqual([incident]);
      expect((await live.listIncidents({ workflowIds: ['wf-b', 'wf-a'], limit: 5 })).total).toBe(1);
      expect((await live.listIncidents({ workflowIds: ['wf-b'], limit: 5 })).total).toBe(0);
    });

    it('pages newest first through ties in start time, each item once, with a constant total', async () => {
      const live = harness.live();
      const anomalies = Array.from({ length: 7 }, (_, i) =>
        anomaly({ anomaly_id: `a${i}`, started_at: T0 + (i % 3) * 1000, ended_at: T0 + 5000 }),
      );
      await live.saveDetection({ states: [], anomalies, incidents: [] });
      const pages = await allPages((q) => live.listAnomalies(q), { limit: 2 });
      expect(pages).toHaveLength(4);
      expect(pages.every((p) => p.total === 7)).toBe(true);
      // Starts T0+2s: a2, a5; T0+1s: a1, a4; T0: a0, a3, a6.
      expect(pages.flatMap((p) => p.items.map((a) => a.anomaly_id))).toEqual([
        'a5',
        'a2',
        'a4',
        'a1',
        'a6',
        'a3',
        'a0',
      ]);
    });

    it(
      'round-trips hostile strings in ids, workflow ids and descriptions, cursors included',
      async () => {
        await fc.assert(
          fc.asyncProperty(
            fc.uniqueArray(hostileText, { minLength: 1, maxLength: 4 }),
            hostileText,
            async (ids, text) => {
              await harness.clear();
              const live = harness.live();
              const anomalies = ids.map((id) =>
                anomaly({ anomaly_id: id, workflow_id: id, description: text, started_at: T0, ended_at: T0 }),
              );
              await live.saveDetection({ states: [], anomalies, incidents: [] });
              const reference = new LiveReference();
              reference.apply({ states: [], anomalies, incidents: [] });
              const query = { workflowIds: ids, limit: 1 };
              expect(await allPages((q) => live.listAnomalies(q), query)).toEqual(
                await allPages((q) => reference.listAnomalies(q), query),
              );
            },
          ),
          { numRuns: 15 },
        );
      },
      PROPERTY_TIMEOUT_MS,
    );

    it(
      'answers as the reference after random detection writes and lifecycle updates',
      async () => {
        let paged = 0;
        let updated = 0;
        await fc.assert(
          fc.asyncProperty(
            fc.array(detectionWriteArbitrary, { minLength: 1, maxLength: 5 }),
            fc.array(listQueryArbitrary, { minLength: 1, maxLength: 3 }),
            async (writes, queries) => {
              await harness.clear();
              const live = harness.live();
              const reference = new LiveReference();
              for (const write of writes) {
                await live.saveDetection(write);
                reference.apply(write);
              }
              for (const query of queries) {
                const expected = await liveAnswers(reference, query);
                expect(await liveAnswers(live, query)).toEqual(expected);
                if (expected.anomalies.length > 1 || expected.incidents.length > 1) paged += 1;
              }
              if (rewritesAnId(writes)) updated += 1;
            },
          ),
          { numRuns: 25 },
        );
        // Not vacuous: some listings took several pages, some runs wrote an episode again.
        expect(paged).toBeGreaterThan(0);
        expect(updated).toBeGreaterThan(0);
      },
      PROPERTY_TIMEOUT_MS,
    );

    describeRunningExecutions(harness);
  });
}

function describeRunningExecutions(harness: LiveStoreHarness): void {
  const marker = (id: string, workflow: string, startedAt: number, stepsTotal: number) =>
    makeExecution({
      execution_id: id,
      workflow_id: workflow,
      started_at: startedAt,
      status: 'running',
      duration_ms: null,
      steps_total: stepsTotal,
      service_name: 'bot',
      host_name: "host-'1",
      trace_id: `t-${id}`,
    });
  const step = (
    id: string,
    execution: string,
    workflow: string,
    at: number,
    status: 'completed' | 'failed',
  ) =>
    makeStep({
      step_id: id,
      execution_id: execution,
      workflow_id: workflow,
      node_id: `node-${id}`,
      action_type: status === 'failed' ? 'type' : 'click',
      started_at: at - 50,
      completed_at: at,
      duration_ms: 50,
      status,
    });

  it('lists started executions without a final one, oldest first, with their progress', async () => {
    const wf = "wf-'q\\";
    const batch: RecordBatch = {
      executions: [
        marker('run-1', wf, T0, 5),
        marker('idle', 'wf-b', T0 + 1000, 0),
        marker('done', wf, T0 + 2000, 3),
        makeExecution({ execution_id: 'done', workflow_id: wf, started_at: T0 + 1990 }),
      ],
      steps: [
        step('s1', 'run-1', wf, T0 + 100, 'completed'),
        step('s2', 'run-1', wf, T0 + 300, 'failed'),
        step('s3', 'run-1', wf, T0 + 200, 'completed'),
        step('s4', 'done', wf, T0 + 2100, 'completed'),
      ],
      recoveries: [],
      resources: [],
    };
    await harness.store().insert(batch);
    const running = await harness.live().runningExecutions();
    expect(running).toEqual([
      {
        execution_id: 'run-1',
        workflow_id: wf,
        started_at: T0,
        steps_total: 5,
        steps_completed: 2,
        steps_failed: 1,
        current_step: { node_id: 'node-s2', action_type: 'type' },
        last_activity_at: T0 + 300,
        service_name: 'bot',
        host_name: "host-'1",
        trace_id: 't-run-1',
      },
      {
        execution_id: 'idle',
        workflow_id: 'wf-b',
        started_at: T0 + 1000,
        steps_total: null,
        steps_completed: 0,
        steps_failed: 0,
        current_step: null,
        last_activity_at: T0 + 1000,
        service_name: 'bot',
        host_name: "host-'1",
        trace_id: 't-idle',
      },
    ]);
    expect((await harness.live().runningExecutions(['wf-b'])).map((e) => e.execution_id)).toEqual(['idle']);
    expect(await harness.live().runningExecutions(['wf-none'])).toEqual([]);
  });

  it('drops an execution from the running ones once its final span arrives', async () => {
    await harness.store().insert({
      executions: [marker('e', 'wf-a', T0, 2)],
      steps: [],
      recoveries: [],
      resources: [],
    });
    expect((await harness.live().runningExecutions()).map((e) => e.execution_id)).toEqual(['e']);
    await harness.store().insert({
      executions: [makeExecution({ execution_id: 'e', workflow_id: 'wf-a', started_at: T0 })],
      steps: [],
      recoveries: [],
      resources: [],
    });
    expect(await harness.live().runningExecutions()).toEqual([]);
  });
}
