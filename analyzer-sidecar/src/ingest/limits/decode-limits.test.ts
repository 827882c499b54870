import {
  jsonDeepArrays,
  jsonNestedKvlist,
  protobufNestedKvlist,
  field,
} from '../../test-support/hostile-otlp';
import { decodeMetricsJson } from '../otlp-metrics-json';
import { decodeTracesJson } from '../otlp-trace-json';
import { decodeTracesProtobuf } from '../otlp-trace-protobuf';
import { DEFAULT_DECODE_LIMITS, DecodeLimitError, type DecodeLimits } from './decode-limits';

const limits = (overrides: Partial<DecodeLimits>): DecodeLimits => ({
  ...DEFAULT_DECODE_LIMITS,
  ...overrides,
});

function spanJson(spanFields: string, spans = 1): Buffer {
  const span = `{"name":"rpa.step"${spanFields}}`;
  return Buffer.from(`{"resourceSpans":[{"scopeSpans":[{"spans":[${Array(spans).fill(span).join(',')}]}]}]}`);
}

function spanProtobuf(span: Buffer, spans = 1): Buffer {
  return field(1, field(2, Buffer.concat(Array(spans).fill(field(2, span)))));
}

const attribute = (key: string, value: Buffer) =>
  field(9, Buffer.concat([field(1, Buffer.from(key)), field(2, value)]));
const stringValue = (text: string) => field(1, Buffer.from(text));

function limitError(decode: () => unknown): DecodeLimitError {
  try {
    decode();
  } catch (error) {
    if (error instanceof DecodeLimitError) return error;
    throw error;
  }
  throw new Error('decoded within the limits');
}

describe('decode limits', () => {
  test.each([
    [
      'spans (JSON)',
      () => decodeTracesJson(spanJson('', 3), limits({ maxSpans: 2 })),
      'spans',
      /resourceSpans\[0\]\.scopeSpans\[0\]\.spans\[2\].*maxSpans/,
    ],
    [
      'spans (protobuf)',
      () => decodeTracesProtobuf(spanProtobuf(Buffer.alloc(0), 3), limits({ maxSpans: 2 })),
      'spans',
      /ScopeSpans\.spans.*maxSpans/,
    ],
    [
      'attributes (JSON)',
      () =>
        decodeTracesJson(
          spanJson(',"attributes":[{"key":"a"},{"key":"b"},{"key":"c"}]'),
          limits({ maxAttributes: 2 }),
        ),
      'attributes',
      /spans\[0\]\.attributes.*maxAttributes/,
    ],
    [
      'attributes (protobuf)',
      () =>
        decodeTracesProtobuf(
          spanProtobuf(Buffer.concat(['a', 'b', 'c'].map((k) => attribute(k, stringValue('v'))))),
          limits({ maxAttributes: 2 }),
        ),
      'attributes',
      /Span\.attributes.*maxAttributes/,
    ],
    [
      'value size (JSON)',
      () =>
        decodeTracesJson(
          spanJson(',"attributes":[{"key":"a","value":{"stringValue":"xxxxxxxxxx"}}]'),
          limits({ maxAttributeValueBytes: 8 }),
        ),
      'value_size',
      /attributes\[0\]\.value\.stringValue.*maxAttributeValueBytes/,
    ],
    [
      'value size (protobuf)',
      () =>
        decodeTracesProtobuf(
          spanProtobuf(attribute('a', stringValue('xxxxxxxxxx'))),
          limits({ maxAttributeValueBytes: 8 }),
        ),
      'value_size',
      /Span\.attributes.*maxAttributeValueBytes/,
    ],
    [
      'status message size (JSON)',
      () =>
        decodeTracesJson(
          spanJson(',"status":{"message":"xxxxxxxxxx"}'),
          limits({ maxAttributeValueBytes: 8 }),
        ),
      'value_size',
      /status\.message/,
    ],
    [
      'decoded objects (protobuf)',
      () => decodeTracesProtobuf(spanProtobuf(Buffer.alloc(0), 5), limits({ maxDecodedObjects: 4 })),
      'objects',
      /maxDecodedObjects/,
    ],
    [
      'data points (JSON metrics)',
      () =>
        decodeMetricsJson(
          Buffer.from(
            '{"resourceMetrics":[{"scopeMetrics":[{"metrics":[{"name":"m","gauge":{"dataPoints":[{},{}]}}]}]}]}',
          ),
          limits({ maxSpans: 1 }),
        ),
      'spans',
      /dataPoints\[1\]/,
    ],
    [
      'nesting (JSON)',
      () => decodeTracesJson(jsonDeepArrays(3).body, limits({ maxNestingDepth: 2 })),
      'too_deep',
      /arrayValue/,
    ],
  ])('%s: refused with the field named', (_name, decode, kind, message) => {
    const error = limitError(decode);
    expect(error.kind).toBe(kind);
    expect(error.message).toMatch(message);
    expect(error.httpStatus).toBe(kind === 'too_deep' ? 400 : 413);
  });

  it.each([
    ['protobuf', () => decodeTracesProtobuf(protobufNestedKvlist(8).body)],
    ['JSON', () => decodeTracesJson(jsonNestedKvlist(8).body)],
  ])('turns nested kvlists into one JSON text, escaped once (%s)', (_encoding, decode) => {
    const value = decode()[0]?.spans[0]?.attributes.deep;
    expect(typeof value).toBe('string');
    expect((value as string).length).toBeLessThan(200);
    let inner: unknown = JSON.parse(value as string);
    for (let i = 0; i < 8; i++) inner = (inner as Record<string, unknown>)['k"'];
    expect(inner).toBe('"\\"');
  });

  it('keeps within-limit arrays of kvlists as arrays of JSON texts', () => {
    const body = spanJson(
      ',"attributes":[{"key":"a","value":{"arrayValue":{"values":[{"intValue":1},{"kvlistValue":{"values":[{"key":"x","value":{"boolValue":true}}]}}]}}}]',
    );
    expect({ ...decodeTracesJson(body)[0]?.spans[0]?.attributes }).toEqual({ a: [1, '{"x":true}'] });
  });
});
