/**
 * Counts what one request has decoded so far against its DecodeLimits; the
 * decoders call it before they allocate, so a hostile body stops at the limit.
 */
import { DecodeLimitError, type DecodeLimits } from './decode-limits';

export class DecodeBudget {
  private objects = 0;
  private spans = 0;

  constructor(readonly limits: DecodeLimits) {}

  /** One more decoded object (a message, or a JSON value). */
  object(field: string): void {
    if (++this.objects > this.limits.maxDecodedObjects) {
      throw new DecodeLimitError(
        'objects',
        field,
        `more than ${this.limits.maxDecodedObjects} decoded objects in one request (maxDecodedObjects)`,
      );
    }
  }

  /** One more span or data point. */
  span(field: string): void {
    if (++this.spans > this.limits.maxSpans) {
      throw new DecodeLimitError(
        'spans',
        field,
        `more than ${this.limits.maxSpans} in one request (maxSpans)`,
      );
    }
  }

  /** `count` attributes (or list entries) so far in one list. */
  attributes(count: number, field: string): void {
    if (count > this.limits.maxAttributes) {
      throw new DecodeLimitError(
        'attributes',
        field,
        `more than ${this.limits.maxAttributes} entries (maxAttributes)`,
      );
    }
  }

  /** A string value of `bytes` bytes (UTF-8, or UTF-16 code units for JSON text). */
  valueSize(bytes: number, field: string): void {
    if (bytes > this.limits.maxAttributeValueBytes) {
      throw new DecodeLimitError(
        'value_size',
        field,
        `value of ${bytes} bytes, more than ${this.limits.maxAttributeValueBytes} (maxAttributeValueBytes)`,
      );
    }
  }

  /** An AnyValue at nesting `depth` (0 for an attribute's own value). */
  depth(depth: number, field: string): void {
    if (depth > this.limits.maxNestingDepth) {
      throw new DecodeLimitError(
        'too_deep',
        field,
        `array/kvlist values nested deeper than ${this.limits.maxNestingDepth} (maxNestingDepth)`,
      );
    }
  }
}
