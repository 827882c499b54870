/**
 * The analysis-store conformance suite every backend passes: its answers equal
 * the pure reference functions on the same rows (per-node summaries,
 * durations, success counts, failures, spreads, resources, the anomaly
 * detector's lean inputs and running executions).
 */
import fc from 'fast-check';
import { buildMetricSeries } from '../../analysis/anomaly/metric-series';
import { failuresFromRecords } from '../../analysis/failure-breakdown';
import { selectDurations } from '../../analysis/performance';
import { durationSpread } from '../../analysis/reliability-ranking';
import { summarizeResources } from '../../analysis/resource-usage';
import { summarizeDurations } from '../../analysis/statistics';
import { summarizeSteps } from '../../analysis/step-summaries';
import { countOutcomes } from '../../analysis/success-rate';
import { makeStep } from '../../analysis/test-support/records';
import type { RecordBatch } from '../../model/records';
import { analysisHistory } from '../../test-support/analysis-history';
import { batchArbitrary } from '../../test-support/record-arbitraries';
import type { AnalysisStore } from '../analysis-store';
import type { Store } from '../store';
import { seriesFromStore } from '../../services/anomaly-series';

export interface AnalysisStoreHarness {
  store(): Store;
  analysis(): AnalysisStore;
  /** Removes every stored row. */
  clear(): Promise<void>;
}

function expectClose(actual: unknown, expected: unknown): void {
  if (typeof expected === 'number' && typeof actual === 'number') {
    expect(actual).toBeCloseTo(expected, Math.abs(expected) > 1e6 ? 0 : 6);
  } else if (Array.isArray(expected)) {
    expect(actual).toHaveLength(expected.length);
    expected.forEach((e, i) => expectClose((actual as unknown[])[i], e));
  } else if (expected && typeof expected === 'object') {
    expect(Object.keys(actual as object).sort()).toEqual(Object.keys(expected).sort());
    for (const [k, v] of Object.entries(expected)) expectClose((actual as Record<string, unknown>)[k], v);
  } else {
    expect(actual).toEqual(expected);
  }
}

export function describeAnalysisStoreConformance(backend: string, harness: AnalysisStoreHarness): void {
  describe(`AnalysisStore conformance: ${backend}`, () => {
    async function load(batch: RecordBatch): Promise<void> {
      await harness.clear();
      await harness.store().insert(batch);
    }

    async function expectEqualToReference(batch: RecordBatch): Promise<void> {
      const store = harness.store();
      const analysis = harness.analysis();
      const { executions, steps } = batch;
      expectClose(await store.nodeSummaries({}), summarizeSteps(steps));
      const workflows = countOutcomes(executions).map((c) => c.workflow_id);
      expect(await analysis.workflowIds({})).toEqual(workflows);
      for (const { workflow_id, ...summary } of await store.durationSummaries({})) {
        const reference = summarizeDurations(selectDurations(executions, { workflowId: workflow_id }));
        expectClose(summary, reference);
      }
      const rates = await store.successRates({});
      expectClose(
        rates.map(({ workflow_id, completed, failed }) => ({ workflow_id, completed, failed })),
        countOutcomes(executions),
      );
      const failures = await analysis.failures({});
      expect(new Set(failures.map((f) => f.execution_id))).toEqual(
        new Set(failuresFromRecords(executions, steps).map((f) => f.execution_id)),
      );
      const byId = new Map(failuresFromRecords(executions, steps).map((f) => [f.execution_id, f]));
      for (const f of failures)
        expect({ ...byId.get(f.execution_id), workflow_id: f.workflow_id }).toEqual(f);
      for (const s of await analysis.durationSpreads({})) {
        const own = selectDurations(executions, { workflowId: s.workflow_id });
        expectClose(s.duration_spread, durationSpread(own));
      }
      for (const r of await analysis.resourceUsage({}))
        expectClose(r, summarizeResources(r.workflow_id, executions));
    }

    it('equals the pure reference on a synthetic history', async () => {
      const batch = analysisHistory(Date.UTC(2026, 5, 1));
      await load(batch);
      await expectEqualToReference(batch);
    });

    it('equals the pure reference on arbitrary records (ties, nulls, odd statuses)', async () => {
      await fc.assert(
        fc.asyncProperty(batchArbitrary(), async (batch) => {
          await load(batch);
          await expectEqualToReference(await harness.store().queryRange({ start: 0, end: 2 ** 50 }));
        }),
        { numRuns: 15 },
      );
    });

    it('gives the anomaly detector the series the full records give', async () => {
      const batch = analysisHistory(Date.UTC(2026, 5, 1));
      await load(batch);
      const lean = await harness.analysis().seriesRecords({});
      const strip = (series: ReturnType<typeof buildMetricSeries>) =>
        series.map((s) => ({ ...s, observations: [...s.observations] }));
      expect(strip(seriesFromStore(lean))).toEqual(strip(buildMetricSeries(batch.executions, batch.steps)));
    });

    it('finds the oldest execution still running per workflow', async () => {
      const batch = analysisHistory(Date.UTC(2026, 5, 1));
      const t = Date.UTC(2026, 5, 1) + 1000;
      batch.steps.push(
        makeStep({
          step_id: 'r1/1',
          execution_id: 'r1',
          workflow_id: 'wf-mid',
          started_at: t,
          completed_at: t + 5,
        }),
        makeStep({
          step_id: 'r2/1',
          execution_id: 'r2',
          workflow_id: 'wf-mid',
          started_at: t + 500,
          completed_at: t + 505,
        }),
      );
      await load(batch);
      const analysis = harness.analysis();
      expect(await analysis.runningExecutions(t - 60_000)).toEqual([
        { workflow_id: 'wf-mid', oldest_started_at: t },
      ]);
      expect(await analysis.runningExecutions(t + 1)).toEqual([
        { workflow_id: 'wf-mid', oldest_started_at: t + 500 },
      ]);
    });
  });
}
