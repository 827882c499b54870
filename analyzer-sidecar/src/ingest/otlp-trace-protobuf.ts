/**
 * Decodes `ExportTraceServiceRequest` (opentelemetry-proto `collector/trace/v1`,
 * `trace/v1/trace.proto`) from protobuf, reading only what the analyzer uses.
 */
import { DecodeBudget } from './limits/decode-budget';
import { DEFAULT_DECODE_LIMITS, type DecodeLimits } from './limits/decode-limits';
import { readKeyValue, readResource } from './otlp-attributes-protobuf';
import { durationMs, halvesToMs, ProtoReader, WIRE } from './proto-reader';
import { newAttributes, type Attributes, type DecodedResourceSpans, type DecodedSpan } from './otlp-types';

const ZERO: [number, number] = [0, 0];

/** Throws MalformedOtlpError (400) or DecodeLimitError (413, or 400 when too deep). */
export function decodeTracesProtobuf(
  body: Buffer,
  limits: DecodeLimits = DEFAULT_DECODE_LIMITS,
): DecodedResourceSpans[] {
  const reader = new ProtoReader(body, 0, body.length, new DecodeBudget(limits));
  const result: DecodedResourceSpans[] = [];
  while (!reader.done()) {
    const tag = reader.uint();
    if (tag >>> 3 === 1) {
      reader.expect(tag & 7, WIRE.len, 'resource_spans');
      result.push(readResourceSpans(reader.message('resource_spans')));
    } else reader.skip(tag & 7);
  }
  return result;
}

function readResourceSpans(reader: ProtoReader): DecodedResourceSpans {
  let resource: Attributes = newAttributes();
  const spans: DecodedSpan[] = [];
  while (!reader.done()) {
    const tag = reader.uint();
    const field = tag >>> 3;
    if (field === 1) {
      reader.expect(tag & 7, WIRE.len, 'ResourceSpans.resource');
      resource = readResource(reader.message('ResourceSpans.resource'));
    } else if (field === 2) {
      reader.expect(tag & 7, WIRE.len, 'ResourceSpans.scope_spans');
      readScopeSpans(reader.message('ResourceSpans.scope_spans'), spans);
    } else reader.skip(tag & 7);
  }
  return { resource, spans };
}

function readScopeSpans(reader: ProtoReader, into: DecodedSpan[]): void {
  while (!reader.done()) {
    const tag = reader.uint();
    if (tag >>> 3 === 2) {
      reader.expect(tag & 7, WIRE.len, 'ScopeSpans.spans');
      reader.budget.span('ScopeSpans.spans');
      into.push(readSpan(reader.message('ScopeSpans.spans')));
    } else reader.skip(tag & 7);
  }
}

function readSpan(reader: ProtoReader): DecodedSpan {
  const span: DecodedSpan = {
    traceId: '',
    spanId: '',
    parentSpanId: '',
    name: '',
    startMs: 0,
    endMs: 0,
    durationMs: 0,
    attributes: newAttributes(),
    statusCode: 0,
    statusMessage: '',
    exception: undefined,
  };
  let start = ZERO;
  let end = ZERO;
  let attributes = 0;
  while (!reader.done()) {
    const tag = reader.uint();
    const wire = tag & 7;
    switch (tag >>> 3) {
      case 1:
        reader.expect(wire, WIRE.len, 'Span.trace_id');
        span.traceId = reader.hex();
        break;
      case 2:
        reader.expect(wire, WIRE.len, 'Span.span_id');
        span.spanId = reader.hex();
        break;
      case 4:
        reader.expect(wire, WIRE.len, 'Span.parent_span_id');
        span.parentSpanId = reader.hex();
        break;
      case 5:
        reader.expect(wire, WIRE.len, 'Span.name');
        span.name = reader.boundedString('Span.name');
        break;
      case 7:
        reader.expect(wire, WIRE.fixed64, 'Span.start_time_unix_nano');
        start = reader.fixed64Halves();
        break;
      case 8:
        reader.expect(wire, WIRE.fixed64, 'Span.end_time_unix_nano');
        end = reader.fixed64Halves();
        break;
      case 9:
        reader.expect(wire, WIRE.len, 'Span.attributes');
        attributes = readKeyValue(
          reader.message('Span.attributes'),
          span.attributes,
          attributes,
          'Span.attributes',
        );
        break;
      case 11:
        reader.expect(wire, WIRE.len, 'Span.events');
        readEvent(reader.message('Span.events'), span);
        break;
      case 15:
        reader.expect(wire, WIRE.len, 'Span.status');
        readStatus(reader.message('Span.status'), span);
        break;
      default:
        reader.skip(wire);
    }
  }
  span.startMs = halvesToMs(start[0], start[1]);
  span.endMs = halvesToMs(end[0], end[1]);
  span.durationMs = durationMs(start, end);
  return span;
}

function readStatus(reader: ProtoReader, span: DecodedSpan): void {
  while (!reader.done()) {
    const tag = reader.uint();
    const field = tag >>> 3;
    if (field === 2) {
      reader.expect(tag & 7, WIRE.len, 'Status.message');
      span.statusMessage = reader.boundedString('Status.message');
    } else if (field === 3) {
      reader.expect(tag & 7, WIRE.varint, 'Status.code');
      span.statusCode = reader.uint();
    } else reader.skip(tag & 7);
  }
}

/** Keeps the attributes of an `exception` event (OpenTelemetry's exception semantic conventions). */
function readEvent(reader: ProtoReader, span: DecodedSpan): void {
  let name = '';
  const attributes = newAttributes();
  let count = 0;
  while (!reader.done()) {
    const tag = reader.uint();
    const field = tag >>> 3;
    if (field === 2) {
      reader.expect(tag & 7, WIRE.len, 'Event.name');
      name = reader.boundedString('Event.name');
    } else if (field === 3) {
      reader.expect(tag & 7, WIRE.len, 'Event.attributes');
      count = readKeyValue(reader.message('Event.attributes'), attributes, count, 'Event.attributes');
    } else reader.skip(tag & 7);
  }
  if (name === 'exception' && span.exception === undefined) span.exception = attributes;
}
