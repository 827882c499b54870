/**
 * OTLP data as decoded from either encoding, reduced to what the analyzer reads.
 * Attribute maps have no prototype, so a `__proto__` key is a plain key.
 */
export type AttributeValue = string | number | boolean | AttributeValue[] | null;
export type Attributes = Record<string, AttributeValue>;

export interface DecodedSpan {
  /** Lower-case hex, empty when absent. */
  traceId: string;
  spanId: string;
  parentSpanId: string;
  name: string;
  /** Epoch milliseconds (floored). */
  startMs: number;
  endMs: number;
  /** End minus start, in milliseconds, from the exact nanosecond difference. */
  durationMs: number;
  attributes: Attributes;
  /** OTLP status code: 0 unset, 1 ok, 2 error. */
  statusCode: number;
  statusMessage: string;
  /** Attributes of the span's `exception` event, when it has one. */
  exception: Attributes | undefined;
}

export interface DecodedResourceSpans {
  resource: Attributes;
  spans: DecodedSpan[];
}

export interface DecodedDataPoint {
  attributes: Attributes;
  timeMs: number;
  value: number;
}

export interface DecodedMetric {
  name: string;
  points: DecodedDataPoint[];
}

export interface DecodedResourceMetrics {
  resource: Attributes;
  metrics: DecodedMetric[];
}

/** A body that is not a valid OTLP message: answered 400. */
export class MalformedOtlpError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MalformedOtlpError';
  }
}

export function newAttributes(): Attributes {
  return Object.create(null) as Attributes;
}
