import { ATTR, SPAN_NAMES } from '../src/conventions';
import { createRpa } from '../src';
import { PushedResourceSource } from './support/harness';
import { OtlpReceiver } from './support/otlp-receiver';

describe('OTLP/HTTP export', () => {
  const tempo = new OtlpReceiver();
  const analyzer = new OtlpReceiver();
  let tempoUrl: string;
  let analyzerUrl: string;
  beforeAll(async () => {
    tempoUrl = await tempo.start();
    analyzerUrl = await analyzer.start();
  });
  afterAll(async () => {
    await tempo.stop();
    await analyzer.stop();
  });

  it('sends valid ExportTraceServiceRequest protobuf with the contract attributes to Tempo and to the analyzer', async () => {
    const rpa = createRpa({
      tracesUrl: `${tempoUrl}/v1/traces`,
      analyzerUrl,
      analyzerHeaders: { authorization: 'Bearer ingest-token' },
      metricsPort: -1,
      resourceIntervalMs: 0,
    });
    await rpa.trackExecution(
      { workflowId: 'invoice-entry', executionId: 'exec-1', context: { machine: 'bot-7' } },
      async (execution) => {
        await execution.trackStep(
          { nodeId: 'open', actionType: 'click', targetElement: 'Open button' },
          (step) => {
            step.setConfidence(0.93);
            step.recordRecovery({ strategy: 'rematch_visual', outcome: 'recovered' });
          },
        );
      },
    );
    await rpa.shutdown();

    for (const receiver of [tempo, analyzer]) {
      const request = receiver.requests.find((r) => r.path === '/v1/traces');
      expect(request?.headers['content-type']).toBe('application/x-protobuf');
      const spans = receiver.spans();
      const execution = spans.find((s) => s.name === SPAN_NAMES.execution);
      const step = spans.find((s) => s.name === SPAN_NAMES.step);
      const recovery = spans.find((s) => s.name === SPAN_NAMES.recovery);
      expect(execution?.attributes).toMatchObject({
        [ATTR.workflowId]: 'invoice-entry',
        [ATTR.executionId]: 'exec-1',
        [ATTR.executionStatus]: 'completed',
        [ATTR.executionStepsTotal]: 1,
        [ATTR.executionStepsCompleted]: 1,
        [ATTR.executionStepsFailed]: 0,
        'rpa.context.machine': 'bot-7',
      });
      expect(step?.attributes).toMatchObject({
        [ATTR.workflowId]: 'invoice-entry',
        [ATTR.executionId]: 'exec-1',
        [ATTR.stepId]: 'exec-1/1',
        [ATTR.stepNodeId]: 'open',
        [ATTR.stepActionType]: 'click',
        [ATTR.stepTargetElement]: 'Open button',
        [ATTR.stepStatus]: 'completed',
        [ATTR.stepConfidence]: 0.93,
        [ATTR.stepRetryCount]: 0,
      });
      expect(recovery?.attributes).toMatchObject({
        [ATTR.recoveryStrategy]: 'rematch_visual',
        [ATTR.recoveryOutcome]: 'recovered',
      });
      expect(step?.parentSpanId).toBe(execution?.spanId);
      expect(recovery?.parentSpanId).toBe(step?.spanId);
      expect(step!.endNanos).toBeGreaterThanOrEqual(step!.startNanos);
      expect(execution?.resource).toMatchObject({
        'service.name': expect.any(String),
        'service.instance.id': expect.any(String),
        'host.name': expect.any(String),
      });
    }
    expect(analyzer.requests[0]?.headers.authorization).toBe('Bearer ingest-token');
    expect(tempo.requests[0]?.headers.authorization).toBeUndefined();
  });

  it('delivers a span to the analyzer on its own short schedule, with no flush', async () => {
    analyzer.requests.length = 0;
    const rpa = createRpa({ analyzerUrl, metricsPort: -1, resourceIntervalMs: 0 });
    rpa.startExecution({ workflowId: 'live', executionId: 'exec-live' });
    const deadline = Date.now() + 20_000;
    while (!analyzer.spans().some((s) => s.name === SPAN_NAMES.executionStarted) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(analyzer.spans().find((s) => s.name === SPAN_NAMES.executionStarted)?.attributes).toMatchObject({
      [ATTR.executionId]: 'exec-live',
    });
    await rpa.shutdown();
  });

  it('sends the host’s OTEL_EXPORTER_OTLP_HEADERS to Tempo only: the analyzer gets its own headers alone', async () => {
    tempo.requests.length = 0;
    analyzer.requests.length = 0;
    const saved = process.env.OTEL_EXPORTER_OTLP_HEADERS;
    process.env.OTEL_EXPORTER_OTLP_HEADERS = 'authorization=Bearer%20vendor-secret,x-vendor-tenant=t9';
    try {
      const rpa = createRpa({
        tracesUrl: `${tempoUrl}/v1/traces`,
        analyzerUrl,
        analyzerHeaders: { authorization: 'Bearer ingest-token' },
        metricsPort: -1,
        resourceIntervalMs: 0,
        flushOnSignals: false,
      });
      rpa.startExecution({ workflowId: 'headers' }).end();
      await rpa.shutdown();
    } finally {
      if (saved === undefined) delete process.env.OTEL_EXPORTER_OTLP_HEADERS;
      else process.env.OTEL_EXPORTER_OTLP_HEADERS = saved;
    }
    expect(analyzer.requests.length).toBeGreaterThan(0);
    for (const request of analyzer.requests) {
      expect(request.headers.authorization).toBe('Bearer ingest-token');
      expect(request.headers['x-vendor-tenant']).toBeUndefined();
    }
    expect(tempo.requests[0]?.headers).toMatchObject({
      authorization: 'Bearer vendor-secret',
      'x-vendor-tenant': 't9',
    });
  });

  it('sends the analyzer the resource gauges and none of the RPA metrics', async () => {
    analyzer.requests.length = 0;
    const resources = new PushedResourceSource();
    const rpa = createRpa({ analyzerUrl, metricsPort: -1, resourceSource: resources, flushOnSignals: false });
    rpa.start();
    resources.push({
      timestamp: Date.now(),
      cpuPercent: 40,
      memoryMb: 2048,
      processCpuPercent: 5,
      processMemoryMb: 90,
      diskReadBytes: 1,
      diskWriteBytes: 2,
      gpus: [],
    });
    await rpa.trackExecution({ workflowId: 'gauges' }, (execution) =>
      execution.trackStep({ nodeId: 'n', actionType: 'click' }, (step) => void step.setConfidence(0.9)),
    );
    await rpa.shutdown();
    const bodies = analyzer.requests
      .filter((r) => r.path === '/v1/metrics')
      .map((r) => r.body.toString('latin1'));
    expect(bodies.length).toBeGreaterThan(0);
    const sent = bodies.join('');
    expect(sent).toContain('system.cpu.utilization');
    expect(sent).toContain('process.memory.usage');
    expect(sent).not.toMatch(/rpa_(step|execution|executions|telemetry)_/);
  });

  it('speaks http/json to Tempo when OTEL_EXPORTER_OTLP_PROTOCOL asks, and protobuf to the analyzer', async () => {
    tempo.requests.length = 0;
    analyzer.requests.length = 0;
    const rpa = createRpa({
      tracesUrl: `${tempoUrl}/v1/traces`,
      analyzerUrl,
      otlpProtocol: 'http/json',
      metricsPort: -1,
      resourceIntervalMs: 0,
      flushOnSignals: false,
    });
    rpa.startExecution({ workflowId: 'json', executionId: 'exec-json' }).end();
    await rpa.shutdown();
    const request = tempo.requests.find((r) => r.path === '/v1/traces');
    expect(request?.headers['content-type']).toBe('application/json');
    expect(JSON.stringify(JSON.parse(request!.body.toString()))).toContain('exec-json');
    expect(analyzer.requests[0]?.headers['content-type']).toBe('application/x-protobuf');
  });
});
