import fc from 'fast-check';
import { makeExecution, makeStep } from '../../analysis/test-support/records';
import { emptyBatch, type RecordBatch } from '../../model/records';
import { ExecutionTracker } from './execution-tracker';

const marker = makeExecution({
  execution_id: 'x',
  started_at: 1000,
  duration_ms: null,
  status: 'running',
  steps_total: 3,
});
const final = makeExecution({
  execution_id: 'x',
  started_at: 1000,
  duration_ms: 500,
  steps_total: 3,
  steps_completed: 3,
});
const steps = [0, 1, 2].map((i) =>
  makeStep({
    step_id: `s${i}`,
    execution_id: 'x',
    node_id: `n${i}`,
    started_at: 1000 + i * 100,
    duration_ms: 90,
  }),
);

function batchOf(parts: readonly (typeof marker | (typeof steps)[number])[]): RecordBatch {
  const batch = emptyBatch();
  for (const p of parts) {
    if ('step_id' in p) batch.steps.push(p);
    else batch.executions.push(p);
  }
  return batch;
}

describe('ExecutionTracker', () => {
  it('starts on the marker, counts progress, ends on the execution span', () => {
    const tracker = new ExecutionTracker();
    expect(tracker.apply(batchOf([marker]), 1000).map((e) => e.type)).toEqual(['execution.started']);
    const [progress] = tracker.apply(batchOf(steps.slice(0, 2)), 1200);
    expect(progress).toMatchObject({
      type: 'execution.progress',
      execution: { steps_total: 3, steps_completed: 2, current_step: { node_id: 'n1' } },
    });
    expect(tracker.apply(batchOf([steps[2]!, final]), 1500).map((e) => e.type)).toEqual(['execution.ended']);
    expect(tracker.running()).toEqual([]);
  });

  it('ends every execution exactly once and keeps none running, whatever the order and repetition of its spans', () => {
    const parts = [marker, ...steps, final];
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: parts.length - 1 }), { minLength: 1, maxLength: 12 }),
        fc.array(fc.nat(3), { maxLength: 12 }),
        (order, cuts) => {
          const sequence = [...order.map((i) => parts[i]!), final];
          const tracker = new ExecutionTracker();
          const types: string[] = [];
          let at = 0;
          for (const size of [...cuts.map((c) => c + 1), sequence.length]) {
            if (at >= sequence.length) break;
            types.push(...tracker.apply(batchOf(sequence.slice(at, at + size)), 2000).map((e) => e.type));
            at += size;
          }
          expect(types.filter((t) => t === 'execution.ended').length).toBeGreaterThanOrEqual(1);
          expect(tracker.running()).toEqual([]);
          const afterEnd = types.slice(types.indexOf('execution.ended') + 1);
          expect(afterEnd.filter((t) => t !== 'execution.ended')).toEqual([]);
        },
      ),
    );
  });

  it('forgets executions known only from steps after a quiet while, never announced ones', () => {
    const tracker = new ExecutionTracker({ inferredTtlMs: 1000 });
    tracker.apply(batchOf([steps[0]!]), 1100);
    tracker.apply(batchOf([{ ...marker, execution_id: 'y' }]), 1100);
    tracker.apply(emptyBatch(), 10_000);
    expect(tracker.running().map((e) => e.execution_id)).toEqual(['y']);
  });
});
