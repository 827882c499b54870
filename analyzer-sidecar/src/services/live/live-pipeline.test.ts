/**
 * Live analysis through the app: OTLP spans (built with the SDK) in, running
 * executions with progress, the SSE stream with resume, anomalies judged on
 * commit and listed with their lifecycle.
 */
import { ATTR, SPAN_NAMES } from '@rpa-analytics/conventions';
import { executionSpecs, protobufBody, recordSpans, type SpanSpec } from '../../test-support/sdk-spans';
import { bearer, startTestApp, type TestApp } from '../../test-support/test-app';

const T0 = Date.UTC(2026, 10, 20, 8);

function marker(executionId: string, workflowId: string, startMs: number, stepsTotal: number): SpanSpec {
  return {
    name: SPAN_NAMES.executionStarted,
    startMs,
    durationMs: 0,
    attributes: {
      [ATTR.workflowId]: workflowId,
      [ATTR.executionId]: executionId,
      [ATTR.executionStepsTotal]: stepsTotal,
    },
  };
}

describe('live analysis', () => {
  let t: TestApp;
  const post = (specs: SpanSpec[]) =>
    t.app.inject({
      method: 'POST',
      url: '/v1/traces',
      headers: { 'content-type': 'application/x-protobuf' },
      payload: protobufBody(recordSpans(specs)),
    });
  const get = async (url: string) => (await t.app.inject({ url, headers: bearer('viewer') })).json();

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('shows an execution as running from its marker, with progress, until its span ends it', async () => {
    const all = executionSpecs('run-1', 'wf-live', T0, 4);
    await post([marker('run-1', 'wf-live', T0, 4)]);
    await post(all.slice(0, 2));
    const live = await get('/analytics/executions/live?workflow_id=wf-live');
    expect(live.items).toEqual([
      expect.objectContaining({
        execution_id: 'run-1',
        status: 'running',
        steps_total: 4,
        steps_completed: 2,
        current_step: { node_id: 'node-1', action_type: 'click' },
        completed_at: null,
      }),
    ]);
    const running = await get('/analytics/metrics?status=running&workflow_id=wf-live');
    expect(running.items.map((e: { execution_id: string }) => e.execution_id)).toEqual(['run-1']);

    await post(all.slice(2));
    await post([marker('run-1', 'wf-live', T0, 4)]); // a late repeat of the marker revives nothing
    expect((await get('/analytics/executions/live?workflow_id=wf-live')).items).toEqual([]);
    const done = await get('/analytics/metrics?workflow_id=wf-live');
    expect(done.items.map((e: { status: string }) => e.status)).toEqual(['completed']);
  });

  it('takes an execution span before its marker and without one', async () => {
    await post(executionSpecs('run-2', 'wf-live', T0 + 1000, 2));
    await post([marker('run-2', 'wf-live', T0 + 1000, 2)]);
    await post(executionSpecs('run-3', 'wf-live', T0 + 2000, 2));
    expect((await get('/analytics/executions/live?workflow_id=wf-live')).items).toEqual([]);
    expect((await get('/analytics/metrics?status=running')).total).toBe(0);
  });

  it('streams execution events over SSE, resumes after Last-Event-ID, filters by workflow', async () => {
    const bus = t.app.live.bus;
    const before = bus.lastId;
    await post([marker('run-4', 'wf-sse', T0 + 5000, 2)]);
    await post(executionSpecs('run-4', 'wf-sse', T0 + 5000, 2));
    await post(executionSpecs('run-5', 'wf-other', T0 + 6000, 1));
    const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const controller = new AbortController();
    const response = await fetch(`${address}/analytics/stream?workflow_id=wf-sse`, {
      headers: { ...bearer('viewer'), 'last-event-id': String(before) },
      signal: controller.signal,
    });
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const reader = response.body!.getReader();
    let text = '';
    while (!text.includes('event: execution.ended'))
      text += new TextDecoder().decode((await reader.read()).value);
    controller.abort();
    const events = [...text.matchAll(/id: (\d+)\nevent: (\S+)\ndata: (.*)\n/g)].map((m) => ({
      id: Number(m[1]),
      type: m[2],
      data: JSON.parse(m[3]!),
    }));
    expect(events.map((e) => e.type)).toEqual(['execution.started', 'execution.ended']);
    expect(events.every((e) => e.id > before && e.data.workflow_id === 'wf-sse')).toBe(true);
    expect(events[1]!.data).toMatchObject({
      execution_id: 'run-4',
      status: 'completed',
      steps_total: 2,
      steps_completed: 2,
      elapsed_ms: 20,
      completed_at: new Date(T0 + 5020).toISOString(),
    });
  });

  it('carries the same events over the WebSocket endpoint', async () => {
    const socket = await t.app.injectWS('/analytics/stream/ws?workflow_id=wf-ws', {
      headers: bearer('viewer'),
    });
    const messages: { id: number; type: string; data: { execution_id: string } }[] = [];
    const ended = new Promise<void>((resolve) =>
      socket.on('message', (raw: Buffer) => {
        const message = JSON.parse(raw.toString()) as (typeof messages)[number];
        messages.push(message);
        if (message.type === 'execution.ended') resolve();
      }),
    );
    await post([marker('run-6', 'wf-ws', T0 + 7000, 1)]);
    await post(executionSpecs('run-6', 'wf-ws', T0 + 7000, 1));
    await ended;
    socket.terminate();
    expect(messages.map((m) => [m.type, m.data.execution_id])).toEqual([
      ['execution.started', 'run-6'],
      ['execution.ended', 'run-6'],
    ]);
  });

  it('judges each commit: a single extreme run opens an anomaly, the next ordinary one resolves it', async () => {
    const specs: SpanSpec[] = [];
    for (let i = 0; i < 260; i++) {
      const start = T0 + 3_600_000 + i * 60_000;
      const duration = i === 250 ? 60_000 : 1000 * Math.exp(0.2 * Math.sin(i * 12.9898));
      specs.push({
        name: SPAN_NAMES.execution,
        startMs: start,
        durationMs: duration,
        attributes: {
          [ATTR.workflowId]: 'wf-spike',
          [ATTR.executionId]: `s-${i}`,
          [ATTR.executionStatus]: 'completed',
        },
      });
    }
    await post(specs.slice(0, 251));
    await t.app.live.idle();
    const open = await get('/analytics/anomalies?workflow_id=wf-spike&status=open');
    expect(open.items).toEqual([
      expect.objectContaining({ kind: 'point', status: 'open', execution_ids: ['s-250'], resolved_at: null }),
    ]);
    expect(open.items[0].severity).toBeGreaterThanOrEqual(0.7);
    await post(specs.slice(251));
    await t.app.live.idle();
    const after = await get('/analytics/anomalies?workflow_id=wf-spike');
    expect(after.items).toEqual([
      expect.objectContaining({ anomaly_id: open.items[0].anomaly_id, status: 'resolved' }),
    ]);
    const page = await get('/analytics/anomalies?workflow_id=wf-spike&limit=1&status=resolved');
    expect([page.total, page.next_cursor]).toEqual([1, null]);
    const metrics = (await t.app.inject({ url: '/metrics' })).body;
    expect(metrics).toMatch(/^rpa_analyzer_anomalies_opened_total\{kind="point"\} 1$/m);
    expect(metrics).toMatch(/^rpa_analyzer_detection_duration_seconds_count [1-9]/m);
    expect(metrics).toMatch(/^rpa_analyzer_executions_running 0$/m);
  });
});
