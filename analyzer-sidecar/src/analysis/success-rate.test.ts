import fc from 'fast-check';
import { countOutcomes, successRatesByWorkflow, successRateWindows, toSuccessRate } from './success-rate';
import { makeExecution } from './test-support/records';

const executionsArb = fc.array(
  fc.record({
    workflow_id: fc.constantFrom('a', 'b', 'c'),
    status: fc.constantFrom('completed', 'failed', 'cancelled', 'running' as const),
    started_at: fc.integer({ min: 0, max: 9_999 }),
  }),
  { maxLength: 100 },
);

describe('success rates', () => {
  it('Property 8: equals completed / (completed + failed) × 100 per workflow', () => {
    fc.assert(
      fc.property(executionsArb, (rows) => {
        const rates = successRatesByWorkflow(rows.map((r) => makeExecution(r)));
        return rates.every((rate) => {
          const mine = rows.filter((r) => r.workflow_id === rate.workflow_id);
          const ok = mine.filter((r) => r.status === 'completed').length;
          const finished = mine.filter((r) => r.status === 'completed' || r.status === 'failed').length;
          const expected = finished === 0 ? null : (ok * 100) / finished;
          return (
            rate.total === finished &&
            (expected === null
              ? rate.success_rate === null
              : Math.abs((rate.success_rate as number) - expected) < 1e-9)
          );
        });
      }),
    );
  });

  it('Property 8: windows partition the period and their counts add up', () => {
    fc.assert(
      fc.property(executionsArb, fc.integer({ min: 1, max: 5_000 }), (rows, windowMs) => {
        const windows = successRateWindows(
          'a',
          rows.map((r) => makeExecution(r)),
          { from: 0, to: 10_000, windowMs },
        );
        const total = countOutcomes(
          rows.filter((r) => r.workflow_id === 'a').map((r) => makeExecution(r)),
        )[0];
        const sum = windows.reduce((s, w) => s + w.total, 0);
        const contiguous = windows.every((w, i) => i === 0 || w.window_start === windows[i - 1]!.window_end);
        return (
          contiguous &&
          windows[windows.length - 1]!.window_end === 10_000 &&
          sum === (total ? total.completed + total.failed : 0)
        );
      }),
    );
  });

  test.each([
    [3, 1, 75],
    [0, 0, null],
    [0, 4, 0],
    [7, 0, 100],
  ])('%p completed and %p failed make %p %', (completed, failed, expected) => {
    expect(toSuccessRate({ workflow_id: 'w', completed, failed }).success_rate).toBe(expected);
  });

  it('rejects an empty window size', () => {
    expect(() => successRateWindows('a', [], { from: 0, to: 1, windowMs: 0 })).toThrow(RangeError);
  });
});
