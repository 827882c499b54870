/** Decodes `ExportTraceServiceRequest` from OTLP/JSON into the same shape as the protobuf decoder. */
import { durationMs, halvesToMs } from './proto-reader';
import {
  arrayField,
  asObject,
  attributesField,
  boundedStringField,
  hexField,
  integerField,
  nanosField,
  ownField,
  readEnvelopes,
  stringField,
  type JsonObject,
} from './otlp-json';
import type { DecodeBudget } from './limits/decode-budget';
import { DEFAULT_DECODE_LIMITS, type DecodeLimits } from './limits/decode-limits';
import type { DecodedResourceSpans, DecodedSpan } from './otlp-types';

const KEYS = { resource: 'resourceSpans', scope: 'scopeSpans', item: 'spans' } as const;

/** Throws MalformedOtlpError (400) or DecodeLimitError (413, or 400 when too deep). */
export function decodeTracesJson(
  body: Buffer,
  limits: DecodeLimits = DEFAULT_DECODE_LIMITS,
): DecodedResourceSpans[] {
  return readEnvelopes(body, KEYS, limits, readSpan).map(({ resource, items }) => ({
    resource,
    spans: items,
  }));
}

function readSpan(span: JsonObject, path: string, budget: DecodeBudget): DecodedSpan {
  budget.span(path);
  const start = nanosField(span, 'startTimeUnixNano', path);
  const end = nanosField(span, 'endTimeUnixNano', path);
  const statusRaw = ownField(span, 'status');
  const status = statusRaw === undefined || statusRaw === null ? {} : asObject(statusRaw, `${path}.status`);
  return {
    traceId: hexField(span, 'traceId', path),
    spanId: hexField(span, 'spanId', path),
    parentSpanId: hexField(span, 'parentSpanId', path),
    name: boundedStringField(span, 'name', path, budget),
    startMs: halvesToMs(start[0], start[1]),
    endMs: halvesToMs(end[0], end[1]),
    durationMs: durationMs(start, end),
    attributes: attributesField(span, 'attributes', path, budget),
    statusCode: readStatusCode(status, `${path}.status`),
    statusMessage: boundedStringField(status, 'message', `${path}.status`, budget),
    exception: readException(span, path, budget),
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

function readException(span: JsonObject, path: string, budget: DecodeBudget): DecodedSpan['exception'] {
  for (const [i, raw] of arrayField(span, 'events', path).entries()) {
    const event = asObject(raw, `${path}.events[${i}]`);
    if (stringField(event, 'name', `${path}.events[${i}]`) === 'exception') {
      return attributesField(event, 'attributes', `${path}.events[${i}]`, budget);
    }
  }
  return undefined;
}
