import fc from 'fast-check';
import { ATTR, SPAN_NAMES } from '@rpa-analytics/conventions';
import { decodeRequest } from '../decode-request';
import { DEFAULT_DECODE_LIMITS, DecodeLimitError, type DecodeLimits } from '../limits/decode-limits';
import type { OtlpEncoding } from '../otlp-response';
import {
  jsonNestedKvlist,
  protobufDeepArrays,
  protobufHugeString,
  protobufManySpans,
  protobufNestedKvlist,
} from '../../test-support/hostile-otlp';
import {
  executionSpecs,
  jsonBody,
  protobufBody,
  recordSpans,
  type SpanSpec,
} from '../../test-support/sdk-spans';
import { CRASH_BODY, CRASHING_DECODE_WORKER } from '../../test-support/decode-workers';
import { DecodePool, decodeWorkerEntry } from './decode-pool';
import { DecoderUnavailableError } from './request-decoder';

const LIMITS: DecodeLimits = { ...DEFAULT_DECODE_LIMITS, maxSpans: 200, maxAttributeValueBytes: 4096 };

/** What decoding a body comes to, comparable across threads: the records, or the error's class and fields. */
type Outcome = { decoded: unknown; json: string } | { error: string; message: string; status?: number };

function outcomeOf(run: () => unknown): Outcome {
  try {
    const decoded = run();
    return { decoded, json: JSON.stringify(decoded) };
  } catch (error) {
    return errorOutcome(error);
  }
}

function errorOutcome(error: unknown): Outcome {
  const e = error as Error;
  const status = error instanceof DecodeLimitError ? error.httpStatus : undefined;
  return { error: e.constructor.name, message: e.message, ...(status ? { status } : {}) };
}

async function poolOutcome(pool: DecodePool, encoding: OtlpEncoding, body: Buffer): Promise<Outcome> {
  try {
    const decoded = await pool.decode('traces', encoding, Buffer.from(body));
    return { decoded, json: JSON.stringify(decoded) };
  } catch (error) {
    return errorOutcome(error);
  }
}

const text = fc.string({ unit: 'grapheme', maxLength: 12 });
const executionArb = fc.record({
  id: text,
  workflow: text,
  start: fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2030, 0, 1) }),
  steps: fc.integer({ min: 0, max: 6 }),
  error: fc.option(text, { nil: undefined }),
  context: fc.dictionary(
    fc.constantFrom('__proto__', 'customer', 'region', 'n'),
    fc.oneof(text, fc.double(), fc.boolean()),
  ),
});

type ExecutionDraft = typeof executionArb extends fc.Arbitrary<infer T> ? T : never;

function specsOf(executions: readonly ExecutionDraft[]): SpanSpec[] {
  return executions.flatMap((e) => {
    const specs = executionSpecs(e.id, e.workflow, e.start, e.steps);
    const execution = specs.find((s) => s.name === SPAN_NAMES.execution) as SpanSpec;
    for (const [key, value] of Object.entries(e.context)) execution.attributes[`rpa.context.${key}`] = value;
    if (e.error !== undefined) execution.error = e.error;
    // A wrongly typed attribute now and then: rejected spans must count the same.
    if (e.steps % 3 === 2) execution.attributes[ATTR.workflowId] = 42;
    return specs;
  });
}

/** A body as an exporter would post it, or damaged: a byte flipped, or cut short. */
const bodyArb = fc.record({
  executions: fc.array(executionArb, { minLength: 1, maxLength: 4 }),
  encoding: fc.constantFrom<OtlpEncoding>('protobuf', 'json'),
  damage: fc.option(fc.oneof(fc.record({ flip: fc.nat(), to: fc.nat(255) }), fc.record({ cut: fc.nat() })), {
    nil: undefined,
  }),
});

type BodyDraft = typeof bodyArb extends fc.Arbitrary<infer T> ? T : never;

function bodyOf({ executions, encoding, damage }: BodyDraft): Buffer {
  const spans = recordSpans(specsOf(executions));
  const body = encoding === 'protobuf' ? protobufBody(spans) : jsonBody(spans);
  if (damage === undefined || body.length === 0) return body;
  if ('cut' in damage) return body.subarray(0, damage.cut % body.length);
  const out = Buffer.from(body);
  out[damage.flip % out.length] = damage.to;
  return out;
}

