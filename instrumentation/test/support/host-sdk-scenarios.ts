import { context, metrics, propagation, trace } from '@opentelemetry/api';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { createRpa, type Rpa } from '../../src';
import { ATTR, SPAN_NAMES } from '../../src/conventions';
import { OtlpReceiver } from './otlp-receiver';

/** The version of `@opentelemetry/api` that registered the globals (the host's). */
export function registeredApiVersion(): string | undefined {
  const globals = (globalThis as Record<symbol, { version?: string } | undefined>)[
    Symbol.for('opentelemetry.js.api.1')
  ];
  return globals?.version;
}

/**
 * An executor whose host runs its own OpenTelemetry SDK, registered before or
 * after the instrumentation starts: both must record, each into its own
 * pipeline, with one trace across them.
 */
export function describeHostSdkScenarios(expectedApiVersion: string): void {
  const analyzer = new OtlpReceiver();
  let analyzerUrl: string;
  let rpa: Rpa | undefined;
  let host: NodeTracerProvider | undefined;
  let hostSpans: InMemorySpanExporter;

  beforeAll(async () => {
    analyzerUrl = await analyzer.start();
  });
  afterAll(() => analyzer.stop());
  beforeEach(() => {
    hostSpans = new InMemorySpanExporter();
  });
  afterEach(async () => {
    await rpa?.shutdown();
    await host?.shutdown();
    rpa = undefined;
    host = undefined;
    analyzer.requests.length = 0;
    for (const api of [trace, context, metrics, propagation]) api.disable();
  });

  const startRpa = () =>
    (rpa = createRpa({ analyzerUrl, metricsPort: -1, resourceIntervalMs: 0, flushOnSignals: false }).start());
  const registerHost = () => {
    host = new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(hostSpans)] });
    host.register();
  };

  /** A host job around an execution whose step calls an instrumented library of the host. */
  async function runExecutorJob(instrumentation: Rpa): Promise<void> {
    const tracer = trace.getTracer('host-executor');
    await tracer.startActiveSpan('host.job', async (job) => {
      await instrumentation.trackExecution({ workflowId: 'hosted', executionId: 'exec-h' }, (execution) =>
        execution.trackStep({ nodeId: 'n', actionType: 'click' }, () => {
          tracer.startSpan('host.http.request').end();
        }),
      );
      job.end();
    });
  }

  it.each([
    ['the host registers its SDK first', () => (registerHost(), startRpa())],
    [
      'the instrumentation starts first (as with --import …/register)',
      () => {
        const started = startRpa();
        registerHost();
        return started;
      },
    ],
  ])('%s: both record, the host its spans, the analyzer only rpa.* spans', async (_order, start) => {
    const instrumentation = start();
    expect(registeredApiVersion()).toBe(expectedApiVersion);
    await runExecutorJob(instrumentation);
    await instrumentation.forceFlush();
    await host?.forceFlush();

    const hostNames = hostSpans.getFinishedSpans().map((s) => s.name);
    expect(hostNames.sort()).toEqual(['host.http.request', 'host.job']);
    const toAnalyzer = analyzer.spans();
    expect(toAnalyzer.map((s) => s.name).sort()).toEqual(
      [SPAN_NAMES.execution, SPAN_NAMES.executionStarted, SPAN_NAMES.step].sort(),
    );
    // One trace: the execution under the host's job, the host's request under the step.
    const job = hostSpans.getFinishedSpans().find((s) => s.name === 'host.job');
    const request = hostSpans.getFinishedSpans().find((s) => s.name === 'host.http.request');
    const execution = toAnalyzer.find((s) => s.name === SPAN_NAMES.execution);
    const step = toAnalyzer.find((s) => s.name === SPAN_NAMES.step);
    expect(execution?.traceId).toBe(job?.spanContext().traceId);
    expect(execution?.parentSpanId).toBe(job?.spanContext().spanId);
    expect(request?.parentSpanContext?.spanId).toBe(step?.spanId);
    expect(step?.attributes[ATTR.executionId]).toBe('exec-h');
  });

  it('inside trackStep, trace.getActiveSpan() is the step span: what the executor sets there is recorded', async () => {
    const instrumentation = startRpa();
    await instrumentation.trackExecution({ workflowId: 'hosted' }, (execution) =>
      execution.trackStep({ nodeId: 'n', actionType: 'type' }, () => {
        trace.getActiveSpan()?.setAttribute('executor.field', 'amount');
        trace.getActiveSpan()?.addEvent('ocr.done', { 'ocr.chars': 12 });
      }),
    );
    await instrumentation.forceFlush();
    const step = analyzer.spans().find((s) => s.name === SPAN_NAMES.step);
    expect(step?.attributes['executor.field']).toBe('amount');
    expect(step?.events).toEqual([{ name: 'ocr.done', attributes: { 'ocr.chars': 12 } }]);
  });
}
