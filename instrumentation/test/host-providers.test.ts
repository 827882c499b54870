import { metrics, trace } from '@opentelemetry/api';
import { MeterProvider } from '@opentelemetry/sdk-metrics';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { createRpa } from '../src';
import { ATTR, METRICS, SPAN_NAMES } from '../src/conventions';
import { collectMetrics, createHarness, OnDemandMetricReader, sumPoints } from './support/harness';

describe('when the host registered its own providers', () => {
  afterEach(() => {
    trace.disable();
    metrics.disable();
  });

  it('records into the host’s tracer and meter providers instead of starting its own', async () => {
    const hostSpans = new InMemorySpanExporter();
    const tracerProvider = new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(hostSpans)] });
    tracerProvider.register();
    const hostReader = new OnDemandMetricReader();
    metrics.setGlobalMeterProvider(new MeterProvider({ readers: [hostReader] }));

    const rpa = createRpa({ metricsPort: 0, resourceIntervalMs: 0 });
    await rpa.trackExecution({ workflowId: 'hosted' }, (execution) =>
      execution.trackStep({ nodeId: 'n', actionType: 'click' }, (step) => void step.setConfidence(0.8)),
    );
    await tracerProvider.forceFlush();
    expect(hostSpans.getFinishedSpans().map((s) => s.name)).toEqual([
      SPAN_NAMES.executionStarted,
      SPAN_NAMES.step,
      SPAN_NAMES.execution,
    ]);
    const points = await collectMetrics(hostReader);
    expect(sumPoints(points.get(METRICS.executions.name), { [ATTR.workflowId]: 'hosted' })).toBe(1);
    expect(sumPoints(points.get(METRICS.stepConfidence.name))).toBe(1);
    expect(rpa.metricsUrl()).toBeUndefined();
    await rpa.shutdown();
    await tracerProvider.shutdown();
  });
});

describe('OTEL_SDK_DISABLED', () => {
  it('keeps the API working and records nothing', async () => {
    const spans = new InMemorySpanExporter();
    const rpa = createRpa({ disabled: true, spanProcessors: [new SimpleSpanProcessor(spans)] });
    const result = await rpa.trackExecution({ workflowId: 'off' }, (execution) =>
      execution.trackStep({ nodeId: 'n', actionType: 'click' }, (step) => step.setConfidence(0.8) && 'done'),
    );
    expect(result).toBe('done');
    await rpa.forceFlush();
    expect(spans.getFinishedSpans()).toHaveLength(0);
    expect(rpa.metricsUrl()).toBeUndefined();
    await rpa.shutdown();
  });
});

describe('the series limit', () => {
  it('sends samples past the limit to the overflow series and counts them', async () => {
    const h = createHarness({ cardinalityLimit: 10 });
    for (let i = 0; i < 25; i += 1) h.rpa.startExecution({ workflowId: `wf-${i}` }).end();
    const points = await collectMetrics(h.reader);
    const executions = points.get(METRICS.executions.name) ?? [];
    expect(executions).toHaveLength(11);
    expect(sumPoints(executions, { 'otel.metric.overflow': true })).toBe(15);
    expect(sumPoints(executions)).toBe(25);
    expect(h.rpa.droppedTelemetry().cardinality_overflow).toBeGreaterThanOrEqual(15);
    await h.close();
  });
});