describe('DecodePool', () => {
  let pool: DecodePool;
  beforeAll(() => {
    pool = new DecodePool(2, LIMITS, decodeWorkerEntry());
  });
  afterAll(() => pool.close());

  it('gives what decoding on the main thread gives, records or error, for any body (Property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(bodyArb, { minLength: 1, maxLength: 4 }), async (requests) => {
        const bodies = requests.map((r) => [r.encoding, bodyOf(r)] as const);
        // Several at once: each answer must be its own body's.
        const fromPool = await Promise.all(
          bodies.map(([encoding, body]) => poolOutcome(pool, encoding, body)),
        );
        bodies.forEach(([encoding, body], i) => {
          const inThread = outcomeOf(() => decodeRequest('traces', encoding, body, LIMITS));
          expect(fromPool[i]).toEqual(inThread);
        });
      }),
      { numRuns: 60 },
    );
  });

  it.each([
    ['protobuf kvlist nested 26 deep', protobufNestedKvlist(26)],
    ['JSON kvlist nested 24 deep', jsonNestedKvlist(24)],
    ['protobuf array_value nested 5,000 deep', protobufDeepArrays(5000)],
    ['protobuf 1,000 empty spans', protobufManySpans(1000)],
    ['protobuf 64 KiB string attribute', protobufHugeString(64 * 1024)],
  ])('refuses a hostile body (%s) as the main thread does', async (_name, hostile) => {
    const { gunzipSync } = await import('node:zlib');
    const body = hostile.gzip ? gunzipSync(hostile.body) : hostile.body;
    const encoding: OtlpEncoding = hostile.contentType === 'application/json' ? 'json' : 'protobuf';
    const inThread = outcomeOf(() => decodeRequest('traces', encoding, body, LIMITS));
    expect(inThread).toHaveProperty('error');
    expect(await poolOutcome(pool, encoding, body)).toEqual(inThread);
  });

  it('moves a body that owns its memory to the worker instead of copying it', async () => {
    const body = Buffer.concat([
      protobufBody(recordSpans(executionSpecs('e', 'w', Date.UTC(2026, 0, 1), 40))),
    ]);
    expect(body.byteLength).toBeGreaterThan(4096);
    const expected = decodeRequest('traces', 'protobuf', Buffer.from(body), LIMITS);
    expect(await pool.decode('traces', 'protobuf', body)).toEqual(expected);
    expect(body.byteLength).toBe(0);
  });
});

describe('DecodePool when a worker dies', () => {
  const good = protobufBody(recordSpans(executionSpecs('exec-ok', 'wf', Date.UTC(2026, 0, 1), 3)));

  it('fails only the request it was decoding, and a new worker decodes the next ones', async () => {
    const pool = new DecodePool(1, LIMITS, CRASHING_DECODE_WORKER);
    try {
      const expected = decodeRequest('traces', 'protobuf', good, LIMITS);
      // One worker: the crash is decoded first, the two others wait in the queue behind it.
      const [crashed, ...after] = await Promise.allSettled([
        pool.decode('traces', 'protobuf', Buffer.from(CRASH_BODY)),
        pool.decode('traces', 'protobuf', Buffer.from(good)),
        pool.decode('traces', 'protobuf', Buffer.from(good)),
      ]);
      expect(crashed.status).toBe('rejected');
      expect((crashed as PromiseRejectedResult).reason).toBeInstanceOf(DecoderUnavailableError);
      expect((crashed as PromiseRejectedResult).reason.message).toMatch(
        /exited \(code 70\); nothing of this request was stored/,
      );
      for (const outcome of after) expect(outcome).toEqual({ status: 'fulfilled', value: expected });
    } finally {
      await pool.close();
    }
  });

  it('after close, refuses new bodies and fails those still waiting', async () => {
    const pool = new DecodePool(1, LIMITS, decodeWorkerEntry());
    const failure = (body: Buffer) =>
      pool.decode('traces', 'protobuf', body).then(
        () => 'decoded',
        (e) => e,
      );
    const first = failure(Buffer.from(good));
    const waiting = failure(Buffer.from(good));
    expect(pool.waiting).toBe(1);
    await pool.close();
    expect(await waiting).toBeInstanceOf(DecoderUnavailableError);
    expect(await first).toBeInstanceOf(DecoderUnavailableError);
    await expect(pool.decode('traces', 'protobuf', Buffer.from(good))).rejects.toThrow(/shutting down/);
  });
});
