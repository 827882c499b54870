import fc from 'fast-check';
import { ProtobufMetricsSerializer } from '@opentelemetry/otlp-transformer';
import {
  HOSTILE_BODIES,
  jsonDeepArrays,
  jsonNestedKvlist,
  protobufDeepArrays,
  protobufNestedKvlist,
  type HostileBody,
} from '../test-support/hostile-otlp';
import { mutateBody } from '../test-support/otlp-mutations';
import { recordResourceGauges } from '../test-support/sdk-metrics';
import { executionSpecs, jsonBody, protobufBody, recordSpans } from '../test-support/sdk-spans';
import { startTestApp, type TestApp } from '../test-support/test-app';

const START = Date.UTC(2026, 11, 1, 8, 0, 0, 0);

function post(t: TestApp, body: HostileBody, url = '/v1/traces') {
  return t.app.inject({
    method: 'POST',
    url,
    headers: { 'content-type': body.contentType, ...(body.gzip ? { 'content-encoding': 'gzip' } : {}) },
    payload: body.body,
  });
}

/** The OTLP Status an error answer carries, in the request's encoding. */
function statusMessage(contentType: string, payload: Buffer): string {
  if (contentType.startsWith('application/json'))
    return (JSON.parse(payload.toString('utf8')) as { message: string }).message;
  return payload.toString('latin1');
}

describe('OTLP ingestion under hostile input (default limits)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it.each(HOSTILE_BODIES)('refuses %s with a 4xx naming the limit', async (_name, make) => {
    const body = make();
    const response = await post(t, body);
    expect([400, 413]).toContain(response.statusCode);
    expect(response.headers['content-type']).toBe(body.contentType);
    expect(statusMessage(body.contentType, response.rawPayload)).toMatch(
      /max(DecodedObjects|Spans|Attributes|AttributeValueBytes|NestingDepth)/,
    );
  });

  it('answers nesting past maxNestingDepth with 400 and the field, in both encodings', async () => {
    for (const body of [
      jsonNestedKvlist(9),
      protobufNestedKvlist(9),
      jsonDeepArrays(9),
      protobufDeepArrays(9),
    ]) {
      const response = await post(t, body);
      expect(response.statusCode).toBe(400);
      expect(statusMessage(body.contentType, response.rawPayload)).toMatch(
        /(attributes|kvlist|array).*maxNestingDepth/s,
      );
    }
  });

  it('keeps working after every bomb: a valid export is stored', async () => {
    const spans = recordSpans(executionSpecs('exec-after', 'wf-after', START, 2));
    const response = await t.app.inject({
      method: 'POST',
      url: '/v1/traces',
      headers: { 'content-type': 'application/x-protobuf' },
      payload: protobufBody(spans),
    });
    expect(response.statusCode).toBe(200);
  });

  it('never answers 5xx to mutated bodies (short fuzz; bench/hostile-bench.ts runs 10^5)', async () => {
    const spans = recordSpans(executionSpecs('exec-fuzz', 'wf-fuzz', START, 3), { 'service.name': 'bot' });
    const seeds: HostileBody[] = [
      {
        name: 'valid protobuf',
        contentType: 'application/x-protobuf',
        gzip: false,
        body: protobufBody(spans),
      },
      { name: 'valid JSON', contentType: 'application/json', gzip: false, body: jsonBody(spans) },
      jsonNestedKvlist(6),
      protobufNestedKvlist(6),
      jsonDeepArrays(12),
      protobufDeepArrays(12),
    ];
    const metrics = Buffer.from(
      ProtobufMetricsSerializer.serializeRequest(await recordResourceGauges()) as Uint8Array,
    );
    await fc.assert(
      fc.asyncProperty(fc.nat(), fc.boolean(), async (seed, toMetrics) => {
        const body = toMetrics
          ? mutateBody(
              [{ name: 'metrics', contentType: 'application/x-protobuf', gzip: false, body: metrics }],
              seed,
            )
          : mutateBody(seeds, seed);
        const response = await post(t, body, toMetrics ? '/v1/metrics' : '/v1/traces');
        expect(response.statusCode).toBeLessThan(500);
      }),
      { numRuns: 300 },
    );
  });
});
