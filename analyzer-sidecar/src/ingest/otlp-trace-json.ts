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
  parseJsonBody,
  stringField,
  type JsonObject,
} from './otlp-json';
import { newAttributes, type DecodedResourceSpans, type DecodedSpan } from './otlp-types';

export function decodeTracesJson(body: Buffer): DecodedResourceSpans[] {
  const root = parseJsonBody(body);
  return arrayField(root, 'resourceSpans', 'body').map((raw, i) => {
    const path = `resourceSpans[${i}]`;
    const resourceSpans = asObject(raw, path);
    const resourceRaw = ownField(resourceSpans, 'resource');
    const resource =
      resourceRaw === undefined || resourceRaw === null
        ? newAttributes()
        : attributesField(asObject(resourceRaw, `${path}.resource`), 'attributes', `${path}.resource`);
    const spans: DecodedSpan[] = [];
    arrayField(resourceSpans, 'scopeSpans', path).forEach((scopeRaw, j) => {
      const scopePath = `${path}.scopeSpans[${j}]`;
      const scope = asObject(scopeRaw, scopePath);
      arrayField(scope, 'spans', scopePath).forEach((spanRaw, k) => {
        spans.push(readSpan(asObject(spanRaw, `${scopePath}.spans[${k}]`), `${scopePath}.spans[${k}]`));
      });
    });
    return { resource, spans };
  });
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
