/**
 * The healing-store conformance suite every backend passes: its answers
 * against independent computations over the same rows (per-(target,
 * execution) confidences, their bins for busy targets, run totals).
 */
import fc from 'fast-check';
import { DEFAULT_DRIFT_OPTIONS, detectConfidenceDrift } from '../../analysis/drift/confidence-drift';
import { makeExecution, makeStep } from '../../analysis/test-support/records';
import type { RecordBatch } from '../../model/records';
import { batchArbitrary } from '../../test-support/record-arbitraries';
import type { HealingStore } from '../healing-store';
import type { Store } from '../store';

export interface HealingStoreHarness {
  store(): Store;
  healing(): HealingStore;
  /** Removes every stored row. */
  clear(): Promise<void>;
}
const T0 = Date.UTC(2026, 10, 1);

export function describeHealingStoreConformance(backend: string, harness: HealingStoreHarness): void {
  describe(`HealingStore conformance: ${backend}`, () => {
    const healing = (): HealingStore => harness.healing();

    async function load(batch: RecordBatch): Promise<void> {
      await harness.clear();
      await harness.store().insert(batch);
    }

    it('bins a busy target into equal-count bins that add up to its executions and keep its decline', async () => {
      const batch: RecordBatch = { executions: [], steps: [], recoveries: [], resources: [] };
      for (let i = 0; i < 1000; i++) {
        const id = `e${i}`;
        batch.executions.push(
          makeExecution({ execution_id: id, workflow_id: 'w', started_at: T0 + i * 600_000 }),
        );
        batch.steps.push(
          makeStep({
            step_id: `${id}/s`,
            execution_id: id,
            workflow_id: 'w',
            target_element: '#t',
            started_at: T0 + i * 600_000 + 10,
            confidence_score: 0.97 - 0.05 * (i / 1000) + 0.01 * Math.sin(i * 7.1),
            status: i === 990 ? 'failed' : 'completed',
          }),
        );
      }
      await load(batch);
      const points = await healing().confidencePoints({}, 100);
      expect(points).toHaveLength(100);
      expect(points.reduce((n, p) => n + (p.executions ?? 1), 0)).toBe(1000);
      const [drift] = detectConfidenceDrift(points, DEFAULT_DRIFT_OPTIONS);
      expect(drift).toMatchObject({
        flagged: true,
        executions_count: 1000,
        first_failure_at: T0 + 990 * 600_000 + 10,
      });
      expect(await healing().confidencePoints({}, 2000)).toHaveLength(1000);
    });

    it('answers run totals and confidences as computed from the records themselves', async () => {
      await fc.assert(
        fc.asyncProperty(batchArbitrary(), async (batch) => {
          await load(batch);
          const totals = await healing().runTotals({});
          for (const t of totals) {
            const mine = batch.executions.filter((e) => e.workflow_id === t.workflow_id);
            expect(t.completed).toBe(mine.filter((e) => e.status === 'completed').length);
            expect(t.failed).toBe(mine.filter((e) => e.status === 'failed').length);
          }
          const ids = new Set(batch.executions.map((e) => e.execution_id));
          const expected = new Set(
            batch.steps
              .filter((s) => ids.has(s.execution_id) && s.target_element !== '')
              .map((s) => `${s.workflow_id}|${s.target_element}|${s.execution_id}`),
          );
          const points = await healing().confidencePoints({}, 10_000);
          expect(
            new Set(points.map((p) => `${p.workflow_id}|${p.target_element}|${p.execution_id}`)),
          ).toEqual(expected);
        }),
        { numRuns: 15 },
      );
    });
  });
}
