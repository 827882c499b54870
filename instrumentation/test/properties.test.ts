import { SpanStatusCode } from '@opentelemetry/api';
import { hrTimeToMilliseconds } from '@opentelemetry/core';
import fc from 'fast-check';
import { ATTR, METRICS, RESOURCE_ATTR, SPAN_NAMES } from '../src/conventions';
import type { ResourceSample } from '../src/resources/sample';
import { collectMetrics, createHarness, sumPoints, type Harness } from './support/harness';

const id = fc.stringMatching(/^[a-z][a-z0-9-]{0,15}$/);
const stepPlan = fc.record({
  nodeId: id,
  actionType: fc.constantFrom('click', 'type', 'wait', 'extract', 'launch'),
  targetElement: fc.string({ maxLength: 30 }),
  outcome: fc.constantFrom('completed', 'failed', 'skipped'),
  confidence: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: undefined }),
  retries: fc.nat(3),
});
const failure = fc.record({
  code: fc.constantFrom('TIMEOUT', 'ELEMENT_NOT_FOUND', 'ECONNRESET', 'VALIDATION_ERROR'),
  message: fc.string({ minLength: 1, maxLength: 60 }),
});
const executionPlan = fc.record({
  workflowId: id,
  context: fc.dictionary(id, fc.oneof(fc.string({ maxLength: 10 }), fc.integer(), fc.boolean()), {
    maxKeys: 3,
  }),
  steps: fc.array(stepPlan, { maxLength: 8 }),
  ending: fc.oneof(
    fc.constant({ kind: 'end' as const }),
    fc.constant({ kind: 'cancel' as const }),
    failure.map((f) => ({ kind: 'fail' as const, ...f })),
  ),
});
type ExecutionPlan = typeof executionPlan extends fc.Arbitrary<infer T> ? T : never;

function play(h: Harness, plan: ExecutionPlan): string {
  const execution = h.rpa.startExecution({ workflowId: plan.workflowId, context: plan.context });
  for (const s of plan.steps) {
    const step = execution.startStep(s);
    if (s.confidence !== undefined) step.setConfidence(s.confidence);
    for (let i = 0; i < s.retries; i += 1) step.recordRetry();
    if (s.outcome === 'failed') step.fail(Object.assign(new Error('step failed'), { code: 'TIMEOUT' }));
    else if (s.outcome === 'skipped') step.skip();
    else step.end();
  }
  if (plan.ending.kind === 'fail')
    execution.fail(Object.assign(new Error(plan.ending.message), { code: plan.ending.code }));
  else if (plan.ending.kind === 'cancel') execution.cancel();
  else execution.end();
  return execution.executionId;
}

function statusOf(plan: ExecutionPlan): string {
  return { end: 'completed', cancel: 'cancelled', fail: 'failed' }[plan.ending.kind];
}

describe('correctness properties of the instrumentation', () => {
  let h: Harness;
  beforeAll(() => {
    h = createHarness();
  });
  afterAll(() => h.close());
  beforeEach(() => h.spans.reset());

  it('Property 1: every execution records its ids, timestamps, duration and metrics', async () => {
    await fc.assert(
      fc.asyncProperty(executionPlan, async (plan) => {
        h.spans.reset();
        const before = await collectMetrics(h.reader);
        const executionId = play(h, plan);
        const [span] = await h.finished(SPAN_NAMES.execution);
        const after = await collectMetrics(h.reader);
        expect(span?.attributes[ATTR.executionId]).toBe(executionId);
        expect(span?.attributes[ATTR.workflowId]).toBe(plan.workflowId);
        expect(span?.attributes[ATTR.executionStatus]).toBe(statusOf(plan));
        expect(hrTimeToMilliseconds(span!.startTime)).toBeGreaterThan(0);
        expect(hrTimeToMilliseconds(span!.duration)).toBeGreaterThanOrEqual(0);
        const match = { [ATTR.workflowId]: plan.workflowId, [ATTR.executionStatus]: statusOf(plan) };
        const count = (m: typeof before, name: string) => sumPoints(m.get(name), match);
        expect(count(after, METRICS.executions.name) - count(before, METRICS.executions.name)).toBe(1);
        expect(
          count(after, METRICS.executionDuration.name) - count(before, METRICS.executionDuration.name),
        ).toBe(1);
      }),
      { numRuns: 60 },
    );
  });

  it('Property 2: every finished step records action_type, target_element and its result', async () => {
    await fc.assert(
      fc.asyncProperty(executionPlan, async (plan) => {
        h.spans.reset();
        play(h, plan);
        const steps = await h.finished(SPAN_NAMES.step);
        expect(steps).toHaveLength(plan.steps.length);
        steps.forEach((span, i) => {
          const planned = plan.steps[i]!;
          expect(span.attributes[ATTR.stepActionType]).toBe(planned.actionType);
          expect(span.attributes[ATTR.stepTargetElement]).toBe(planned.targetElement);
          expect(span.attributes[ATTR.stepStatus]).toBe(planned.outcome);
          expect(span.attributes[ATTR.stepRetryCount]).toBe(planned.retries);
          expect(span.attributes[ATTR.stepConfidence]).toBe(planned.confidence);
        });
        const [execution] = await h.finished(SPAN_NAMES.execution);
        expect(execution?.attributes[ATTR.executionStepsCompleted]).toBe(
          plan.steps.filter((s) => s.outcome === 'completed').length,
        );
        expect(execution?.attributes[ATTR.executionStepsFailed]).toBe(
          plan.steps.filter((s) => s.outcome === 'failed').length,
        );
      }),
      { numRuns: 60 },
    );
  });

  it('Property 3: every failed execution records its failure reason, error details and context', async () => {
    await fc.assert(
      fc.asyncProperty(executionPlan, failure, async (plan, cause) => {
        h.spans.reset();
        play(h, { ...plan, ending: { kind: 'fail', ...cause } });
        const [span] = await h.finished(SPAN_NAMES.execution);
        expect(span?.status).toEqual({ code: SpanStatusCode.ERROR, message: cause.message });
        expect(span?.attributes[ATTR.errorType]).toBe(cause.code);
        const exception = span?.events.find((e) => e.name === 'exception');
        expect(exception?.attributes?.['exception.message']).toBe(cause.message);
        expect(exception?.attributes?.['exception.stacktrace']).toEqual(expect.any(String));
        for (const [key, value] of Object.entries(plan.context))
          expect(span?.attributes[`rpa.context.${key}`]).toBe(value);
      }),
      { numRuns: 60 },
    );
  });
});

