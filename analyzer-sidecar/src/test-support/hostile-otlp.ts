/**
 * OTLP bodies an attacker would send: bombs that are small on the wire and huge
 * once decoded, deep nesting, oversized values. Shared by the tests and
 * `bench/hostile-bench.ts`.
 */
import { gzipSync } from 'node:zlib';

export interface HostileBody {
  readonly name: string;
  readonly contentType: 'application/json' | 'application/x-protobuf';
  readonly gzip: boolean;
  readonly body: Buffer;
}

const JSON_TYPE = 'application/json';
const PROTOBUF = 'application/x-protobuf';
const MIB = 1024 * 1024;

/** `{"resourceSpans":[{},{},…]}` inflating to about `mib` MiB. */
export function jsonEmptyObjectsBomb(mib = 63): HostileBody {
  const count = Math.floor((mib * MIB) / 3);
  const text = `{"resourceSpans":[${'{},'.repeat(count - 1)}{}]}`;
  return {
    name: `JSON {} ×${count} (gzip)`,
    contentType: JSON_TYPE,
    gzip: true,
    body: gzipSync(text, { level: 9 }),
  };
}

/** Protobuf `0a 00` repeated: empty ResourceSpans, inflating to about `mib` MiB. */
export function protobufEmptyMessagesBomb(mib = 63): HostileBody {
  const raw = Buffer.alloc(Math.floor((mib * MIB) / 2) * 2);
  for (let i = 0; i < raw.length; i += 2) raw[i] = 0x0a;
  return {
    name: `protobuf 0a00 ×${raw.length / 2} (gzip)`,
    contentType: PROTOBUF,
    gzip: true,
    body: gzipSync(raw, { level: 9 }),
  };
}

/**
 * A span attribute whose value nests kvlists `depth` levels deep (protobuf): a
 * string with quotes that each level of JSON text escaped again, once.
 */
export function protobufNestedKvlist(depth: number): HostileBody {
  let value = field(1, Buffer.from('"\\"')); // AnyValue.string_value
  for (let i = 0; i < depth; i++) {
    const entry = Buffer.concat([field(1, Buffer.from('k"')), field(2, value)]);
    value = field(6, field(1, entry));
  }
  const attribute = Buffer.concat([field(1, Buffer.from('deep')), field(2, value)]);
  const span = Buffer.concat([field(5, Buffer.from('rpa.step')), field(9, attribute)]);
  return {
    name: `protobuf kvlist depth ${depth}`,
    contentType: PROTOBUF,
    gzip: false,
    body: spanRequest(span),
  };
}

/** The same as JSON. */
export function jsonNestedKvlist(depth: number): HostileBody {
  let value = '{"stringValue":"\\"\\\\\\""}';
  for (let i = 0; i < depth; i++) value = `{"kvlistValue":{"values":[{"key":"k\\"","value":${value}}]}}`;
  return {
    name: `JSON kvlist depth ${depth}`,
    contentType: JSON_TYPE,
    gzip: false,
    body: Buffer.from(jsonSpanRequest(`"attributes":[{"key":"deep","value":${value}}]`)),
  };
}

/** An attribute value of arrays nested `depth` deep (JSON). */
export function jsonDeepArrays(depth: number): HostileBody {
  const value = `${'{"arrayValue":{"values":['.repeat(depth)}{"intValue":1}${']}}'.repeat(depth)}`;
  return {
    name: `JSON arrays depth ${depth}`,
    contentType: JSON_TYPE,
    gzip: false,
    body: Buffer.from(jsonSpanRequest(`"attributes":[{"key":"deep","value":${value}}]`)),
  };
}

/** Plain JSON arrays nested `depth` deep anywhere in the body. */
export function jsonDeepBrackets(depth: number): HostileBody {
  return {
    name: `JSON [[[…]]] depth ${depth}`,
    contentType: JSON_TYPE,
    gzip: false,
    body: Buffer.from(`{"resourceSpans":${'['.repeat(depth)}${']'.repeat(depth)}}`),
  };
}

