import { hrTimeToMilliseconds } from '@opentelemetry/core';
import { ATTR, METRICS, SPAN_NAMES } from '../src/conventions';
import { collectMetrics, createHarness, sumPoints, type Harness } from './support/harness';

describe('recordExecution and recordStep (executor-timed)', () => {
  let h: Harness;
  beforeEach(() => {
    h = createHarness();
  });
  afterEach(() => h.close());

  const start = Date.UTC(2026, 10, 1, 9, 0, 0);

  it('records an execution and its steps with the explicit times, steps as children', async () => {
    const executionId = h.rpa.recordExecution({
      workflowId: 'wf',
      executionId: 'rec-1',
      startedAt: new Date(start),
      completedAt: start + 5000,
      status: 'failed',
      errorType: 'TIMEOUT',
      errorMessage: 'Timed out',
      steps: [
        {
          nodeId: 'a',
          actionType: 'click',
          startedAt: start,
          completedAt: start + 1000,
          status: 'completed',
          confidenceScore: 0.9,
        },
        {
          nodeId: 'b',
          actionType: 'wait',
          startedAt: start + 1000,
          completedAt: start + 5000,
          status: 'failed',
          errorType: 'TIMEOUT',
          errorDetails: 'Timed out',
          retryCount: 2,
        },
      ],
    });
    expect(executionId).toBe('rec-1');
    const [execution] = await h.finished(SPAN_NAMES.execution);
    const steps = await h.finished(SPAN_NAMES.step);
    expect(hrTimeToMilliseconds(execution!.startTime)).toBe(start);
    expect(hrTimeToMilliseconds(execution!.duration)).toBe(5000);
    expect(execution?.attributes).toMatchObject({
      [ATTR.executionStatus]: 'failed',
      [ATTR.executionStepsTotal]: 2,
      [ATTR.executionStepsCompleted]: 1,
      [ATTR.executionStepsFailed]: 1,
      [ATTR.errorType]: 'TIMEOUT',
    });
    expect(steps.map((s) => hrTimeToMilliseconds(s.duration))).toEqual([1000, 4000]);
    for (const s of steps) expect(s.parentSpanContext?.spanId).toBe(execution?.spanContext().spanId);
    const metrics = await collectMetrics(h.reader);
    expect(sumPoints(metrics.get(METRICS.executions.name), { [ATTR.executionStatus]: 'failed' })).toBe(1);
    expect(sumPoints(metrics.get(METRICS.stepRetries.name))).toBe(2);
    expect(sumPoints(metrics.get(METRICS.executionsActive.name))).toBe(0);
  });

  it("sends a recorded execution's requestedAt as rpa.execution.requested_at, and none when absent", async () => {
    h.rpa.recordExecution({
      workflowId: 'wf',
      executionId: 'req-1',
      requestedAt: new Date(start - 1500),
      startedAt: start,
      completedAt: start + 10,
      status: 'completed',
    });
    h.rpa.recordExecution({
      workflowId: 'wf',
      executionId: 'req-2',
      startedAt: start,
      completedAt: start + 10,
      status: 'completed',
    });
    const executions = await h.finished(SPAN_NAMES.execution);
    const byId = new Map(executions.map((span) => [span.attributes[ATTR.executionId], span.attributes]));
    expect(byId.get('req-1')?.[ATTR.executionRequestedAt]).toBe(start - 1500);
    expect(byId.get('req-2')).not.toHaveProperty(ATTR.executionRequestedAt);
  });

  it('parents a step recorded later under its live execution', async () => {
    const execution = h.rpa.startExecution({ workflowId: 'wf', executionId: 'live-1' });
    h.rpa.recordStep({
      executionId: 'live-1',
      workflowId: 'wf',
      nodeId: 'n',
      actionType: 'click',
      startedAt: start,
      completedAt: start + 10,
      status: 'completed',
    });
    execution.end();
    const [step] = await h.finished(SPAN_NAMES.step);
    const [exec] = await h.finished(SPAN_NAMES.execution);
    expect(step?.parentSpanContext?.spanId).toBe(exec?.spanContext().spanId);
  });

  it.each([
    ['completedAt before startedAt', { startedAt: start + 10, completedAt: start }],
    ['an unknown status', { status: 'done' }],
    ['no nodeId', { nodeId: '' }],
    ['a confidence of 2', { confidenceScore: 2 }],
  ])('counts %s as misuse without throwing', async (_name, change) => {
    const record = {
      executionId: 'x',
      workflowId: 'wf',
      nodeId: 'n',
      actionType: 'click',
      startedAt: start,
      completedAt: start + 10,
      status: 'completed',
      ...change,
    };
    expect(() => h.rpa.recordStep(record as never)).not.toThrow();
    expect(h.rpa.droppedTelemetry().misuse).toBe(1);
  });
});