const gpuSample = fc.record({
  id: fc.constant('0000:01:00.0'),
  name: fc.constant('GPU'),
  utilizationPercent: fc.double({ min: 0, max: 100, noNaN: true }),
  memoryUsedMb: fc.double({ min: 0, max: 80000, noNaN: true }),
});
const sampleValues = fc.record({
  cpuPercent: fc.double({ min: 0, max: 100, noNaN: true }),
  memoryMb: fc.double({ min: 1, max: 64000, noNaN: true }),
  diskDeltaBytes: fc.nat(50_000_000),
});

describe('Property 12: resource tracking completeness', () => {
  let h: Harness;
  beforeAll(() => {
    h = createHarness();
  });
  afterAll(() => h.close());

  it('every execution records CPU and memory, and GPU exactly where a GPU reports, summarizing the samples it saw', async () => {
    let clock = 1_700_000_000_000;
    let disk = 0;
    const toSample = (
      v: { cpuPercent: number; memoryMb: number; diskDeltaBytes: number },
      gpus: ResourceSample['gpus'],
    ): ResourceSample => {
      clock += 1000;
      disk += v.diskDeltaBytes;
      return {
        timestamp: clock,
        ...v,
        processCpuPercent: 1,
        processMemoryMb: 50,
        diskReadBytes: disk,
        diskWriteBytes: 0,
        gpus,
      };
    };
    await fc.assert(
      fc.asyncProperty(
        sampleValues,
        fc.array(sampleValues, { maxLength: 6 }),
        fc.boolean(),
        gpuSample,
        async (before, during, hasGpu, gpu) => {
          h.spans.reset();
          const gpus = hasGpu ? [gpu] : [];
          const seen = [toSample(before, gpus)];
          h.resources.push(seen[0]!);
          const execution = h.rpa.startExecution({ workflowId: 'wf' });
          for (const values of during) {
            const sample = toSample(values, gpus);
            seen.push(sample);
            h.resources.push(sample);
          }
          execution.end();
          const [span] = await h.finished(SPAN_NAMES.execution);
          const cpu = seen.map((s) => s.cpuPercent);
          const near = (expected: number) => expect.closeTo(expected, 2);
          expect(span?.attributes).toMatchObject({
            [RESOURCE_ATTR.cpuPercentAvg]: near(cpu.reduce((a, b) => a + b, 0) / cpu.length),
            [RESOURCE_ATTR.cpuPercentMax]: near(Math.max(...cpu)),
            [RESOURCE_ATTR.memoryMbMax]: near(Math.max(...seen.map((s) => s.memoryMb))),
            [RESOURCE_ATTR.diskIoMb]: near(during.reduce((a, v) => a + v.diskDeltaBytes, 0) / 1024 / 1024),
          });
          if (hasGpu) {
            expect(span?.attributes[RESOURCE_ATTR.gpuUtilizationMax]).toBeCloseTo(gpu.utilizationPercent, 2);
            expect(span?.attributes[RESOURCE_ATTR.gpuMemoryMbMax]).toBeCloseTo(gpu.memoryUsedMb, 2);
          } else {
            expect(span?.attributes).not.toHaveProperty(RESOURCE_ATTR.gpuUtilizationMax);
            expect(span?.attributes).not.toHaveProperty(RESOURCE_ATTR.gpuMemoryMbMax);
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});
