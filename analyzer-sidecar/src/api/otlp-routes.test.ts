import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { ProtobufMetricsSerializer, ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer';
import { recordResourceGauges } from '../test-support/sdk-metrics';
import { ATTR, SPAN_NAMES } from '@rpa-analytics/conventions';
import { executionSpecs, jsonBody, protobufBody, recordSpans } from '../test-support/sdk-spans';
import { bearer, startTestApp, type TestApp } from '../test-support/test-app';

const START = Date.UTC(2026, 10, 20, 9, 30, 0, 250);
const PROTOBUF = { 'content-type': 'application/x-protobuf' };
const JSON_TYPE = { 'content-type': 'application/json' };

describe('OTLP routes', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ ingest: { maxBodyBytes: 4 * 1024 * 1024, maxDecompressedBytes: 1024 * 1024 } });
  });
  afterAll(() => t.close());

  it('stores what the SDK exporter posts, durable once answered, and serves it back', async () => {
    const body = protobufBody(
      recordSpans(executionSpecs('exec-pb', 'wf-pb', START, 4), { 'service.name': 'bot', 'host.name': 'h1' }),
    );
    const response = await t.app.inject({
      method: 'POST',
      url: '/v1/traces',
      headers: PROTOBUF,
      payload: body,
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/x-protobuf');
    expect(response.rawPayload).toHaveLength(0);
    const list = await t.app.inject({
      url: '/analytics/metrics?workflow_id=wf-pb&include=steps',
      headers: bearer('viewer'),
    });
    expect(list.statusCode).toBe(200);
    const page = list.json();
    expect(page.total).toBe(1);
    expect(page.next_cursor).toBeNull();
    expect(page.items[0]).toMatchObject({
      execution_id: 'exec-pb',
      workflow_id: 'wf-pb',
      status: 'completed',
      started_at: '2026-11-20T09:30:00.250Z',
      duration_ms: 40,
      steps_total: 4,
      context: { customer: 'acme' },
      service_name: 'bot',
      host_name: 'h1',
    });
    expect(page.items[0].steps.map((s: { step_id: string }) => s.step_id)).toEqual([
      'exec-pb/0',
      'exec-pb/1',
      'exec-pb/2',
      'exec-pb/3',
    ]);
  });

  it('stores a re-sent request once', async () => {
    const body = jsonBody(recordSpans(executionSpecs('exec-dup', 'wf-dup', START, 2)));
    for (let i = 0; i < 3; i++) {
      expect(
        (await t.app.inject({ method: 'POST', url: '/v1/traces', headers: JSON_TYPE, payload: body }))
          .statusCode,
      ).toBe(200);
    }
    const page = (
      await t.app.inject({
        url: '/analytics/metrics?workflow_id=wf-dup&include=steps',
        headers: bearer('viewer'),
      })
    ).json();
    expect(page.total).toBe(1);
    expect(page.items[0].steps).toHaveLength(2);
  });

  it('answers partial success with the exact count of rejected spans, in the request encoding', async () => {
    const spans = recordSpans([
      ...executionSpecs('exec-partial', 'wf-partial', START, 1),
      { name: 'http.request', startMs: START, durationMs: 1, attributes: {} },
      {
        name: SPAN_NAMES.step,
        startMs: START,
        durationMs: 1,
        attributes: { [ATTR.workflowId]: 'wf-partial' },
      },
      {
        name: SPAN_NAMES.step,
        startMs: START,
        durationMs: 1,
        attributes: {
          [ATTR.workflowId]: 5,
          [ATTR.executionId]: 'e',
          [ATTR.stepId]: 's',
          [ATTR.stepActionType]: 'a',
        },
      },
    ]);
    const pb = await t.app.inject({
      method: 'POST',
      url: '/v1/traces',
      headers: PROTOBUF,
      payload: protobufBody(spans),
    });
    expect(pb.statusCode).toBe(200);
    const decoded = ProtobufTraceSerializer.deserializeResponse(pb.rawPayload);
    expect(Number(decoded.partialSuccess?.rejectedSpans)).toBe(3);
    expect(decoded.partialSuccess?.errorMessage).toMatch(/not an RPA span/);
    const json = await t.app.inject({
      method: 'POST',
      url: '/v1/traces',
      headers: JSON_TYPE,
      payload: jsonBody(spans),
    });
    expect(json.json()).toEqual({ partialSuccess: { rejectedSpans: '3', errorMessage: expect.any(String) } });
    const metrics = (await t.app.inject({ url: '/metrics' })).body;
    expect(metrics).toMatch(/rpa_analyzer_spans_rejected_total\{reason="not_rpa_span"\} 2/);
    expect(metrics).toMatch(/rpa_analyzer_spans_rejected_total\{reason="missing_attribute"\} 2/);
    expect(metrics).toMatch(/rpa_analyzer_spans_ingested_total\{kind="step"\}/);
  });

  it('stores the resource gauges posted to /v1/metrics as resource samples', async () => {
    const body = Buffer.from(
      ProtobufMetricsSerializer.serializeRequest(await recordResourceGauges()) as Uint8Array,
    );
    const response = await t.app.inject({
      method: 'POST',
      url: '/v1/metrics',
      headers: PROTOBUF,
      payload: body,
    });
    expect(response.statusCode).toBe(200);
    const stored = await t.app.analyzer.store.queryRange({
      start: 0,
      end: Date.now() + 1000,
      types: ['resources'],
    });
    expect(stored.resources).toEqual([
      expect.objectContaining({ service_instance_id: 'bot-7', cpu_percent: 42, memory_mb: 512 }),
    ]);
  });

  it('accepts gzip bodies', async () => {
    const body = gzipSync(protobufBody(recordSpans(executionSpecs('exec-gz', 'wf-gz', START, 1))));
    const response = await t.app.inject({
      method: 'POST',
      url: '/v1/traces',
      headers: { ...PROTOBUF, 'content-encoding': 'gzip' },
      payload: body,
    });
    expect(response.statusCode).toBe(200);
  });

  it('refuses a gzip bomb with 413 without inflating it in memory', async () => {
    const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024), { level: 9 });
    const before = process.memoryUsage().arrayBuffers;
    const response = await t.app.inject({
      method: 'POST',
      url: '/v1/traces',
      headers: { ...PROTOBUF, 'content-encoding': 'gzip' },
      payload: bomb,
    });
    expect(response.statusCode).toBe(413);
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(16 * 1024 * 1024);
    expect(response.headers['content-type']).toBe('application/x-protobuf');
  });

  it.each([
    { label: 'text/plain', type: 'text/plain', payload: 'hello', encoding: undefined, status: 415 },
    {
      label: 'invalid gzip',
      type: 'application/x-protobuf',
      payload: 'not gzip',
      encoding: 'gzip',
      status: 400,
    },
    { label: 'brotli', type: 'application/x-protobuf', payload: 'x', encoding: 'br', status: 415 },
    {
      label: 'JSON with a number for resourceSpans',
      type: 'application/json',
      payload: '{"resourceSpans": 5}',
      encoding: undefined,
      status: 400,
    },
    {
      label: 'JSON with a boolean timestamp',
      type: 'application/json',
      payload: '{"resourceSpans": [{"scopeSpans": [{"spans": [{"startTimeUnixNano": true}]}]}]}',
      encoding: undefined,
      status: 400,
    },
    {
      label: 'JSON with __proto__',
      type: 'application/json',
      payload: '{"__proto__": {"polluted": 1}, "resourceSpans": []}',
      encoding: undefined,
      status: 200,
    },
    { label: 'invalid JSON', type: 'application/json', payload: 'nope{', encoding: undefined, status: 400 },
    {
      label: 'a 5 MB string',
      type: 'application/json',
      payload: `{"x": "${'a'.repeat(5 * 1024 * 1024)}"}`,
      encoding: undefined,
      status: 413,
    },
  ])('answers $label with $status', async ({ type, payload, encoding, status }) => {
    const headers: Record<string, string> = { 'content-type': type };
    if (encoding) headers['content-encoding'] = encoding;
    const response = await t.app.inject({ method: 'POST', url: '/v1/traces', headers, payload });
    expect(response.statusCode).toBe(status);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('answers a body without Content-Type with 415', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/v1/traces',
      payload: Buffer.from([1, 2, 3]),
    });
    expect(response.statusCode).toBe(415);
  });

  it('never crashes on fuzzed bodies: always 200 or 400', async () => {
    const valid = protobufBody(recordSpans(executionSpecs('exec-fuzz', 'wf-fuzz', START, 2)));
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.uint8Array({ maxLength: 2048 }).map((b) => Buffer.from(b)),
          fc.integer({ min: 1, max: valid.length - 1 }).map((n) => valid.subarray(0, n)),
          fc.tuple(fc.nat(valid.length - 1), fc.integer({ min: 0, max: 255 })).map(([i, b]) => {
            const copy = Buffer.from(valid);
            copy[i] = b;
            return copy;
          }),
        ),
        async (payload) => {
          const response = await t.app.inject({
            method: 'POST',
            url: '/v1/traces',
            headers: PROTOBUF,
            payload,
          });
          expect([200, 400]).toContain(response.statusCode);
        },
      ),
      { numRuns: 300 },
    );
    await fc.assert(
      fc.asyncProperty(fc.jsonValue({ maxDepth: 6 }), async (value) => {
        const payload = JSON.stringify({
          resourceSpans: [{ resource: value, scopeSpans: [{ spans: [value, { attributes: [value] }] }] }],
        });
        const response = await t.app.inject({
          method: 'POST',
          url: '/v1/traces',
          headers: JSON_TYPE,
          payload,
        });
        expect([200, 400]).toContain(response.statusCode);
      }),
      { numRuns: 300 },
    );
  });
});

