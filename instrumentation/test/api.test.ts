import { SpanStatusCode, trace } from '@opentelemetry/api';
import { ATTR, METRICS, SPAN_NAMES } from '../src/conventions';
import { collectMetrics, createHarness, sumPoints, type Harness } from './support/harness';

describe('the execution and step API', () => {
  let h: Harness;
  beforeEach(() => {
    h = createHarness();
  });
  afterEach(() => h.close());

  it('records an execution with its steps as parent and children, with every contract attribute', async () => {
    const execution = h.rpa.startExecution({
      workflowId: 'wf',
      executionId: 'e1',
      stepsTotal: 3,
      context: { machine: 'bot-1', n: 2 },
    });
    const step = execution.startStep({ nodeId: 'n1', actionType: 'click', targetElement: 'OK' });
    step.setConfidence(0.91).recordRetry().recordRetry();
    step.end();
    execution.startStep({ nodeId: 'n2', actionType: 'wait', stepId: 's2' }).skip();
    execution.end();

    const [exec] = await h.finished(SPAN_NAMES.execution);
    const steps = await h.finished(SPAN_NAMES.step);
    expect(exec?.attributes).toMatchObject({
      [ATTR.workflowId]: 'wf',
      [ATTR.executionId]: 'e1',
      [ATTR.executionStatus]: 'completed',
      [ATTR.executionStepsTotal]: 3,
      [ATTR.executionStepsCompleted]: 1,
      [ATTR.executionStepsFailed]: 0,
      'rpa.context.machine': 'bot-1',
      'rpa.context.n': 2,
    });
    expect(steps.map((s) => s.attributes)).toEqual([
      {
        [ATTR.workflowId]: 'wf',
        [ATTR.executionId]: 'e1',
        [ATTR.stepId]: 'e1/1',
        [ATTR.stepNodeId]: 'n1',
        [ATTR.stepActionType]: 'click',
        [ATTR.stepTargetElement]: 'OK',
        [ATTR.stepStatus]: 'completed',
        [ATTR.stepRetryCount]: 2,
        [ATTR.stepConfidence]: 0.91,
        'cicd.pipeline.name': 'wf',
        'cicd.pipeline.run.id': 'e1',
        'cicd.pipeline.task.name': 'n1',
        'cicd.pipeline.task.run.id': 'e1/1',
        'cicd.pipeline.task.run.result': 'success',
      },
      expect.objectContaining({
        [ATTR.stepId]: 's2',
        [ATTR.stepStatus]: 'skipped',
        [ATTR.stepRetryCount]: 0,
      }),
    ]);
    for (const s of steps) expect(s.parentSpanContext?.spanId).toBe(exec?.spanContext().spanId);
  });

  it.each([
    ['end', 'completed', 'success'],
    ['fail', 'failed', 'failure'],
    ['cancel', 'cancelled', 'cancellation'],
  ] as const)(
    'emits OpenTelemetry’s CI/CD conventions beside rpa.*: %s → cicd.pipeline.result %s',
    async (ending, _status, result) => {
      const execution = h.rpa.startExecution({ workflowId: 'wf', executionId: 'e-ci' });
      const step = execution.startStep({ nodeId: 'node-7', actionType: 'click', stepId: 's-ci' });
      if (ending === 'fail') step.fail(new Error('x'));
      else if (ending === 'cancel') step.skip();
      else step.end();
      if (ending === 'fail') execution.fail(new Error('x'));
      else execution[ending]();
      const [exec] = await h.finished(SPAN_NAMES.execution);
      const [task] = await h.finished(SPAN_NAMES.step);
      expect(exec?.attributes).toMatchObject({
        'cicd.pipeline.name': 'wf',
        'cicd.pipeline.run.id': 'e-ci',
        'cicd.pipeline.action.name': 'RUN',
        'cicd.pipeline.result': result,
      });
      expect(task?.attributes).toMatchObject({
        'cicd.pipeline.name': 'wf',
        'cicd.pipeline.run.id': 'e-ci',
        'cicd.pipeline.task.name': 'node-7',
        'cicd.pipeline.task.run.id': 's-ci',
        'cicd.pipeline.task.run.result': { end: 'success', fail: 'failure', cancel: 'skip' }[ending],
      });
    },
  );

  it('names the service rpa-executor when neither OTEL_SERVICE_NAME nor OTEL_RESOURCE_ATTRIBUTES does', async () => {
    h.rpa.startExecution({ workflowId: 'wf' }).end();
    const [exec] = await h.finished(SPAN_NAMES.execution);
    const expected = process.env.OTEL_SERVICE_NAME ?? 'rpa-executor';
    expect(exec?.resource.attributes['service.name']).toBe(expected);
  });

  it('marks an execution’s start with rpa.execution.started: its child, at its start time, ended at once', async () => {
    const execution = h.rpa.startExecution({ workflowId: 'wf', executionId: 'e-live', stepsTotal: 4 });
    const [marker] = await h.finished(SPAN_NAMES.executionStarted);
    expect(await h.finished(SPAN_NAMES.execution)).toHaveLength(0);
    execution.end();
    const [exec] = await h.finished(SPAN_NAMES.execution);
    expect(marker?.attributes).toEqual({
      [ATTR.workflowId]: 'wf',
      [ATTR.executionId]: 'e-live',
      [ATTR.executionStepsTotal]: 4,
    });
    expect(marker?.parentSpanContext?.spanId).toBe(exec?.spanContext().spanId);
    expect(marker?.startTime).toEqual(exec?.startTime);
    expect(marker?.endTime).toEqual(marker?.startTime);
  });

  it.each([
    [new Date(Date.UTC(2026, 10, 20, 9, 0, 0)), Date.UTC(2026, 10, 20, 9, 0, 0)],
    [1_763_629_200_000, 1_763_629_200_000],
    [Number.NaN, undefined],
  ])('sends requestedAt %p as rpa.execution.requested_at %p', async (requestedAt, expected) => {
    h.rpa.startExecution({ workflowId: 'wf', executionId: 'e-req', requestedAt }).end();
    const [exec] = await h.finished(SPAN_NAMES.execution);
    expect(exec?.attributes[ATTR.executionRequestedAt]).toBe(expected);
  });

  it('leaves rpa.execution.steps_total off the start marker when the total is unknown', async () => {
    h.rpa.startExecution({ workflowId: 'wf' }).end();
    const [marker] = await h.finished(SPAN_NAMES.executionStarted);
    expect(marker?.attributes).not.toHaveProperty(ATTR.executionStepsTotal);
  });

  it('trackExecution and trackStep fail on a throw and rethrow the executor’s own error unchanged', async () => {
    const thrown = Object.assign(new Error('Element "Save" not found'), { code: 'ELEMENT_NOT_FOUND' });
    const caught = await h.rpa
      .trackExecution({ workflowId: 'wf' }, (execution) =>
        execution.trackStep({ nodeId: 'save', actionType: 'click', targetElement: 'Save' }, () => {
          throw thrown;
        }),
      )
      .catch((error: unknown) => error);
    expect(caught).toBe(thrown);
    const ended = (await h.finished()).filter((s) => s.name !== SPAN_NAMES.executionStarted);
    for (const span of ended) {
      expect(span.status).toEqual({ code: SpanStatusCode.ERROR, message: 'Element "Save" not found' });
      expect(span.attributes[ATTR.errorType]).toBe('ELEMENT_NOT_FOUND');
      expect(span.events.map((e) => e.name)).toEqual(['exception']);
    }
  });

  it('trackStep runs the executor’s work inside the step’s context', async () => {
    let active: string | undefined;
    await h.rpa.trackExecution({ workflowId: 'wf' }, (execution) =>
      execution.trackStep({ nodeId: 'n', actionType: 'type' }, () => {
        active = trace.getActiveSpan()?.spanContext().spanId;
      }),
    );
    expect(active).toBe((await h.finished(SPAN_NAMES.step))[0]?.spanContext().spanId);
  });

  it('records recoveries as children of the healed step, correlated by ids, and counts them', async () => {
    const execution = h.rpa.startExecution({ workflowId: 'wf', executionId: 'e9' });
    const step = execution.startStep({ nodeId: 'n', actionType: 'click', stepId: 'st' });
    step.recordRecovery({ strategy: 'rematch_visual', outcome: 'recovered' });
    step.end();
    execution.end();
    const [recovery] = await h.finished(SPAN_NAMES.recovery);
    expect(recovery?.parentSpanContext?.spanId).toBe(
      (await h.finished(SPAN_NAMES.step))[0]?.spanContext().spanId,
    );
    expect(recovery?.attributes).toEqual({
      [ATTR.workflowId]: 'wf',
      [ATTR.executionId]: 'e9',
      [ATTR.stepId]: 'st',
      [ATTR.recoveryStrategy]: 'rematch_visual',
      [ATTR.recoveryOutcome]: 'recovered',
    });
    const metrics = await collectMetrics(h.reader);
    expect(sumPoints(metrics.get(METRICS.recoveries.name), { [ATTR.recoveryOutcome]: 'recovered' })).toBe(1);
  });

  it('records the contract metrics for executions and steps', async () => {
    const execution = h.rpa.startExecution({ workflowId: 'wf' });
    let metrics = await collectMetrics(h.reader);
    expect(sumPoints(metrics.get(METRICS.executionsActive.name))).toBe(1);
    execution.startStep({ nodeId: 'n', actionType: 'click' }).setConfidence(0.5).recordRetry().end();
    execution.fail(new Error('boom'));
    metrics = await collectMetrics(h.reader);
    expect(sumPoints(metrics.get(METRICS.executionsActive.name))).toBe(0);
    expect(sumPoints(metrics.get(METRICS.executions.name), { [ATTR.executionStatus]: 'failed' })).toBe(1);
    expect(sumPoints(metrics.get(METRICS.executionDuration.name))).toBe(1);
    expect(sumPoints(metrics.get(METRICS.stepDuration.name), { [ATTR.stepStatus]: 'completed' })).toBe(1);
    expect(sumPoints(metrics.get(METRICS.stepConfidence.name))).toBe(1);
    expect(sumPoints(metrics.get(METRICS.stepRetries.name))).toBe(1);
  });
});