/** An attribute value of arrays nested `depth` deep (protobuf). */
export function protobufDeepArrays(depth: number): HostileBody {
  let value: Buffer = Buffer.from([0x18, 0x01]); // AnyValue.int_value = 1
  for (let i = 0; i < depth; i++) value = field(5, field(1, value));
  const attribute = Buffer.concat([field(1, Buffer.from('deep')), field(2, value)]);
  const span = Buffer.concat([field(5, Buffer.from('rpa.step')), field(9, attribute)]);
  return {
    name: `protobuf arrays depth ${depth}`,
    contentType: PROTOBUF,
    gzip: false,
    body: spanRequest(span),
  };
}

/** `count` empty spans in one scope (protobuf, gzip). */
export function protobufManySpans(count: number): HostileBody {
  const spans = Buffer.alloc(count * 2);
  for (let i = 0; i < spans.length; i += 2) spans[i] = 0x12; // ScopeSpans.spans, length 0
  return {
    name: `protobuf ${count} empty spans (gzip)`,
    contentType: PROTOBUF,
    gzip: true,
    body: gzipSync(field(1, field(2, spans)), { level: 9 }),
  };
}

/** One span with `count` attributes (JSON, gzip). */
export function jsonManyAttributes(count: number): HostileBody {
  const attribute = '{"key":"a","value":{"intValue":"1"}},';
  const list = attribute.repeat(count).slice(0, -1);
  return {
    name: `JSON ${count} attributes on one span (gzip)`,
    contentType: JSON_TYPE,
    gzip: true,
    body: gzipSync(jsonSpanRequest(`"attributes":[${list}]`), { level: 9 }),
  };
}

/** One span with a string attribute of `bytes` bytes (protobuf, gzip). */
export function protobufHugeString(bytes: number): HostileBody {
  const attribute = Buffer.concat([
    field(1, Buffer.from('rpa.context.note')),
    field(2, field(1, Buffer.alloc(bytes, 0x61))),
  ]);
  const span = Buffer.concat([field(5, Buffer.from('rpa.step')), field(9, attribute)]);
  return {
    name: `protobuf ${bytes}-byte string attribute (gzip)`,
    contentType: PROTOBUF,
    gzip: true,
    body: gzipSync(spanRequest(span), { level: 9 }),
  };
}

/** Every hostile body, at the sizes the issue reported, built when called. */
export const HOSTILE_BODIES: ReadonlyArray<readonly [string, () => HostileBody]> = [
  ['JSON {"resourceSpans":[{},{},…]} bomb, 64 KB gzip → 63 MiB', () => jsonEmptyObjectsBomb()],
  ['protobuf 0a 00 repeated, 64 KB gzip → 63 MiB', () => protobufEmptyMessagesBomb()],
  ['protobuf kvlist nested 24 deep', () => protobufNestedKvlist(24)],
  ['protobuf kvlist nested 26 deep', () => protobufNestedKvlist(26)],
  ['JSON kvlist nested 24 deep', () => jsonNestedKvlist(24)],
  ['JSON arrayValue nested 5,000 deep', () => jsonDeepArrays(5000)],
  ['JSON [[[…]]] 100,000 deep', () => jsonDeepBrackets(100_000)],
  ['protobuf array_value nested 5,000 deep', () => protobufDeepArrays(5000)],
  ['protobuf 20 M empty spans, gzip', () => protobufManySpans(20_000_000)],
  ['JSON 1 M attributes on one span, gzip', () => jsonManyAttributes(1_000_000)],
  ['protobuf 60 MiB string attribute, gzip', () => protobufHugeString(60 * MIB)],
];

function spanRequest(span: Buffer): Buffer {
  return field(1, field(2, field(2, span)));
}

function jsonSpanRequest(spanFields: string): string {
  return `{"resourceSpans":[{"scopeSpans":[{"spans":[{"name":"rpa.step",${spanFields}}]}]}]}`;
}

/** A length-delimited protobuf field. */
export function field(number: number, payload: Buffer): Buffer {
  return Buffer.concat([varint((number << 3) | 2), varint(payload.length), payload]);
}

function varint(value: number): Buffer {
  const bytes: number[] = [];
  let rest = value;
  while (rest >= 0x80) {
    bytes.push((rest % 128) | 0x80);
    rest = Math.floor(rest / 128);
  }
  bytes.push(rest);
  return Buffer.from(bytes);
}
