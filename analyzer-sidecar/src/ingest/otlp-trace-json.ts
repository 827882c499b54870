/** Decodes `ExportTraceServiceRequest` from OTLP/JSON into the same shape as the protobuf decoder. */
import { durationMs, halvesToMs } from './proto-reader';
import {
  arrayField,
  asObject,
  attributesField,
  hexField,
  integerField,
  nanosField,
  ownField,
  readEnvelopes,
  stringField,
  type JsonObject,
} from './otlp-json';
import type { DecodedResourceSpans, DecodedSpan } from './otlp-types';

export function decodeTracesJson(body: Buffer): DecodedResourceSpans[] {
  return readEnvelopes(body, { resource: 'resourceSpans', scope: 'scopeSpans', item: 'spans' }, readSpan).map(
    ({ resource, items }) => ({ resource, spans: items }),
  );
}

function readSpan(span: JsonObject, path: string): DecodedSpan {
  const start = nanosField(span, 'startTimeUnixNano', path);
  const end = nanosField(span, 'endTimeUnixNano', path);
  const statusRaw = ownField(span, 'status');
  const status = statusRaw === undefined || statusRaw === null ? {} : asObject(statusRaw, `${path}.status`);
  return {
    traceId: hexField(span, 'traceId', path),
    spanId: hexField(span, 'spanId', path),
    parentSpanId: hexField(span, 'parentSpanId', path),
    name: stringField(span, 'name', path),
    startMs: halvesToMs(start[0], start[1]),
    endMs: halvesToMs(end[0], end[1]),
    durationMs: durationMs(start, end),
    attributes: attributesField(span, 'attributes', path),
    statusCode: readStatusCode(status, `${path}.status`),
    statusMessage: stringField(status, 'message', `${path}.status`),
    exception: readException(span, path),
  };
}

const STATUS_NAMES: Readonly<Record<string, number>> = {
  STATUS_CODE_UNSET: 0,
  STATUS_CODE_OK: 1,
  STATUS_CODE_ERROR: 2,
};

function readStatusCode(status: JsonObject, path: string): number {
  const code = ownField(status, 'code');
  if (typeof code === 'string' && Object.prototype.hasOwnProperty.call(STATUS_NAMES, code))
    return STATUS_NAMES[code] as number;
  return integerField(status, 'code', path);
}

function readException(span: JsonObject, path: string): DecodedSpan['exception'] {
  for (const [i, raw] of arrayField(span, 'events', path).entries()) {
    const event = asObject(raw, `${path}.events[${i}]`);
    if (stringField(event, 'name', `${path}.events[${i}]`) === 'exception') {
      return attributesField(event, 'attributes', `${path}.events[${i}]`);
    }
  }
  return undefined;
}
