/**
 * Limits applied while an OTLP body is decoded, so that what a request costs in
 * memory is bounded by these numbers and not by how well it compresses or nests.
 */
export interface DecodeLimits {
  /** Decoded objects per request: protobuf messages, or JSON objects, arrays and strings. */
  readonly maxDecodedObjects: number;
  /** Spans (traces) or data points (metrics) per request. */
  readonly maxSpans: number;
  /** Attributes of one span, event or resource; entries of one kvlist or array value. */
  readonly maxAttributes: number;
  /** Bytes of one attribute value (a kvlist or array value as its JSON text), span name or status message. */
  readonly maxAttributeValueBytes: number;
  /** Nesting of `AnyValue` (array and kvlist values inside each other). */
  readonly maxNestingDepth: number;
}

export const DEFAULT_DECODE_LIMITS: DecodeLimits = {
  maxDecodedObjects: 500_000,
  maxSpans: 50_000,
  maxAttributes: 256,
  maxAttributeValueBytes: 256 * 1024,
  maxNestingDepth: 8,
};

/** Which limit a body broke: `too_deep` is answered 400, the others 413. */
export type DecodeLimitKind = 'objects' | 'spans' | 'attributes' | 'value_size' | 'too_deep';

/** A body within the byte limits whose decoded content is over a DecodeLimits bound. */
export class DecodeLimitError extends Error {
  constructor(
    readonly kind: DecodeLimitKind,
    /** The field (OTLP/JSON path or protobuf message field) where the limit was reached. */
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
    this.name = 'DecodeLimitError';
  }

  get httpStatus(): 400 | 413 {
    return this.kind === 'too_deep' ? 400 : 413;
  }
}
