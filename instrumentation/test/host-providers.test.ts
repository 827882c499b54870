import { metrics, trace } from '@opentelemetry/api';
import { MeterProvider } from '@opentelemetry/sdk-metrics';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { createRpa } from '../src';
import { ATTR, METRICS, STEP_ACTION_ROLLUP } from '../src/conventions';
import { collectMetrics, createHarness, OnDemandMetricReader, sumPoints } from './support/harness';

describe('beside a host’s own meter provider', () => {
  afterEach(() => {
    trace.disable();
    metrics.disable();
  });

  it('keeps the RPA metrics in its own provider and leaves the host’s global providers alone', async () => {
    const hostReader = new OnDemandMetricReader();
    const hostProvider = new MeterProvider({ readers: [hostReader] });
    let rpaReader: OnDemandMetricReader | undefined;
    const rpa = createRpa({
      metricsPort: -1,
      resourceIntervalMs: 0,
      flushOnSignals: false,
      metricReaders: [
        (rpaMetrics) => (rpaReader = new OnDemandMetricReader({ metricProducers: [rpaMetrics] })),
      ],
    }).start();
    // Registered after the instrumentation started: nothing of ours stands in the way.
    expect(metrics.setGlobalMeterProvider(hostProvider)).toBe(true);
    await rpa.trackExecution({ workflowId: 'hosted' }, (execution) =>
      execution.trackStep({ nodeId: 'n', actionType: 'click' }, (step) => void step.setConfidence(0.8)),
    );
    const ours = await collectMetrics(rpaReader!);
    expect(sumPoints(ours.get(METRICS.executions.name), { [ATTR.workflowId]: 'hosted' })).toBe(1);
    expect(sumPoints(ours.get(METRICS.stepConfidence.name))).toBe(1);
    const hosts = await collectMetrics(hostReader);
    expect([...hosts.keys()].filter((name) => name.startsWith('rpa_'))).toEqual([]);
    expect(rpa.metricsUrl()).toBeUndefined();
    await rpa.shutdown();
    await hostProvider.shutdown();
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

describe('the series budget', () => {
  it('records steps past the budget under their workflow’s _other action type, figures whole', async () => {
    // One (workflow, action type) in full detail costs 3 x 20 + 16 + 1 = 77 series: the budget fits two.
    const h = createHarness({ seriesBudget: 160 });
    const execution = h.rpa.startExecution({ workflowId: 'wf' });
    for (const action of ['click', 'type', 'wait', 'extract']) {
      execution.startStep({ nodeId: action, actionType: action }).setConfidence(0.9).end();
    }
    execution.end();
    const points = await collectMetrics(h.reader);
    const durations = points.get(METRICS.stepDuration.name) ?? [];
    expect(durations.map((p) => p.attributes[ATTR.stepActionType]).sort()).toEqual([
      STEP_ACTION_ROLLUP,
      'click',
      'type',
    ]);
    expect(sumPoints(durations, { [ATTR.stepActionType]: STEP_ACTION_ROLLUP })).toBe(2);
    expect(sumPoints(durations, { [ATTR.workflowId]: 'wf' })).toBe(4);
    expect(sumPoints(points.get(METRICS.stepConfidence.name))).toBe(4);
    expect(h.rpa.droppedTelemetry().cardinality_overflow).toBeUndefined();
    await h.close();
  });
});

describe('counters', () => {
  it('expose no series for a counter that never counted', async () => {
    const h = createHarness();
    h.rpa.startExecution({ workflowId: 'wf' }).startStep({ nodeId: 'n', actionType: 'click' }).end();
    const points = await collectMetrics(h.reader);
    expect(points.get(METRICS.stepRetries.name) ?? []).toEqual([]);
    await h.close();
  });
});