describe('misuse', () => {
  let h: Harness;
  beforeEach(() => {
    h = createHarness();
  });
  afterEach(() => h.close());

  it.each([
    ['no workflowId', (hh: Harness) => hh.rpa.startExecution({} as never).end()],
    ['an empty workflowId', (hh: Harness) => hh.rpa.startExecution({ workflowId: '' }).end()],
    [
      'a confidence above 1',
      (hh: Harness) =>
        hh.rpa
          .startExecution({ workflowId: 'w' })
          .startStep({ nodeId: 'n', actionType: 'a' })
          .setConfidence(1.5),
    ],
    [
      'a NaN confidence',
      (hh: Harness) =>
        hh.rpa
          .startExecution({ workflowId: 'w' })
          .startStep({ nodeId: 'n', actionType: 'a' })
          .setConfidence(NaN),
    ],
    [
      'ending a step twice',
      (hh: Harness) => {
        const step = hh.rpa.startExecution({ workflowId: 'w' }).startStep({ nodeId: 'n', actionType: 'a' });
        step.end();
        step.fail(new Error('late'));
      },
    ],
    [
      'a step after its execution ended',
      (hh: Harness) => {
        const execution = hh.rpa.startExecution({ workflowId: 'w' });
        execution.end();
        execution.startStep({ nodeId: 'n', actionType: 'a' }).end();
      },
    ],
    [
      'ending an execution twice',
      (hh: Harness) => {
        const execution = hh.rpa.startExecution({ workflowId: 'w' });
        execution.end();
        execution.cancel();
      },
    ],
    [
      'a step without an actionType',
      (hh: Harness) =>
        hh.rpa
          .startExecution({ workflowId: 'w' })
          .startStep({ nodeId: 'n' } as never)
          .end(),
    ],
    [
      'a recovery with an unknown outcome',
      (hh: Harness) =>
        hh.rpa
          .startExecution({ workflowId: 'w' })
          .startStep({ nodeId: 'n', actionType: 'a' })
          .recordRecovery({ strategy: 's', outcome: 'maybe' as never }),
    ],
  ])('%s is counted, never thrown', (_name, misuse) => {
    expect(() => misuse(h)).not.toThrow();
    expect(h.rpa.droppedTelemetry().misuse).toBe(1);
  });

  it('records nothing for an execution without a workflowId', async () => {
    const execution = h.rpa.startExecution({ workflowId: undefined as never });
    execution.startStep({ nodeId: 'n', actionType: 'a' }).end();
    execution.end();
    expect(await h.finished()).toHaveLength(0);
  });

  it('keeps recording the ended step’s first status', async () => {
    const step = h.rpa.startExecution({ workflowId: 'w' }).startStep({ nodeId: 'n', actionType: 'a' });
    step.end();
    step.fail(new Error('late'));
    expect((await h.finished(SPAN_NAMES.step)).map((s) => s.attributes[ATTR.stepStatus])).toEqual([
      'completed',
    ]);
  });

  it('reports each kind of misuse once through the diag logger', async () => {
    const { diag, DiagLogLevel } = await import('@opentelemetry/api');
    const warnings: string[] = [];
    diag.setLogger(
      { ...silentLogger(), warn: (message: string) => warnings.push(message) },
      DiagLogLevel.WARN,
    );
    try {
      for (let i = 0; i < 5; i += 1)
        h.rpa
          .startExecution({ workflowId: 'w' })
          .startStep({ nodeId: 'n', actionType: 'a' })
          .setConfidence(-1);
    } finally {
      diag.disable();
    }
    expect(warnings.filter((w) => w.includes('setConfidence'))).toHaveLength(1);
    expect(h.rpa.droppedTelemetry().misuse).toBe(5);
  });
});

function silentLogger() {
  const nothing = () => undefined;
  return { error: nothing, warn: nothing, info: nothing, debug: nothing, verbose: nothing };
}
