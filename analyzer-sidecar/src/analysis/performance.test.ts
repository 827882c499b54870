import fc from 'fast-check';
import { analyzeWorkflow, performanceStatsFromSummary, selectDurations } from './performance';
import { summarizeDurations } from './statistics';
import { summarizeSteps } from './step-summaries';
import { makeExecution, makeStep } from './test-support/records';

const statusArb = fc.constantFrom('completed', 'failed', 'cancelled', 'running' as const);
const executionsArb = fc.array(
  fc.record({
    workflow_id: fc.constantFrom('a', 'b'),
    status: statusArb,
    duration_ms: fc.option(fc.double({ min: 0, max: 1e6, noNaN: true }), { nil: null, freq: 8 }),
    started_at: fc.integer({ min: 0, max: 1000 }),
  }),
  { maxLength: 80 },
);

describe('analyzeWorkflow', () => {
  it('counts only completed executions of the workflow by default', () => {
    fc.assert(
      fc.property(executionsArb, (rows) => {
        const executions = rows.map((r, i) => makeExecution({ ...r, execution_id: `e${i}` }));
        const expected = rows.filter(
          (r) => r.workflow_id === 'a' && r.status === 'completed' && r.duration_ms !== null,
        );
        const stats = analyzeWorkflow(executions, { workflowId: 'a' });
        const sum = expected.reduce((s, r) => s + (r.duration_ms as number), 0);
        return (
          stats.execution_count === expected.length &&
          (expected.length === 0
            ? stats.avg_duration_ms === null
            : Math.abs((stats.avg_duration_ms as number) - sum / expected.length) <= 1e-6 * Math.max(1, sum))
        );
      }),
    );
  });

  test.each([
    [['completed'], [100, 300]],
    [['failed'], [200]],
    [
      ['completed', 'failed'],
      [100, 200, 300],
    ],
  ] as const)('with statuses %j selects %j', (statuses, expected) => {
    const executions = [
      makeExecution({ duration_ms: 100, status: 'completed' }),
      makeExecution({ duration_ms: 200, status: 'failed' }),
      makeExecution({ duration_ms: 300, status: 'completed' }),
      makeExecution({ duration_ms: 400, status: 'cancelled' }),
    ];
    expect(selectDurations(executions, { workflowId: 'wf-1', statuses }).sort((a, b) => a - b)).toEqual(
      expected,
    );
  });

  it('honours the half-open period and labels it as an ISO 8601 interval', () => {
    const executions = [0, 500, 1000].map((t) => makeExecution({ started_at: t, duration_ms: t + 1 }));
    const stats = analyzeWorkflow(executions, { workflowId: 'wf-1', period: { from: 0, to: 1000 } });
    expect(stats.execution_count).toBe(2);
    expect(stats.max_duration_ms).toBe(501);
    expect(stats.time_period).toBe('1970-01-01T00:00:00.000Z/1970-01-01T00:00:01.000Z');
  });

  it('lists the slowest steps from the node summaries, slowest first', () => {
    const steps = [
      makeStep({ node_id: 'fast', duration_ms: 10 }),
      makeStep({ node_id: 'slow', duration_ms: 900 }),
      makeStep({ node_id: 'mid', duration_ms: 90 }),
    ];
    const stats = analyzeWorkflow([makeExecution()], {
      workflowId: 'wf-1',
      stepSummaries: summarizeSteps(steps),
      slowestStepsLimit: 2,
    });
    expect(stats.slowest_steps.map((s) => s.node_id)).toEqual(['slow', 'mid']);
    expect(stats.slowest_steps[0]?.share_of_execution_time).toBeCloseTo(0.9, 12);
  });

  it('builds the same stats from a store-computed summary', () => {
    const executions = [100, 300, 200].map((d, i) =>
      makeExecution({ duration_ms: d, execution_id: `e${i}` }),
    );
    const fromSummary = performanceStatsFromSummary('wf-1', summarizeDurations([100, 200, 300]));
    expect(fromSummary).toEqual(analyzeWorkflow(executions, { workflowId: 'wf-1' }));
  });
});
