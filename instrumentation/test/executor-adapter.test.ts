import { EventEmitter } from 'node:events';
import { ATTR, METRICS, SPAN_NAMES } from '../src/conventions';
import { collectMetrics, createHarness, sumPoints, type Harness } from './support/harness';

/** An executor as RPA runtimes ship them: lifecycle events on an EventEmitter. */
function runExecutor(executor: EventEmitter): void {
  executor.emit('execution:start', {
    executionId: 'e1',
    workflowId: 'wf',
    stepsTotal: 2,
    context: { machine: 'bot-1' },
  });
  executor.emit('step:start', {
    executionId: 'e1',
    stepId: 's1',
    nodeId: 'n1',
    actionType: 'click',
    targetElement: 'OK',
  });
  executor.emit('step:retry', { executionId: 'e1', stepId: 's1' });
  executor.emit('step:recovery', {
    executionId: 'e1',
    stepId: 's1',
    strategy: 'scroll_into_view',
    outcome: 'recovered',
  });
  executor.emit('step:end', { executionId: 'e1', stepId: 's1', status: 'completed', confidence: 0.88 });
  executor.emit('step:start', {
    executionId: 'e1',
    stepId: 's2',
    nodeId: 'n2',
    actionType: 'type',
    targetElement: 'Name',
  });
  executor.emit('step:end', {
    executionId: 'e1',
    stepId: 's2',
    status: 'failed',
    error: Object.assign(new Error('gone'), { code: 'ELEMENT_NOT_FOUND' }),
  });
  executor.emit('execution:end', { executionId: 'e1', status: 'failed', error: new Error('gone') });
}

describe('rpa.instrument(executor)', () => {
  let h: Harness;
  beforeEach(() => {
    h = createHarness();
  });
  afterEach(() => h.close());

  it('turns lifecycle events into an execution with its steps and recovery', async () => {
    const executor = new EventEmitter();
    h.rpa.instrument(executor);
    runExecutor(executor);
    const [execution] = await h.finished(SPAN_NAMES.execution);
    const steps = await h.finished(SPAN_NAMES.step);
    expect(execution?.attributes).toMatchObject({
      [ATTR.executionId]: 'e1',
      [ATTR.executionStatus]: 'failed',
      [ATTR.executionStepsTotal]: 2,
      [ATTR.executionStepsCompleted]: 1,
      [ATTR.executionStepsFailed]: 1,
      'rpa.context.machine': 'bot-1',
    });
    expect(
      steps.map((s) => [
        s.attributes[ATTR.stepId],
        s.attributes[ATTR.stepStatus],
        s.attributes[ATTR.stepRetryCount],
      ]),
    ).toEqual([
      ['s1', 'completed', 1],
      ['s2', 'failed', 0],
    ]);
    expect(steps[1]?.attributes[ATTR.errorType]).toBe('ELEMENT_NOT_FOUND');
    expect(await h.finished(SPAN_NAMES.recovery)).toHaveLength(1);
  });

  it('does not double-count when instrumented twice', async () => {
    const executor = new EventEmitter();
    const first = h.rpa.instrument(executor);
    expect(h.rpa.instrument(executor)).toBe(first);
    runExecutor(executor);
    expect(await h.finished(SPAN_NAMES.execution)).toHaveLength(1);
    const metrics = await collectMetrics(h.reader);
    expect(sumPoints(metrics.get(METRICS.executions.name))).toBe(1);
  });

  it('stops listening after uninstrument()', async () => {
    const executor = new EventEmitter();
    h.rpa.instrument(executor).uninstrument();
    runExecutor(executor);
    expect(executor.listenerCount('execution:start')).toBe(0);
    expect(await h.finished()).toHaveLength(0);
  });

  it('ends steps left open when their execution ends, and counts events for unknown ids as misuse', async () => {
    const executor = new EventEmitter();
    h.rpa.instrument(executor);
    executor.emit('execution:start', { executionId: 'e2', workflowId: 'wf' });
    executor.emit('step:start', { executionId: 'e2', stepId: 's', nodeId: 'n', actionType: 'wait' });
    executor.emit('execution:end', { executionId: 'e2', status: 'cancelled' });
    executor.emit('step:end', { executionId: 'nope', stepId: 's', status: 'completed' });
    expect((await h.finished(SPAN_NAMES.step)).map((s) => s.attributes[ATTR.stepStatus])).toEqual([
      'skipped',
    ]);
    expect(h.rpa.droppedTelemetry().misuse).toBe(1);
  });

  it('never throws into the executor, whatever the payload', () => {
    const executor = new EventEmitter();
    h.rpa.instrument(executor);
    for (const event of [
      'execution:start',
      'step:start',
      'step:retry',
      'step:recovery',
      'step:end',
      'execution:end',
    ]) {
      for (const payload of [undefined, null, 42, 'x', {}, { executionId: 7 }]) {
        expect(() => executor.emit(event, payload)).not.toThrow();
      }
    }
  });
});