describe('OTLP load shedding and ingest token', () => {
  it('answers 429 with Retry-After when the write backlog is full', async () => {
    const t = await startTestApp({ ingest: { flushIntervalMs: 400, maxPendingRows: 3, maxBatchRows: 1000 } });
    try {
      const body = protobufBody(recordSpans(executionSpecs('exec-shed', 'wf-shed', START, 2)));
      const first = t.app.inject({ method: 'POST', url: '/v1/traces', headers: PROTOBUF, payload: body });
      await new Promise((resolve) => setTimeout(resolve, 100));
      const second = await t.app.inject({
        method: 'POST',
        url: '/v1/traces',
        headers: PROTOBUF,
        payload: body,
      });
      expect(second.statusCode).toBe(429);
      expect(second.headers['retry-after']).toBe('1');
      expect((await first).statusCode).toBe(200);
    } finally {
      await t.close();
    }
  });

  it('requires the ingest token when one is set', async () => {
    const t = await startTestApp({ ingestToken: 'ingest-secret' });
    try {
      const body = protobufBody(recordSpans(executionSpecs('exec-tok', 'wf-tok', START, 1)));
      expect(
        (await t.app.inject({ method: 'POST', url: '/v1/traces', headers: PROTOBUF, payload: body }))
          .statusCode,
      ).toBe(401);
      const ok = await t.app.inject({
        method: 'POST',
        url: '/v1/traces',
        headers: { ...PROTOBUF, authorization: 'Bearer ingest-secret' },
        payload: body,
      });
      expect(ok.statusCode).toBe(200);
    } finally {
      await t.close();
    }
  });
});
