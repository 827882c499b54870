import { hrTimeToMilliseconds } from '@opentelemetry/core';
import fc from 'fast-check';
import { ATTR, SPAN_NAMES } from '@rpa-analytics/conventions';
import { executionSpecs, jsonBody, protobufBody, recordSpans } from '../test-support/sdk-spans';
import { decodeTracesJson } from './otlp-trace-json';
import { decodeTracesProtobuf } from './otlp-trace-protobuf';
import { MalformedOtlpError } from './otlp-types';

const START = Date.UTC(2026, 10, 23, 12, 0, 0, 123);

describe('OTLP trace decoders', () => {
  const spans = recordSpans(
    [
      ...executionSpecs('exec-1', 'wf-login', START, 3),
      {
        name: SPAN_NAMES.step,
        startMs: START + 100,
        durationMs: 1.25,
        error: 'element #ok not found',
        attributes: {
          [ATTR.workflowId]: 'wf-login',
          [ATTR.executionId]: 'exec-1',
          [ATTR.stepId]: 'exec-1/9',
          [ATTR.stepActionType]: 'click',
          'array.attr': ['a', 'b'],
          'big.int': 2 ** 40,
          'neg.int': -5,
          'bool.attr': true,
        } as Record<string, unknown> as never,
      },
    ],
    { 'service.name': 'executor-7', 'host.name': 'bot-1' },
  );

  it.each([
    ['protobuf', () => decodeTracesProtobuf(protobufBody(spans))],
    ['json', () => decodeTracesJson(jsonBody(spans))],
  ])('decodes what the SDK exporter posts (%s)', (_encoding, decode) => {
    const [resourceSpans] = decode();
    expect(resourceSpans?.resource['service.name']).toBe('executor-7');
    expect(resourceSpans?.spans).toHaveLength(spans.length);
    resourceSpans?.spans.forEach((decoded, i) => {
      const original = spans[i]!;
      expect(decoded.name).toBe(original.name);
      expect(decoded.traceId).toBe(original.spanContext().traceId);
      expect(decoded.spanId).toBe(original.spanContext().spanId);
      expect(decoded.startMs).toBe(Math.floor(hrTimeToMilliseconds(original.startTime)));
      expect(decoded.durationMs).toBeCloseTo(hrTimeToMilliseconds(original.duration), 6);
      expect({ ...decoded.attributes }).toEqual({ ...original.attributes });
      expect(decoded.statusCode).toBe(original.status.code);
    });
    const failed = resourceSpans?.spans[4];
    expect(failed?.statusMessage).toBe('element #ok not found');
    expect(failed?.exception?.['exception.message']).toBe('element #ok not found');
    expect(Object.getPrototypeOf(failed?.attributes)).toBeNull();
  });

  it('keeps a __proto__ attribute key as a plain key', () => {
    const body =
      '{"resourceSpans":[{"scopeSpans":[{"spans":[{"name":"x","attributes":[{"key":"__proto__","value":{"stringValue":"p"}}]}]}]}]}';
    const [decoded] = decodeTracesJson(Buffer.from(body));
    const attributes = decoded?.spans[0]?.attributes;
    expect(Object.getPrototypeOf(attributes)).toBeNull();
    expect(Object.keys(attributes ?? {})).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).p).toBeUndefined();
  });

  it('decodes protobuf and JSON bodies of random spans identically', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            name: fc.string(),
            startMs: fc.integer({ min: 0, max: 4_000_000_000_000 }),
            durationMs: fc.integer({ min: 0, max: 10_000_000 }),
            attributes: fc.dictionary(
              fc.string(),
              fc.oneof(
                fc.string(),
                fc.boolean(),
                fc.integer(),
                fc.double({ noNaN: true, noDefaultInfinity: true }),
              ),
            ),
          }),
          { maxLength: 8 },
        ),
        (specs) => {
          const recorded = recordSpans(specs);
          expect(decodeTracesProtobuf(protobufBody(recorded))).toEqual(decodeTracesJson(jsonBody(recorded)));
        },
      ),
      { numRuns: 100 },
    );
  });

  it('refuses random bytes and truncated bodies with MalformedOtlpError only', () => {
    const body = protobufBody(spans);
    fc.assert(
      fc.property(
        fc.oneof(
          fc.uint8Array({ maxLength: 512 }),
          fc.integer({ min: 1, max: body.length - 1 }).map((n) => body.subarray(0, n)),
        ),
        (bytes) => {
          try {
            decodeTracesProtobuf(Buffer.from(bytes));
          } catch (error) {
            expect(error).toBeInstanceOf(MalformedOtlpError);
          }
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('refuses JSON of the wrong shape with MalformedOtlpError only', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        try {
          decodeTracesJson(
            Buffer.from(JSON.stringify({ resourceSpans: [{ scopeSpans: [{ spans: [value] }] }] })),
          );
        } catch (error) {
          expect(error).toBeInstanceOf(MalformedOtlpError);
        }
      }),
      { numRuns: 1000 },
    );
  });
});
