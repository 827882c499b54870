/**
 * OTLP/HTTP response bodies (https://opentelemetry.io/docs/specs/otlp/#otlphttp-response),
 * encoded like the request: `Export*ServiceResponse` with `partial_success`, and
 * `google.rpc.Status` for errors.
 */
export type OtlpEncoding = 'protobuf' | 'json';
export type OtlpSignal = 'traces' | 'metrics';

export const OTLP_CONTENT_TYPE: Readonly<Record<OtlpEncoding, string>> = {
  protobuf: 'application/x-protobuf',
  json: 'application/json',
};

/** The encoding a Content-Type header asks for, or undefined for any other type. */
export function encodingOf(contentType: string | undefined): OtlpEncoding | undefined {
  const mediaType = (contentType ?? '').split(';')[0]?.trim().toLowerCase();
  if (mediaType === OTLP_CONTENT_TYPE.protobuf) return 'protobuf';
  if (mediaType === OTLP_CONTENT_TYPE.json) return 'json';
  return undefined;
}

/** Success, or partial success when `rejected` > 0. */
export function encodeExportResponse(
  encoding: OtlpEncoding,
  signal: OtlpSignal,
  rejected: number,
  errorMessage: string | undefined,
): Buffer | string {
  if (encoding === 'json') {
    if (rejected === 0 && !errorMessage) return '{}';
    const countKey = signal === 'traces' ? 'rejectedSpans' : 'rejectedDataPoints';
    return JSON.stringify({
      partialSuccess: { [countKey]: String(rejected), errorMessage: errorMessage ?? '' },
    });
  }
  if (rejected === 0 && !errorMessage) return Buffer.alloc(0);
  const inner = Buffer.concat([
    rejected > 0 ? Buffer.concat([Buffer.from([0x08]), varint(rejected)]) : Buffer.alloc(0),
    errorMessage ? lengthDelimited(2, Buffer.from(errorMessage, 'utf8')) : Buffer.alloc(0),
  ]);
  return lengthDelimited(1, inner);
}

/** A `google.rpc.Status` error body. */
export function encodeStatus(encoding: OtlpEncoding, code: number, message: string): Buffer | string {
  if (encoding === 'json') return JSON.stringify({ code, message });
  return Buffer.concat([Buffer.from([0x08]), varint(code), lengthDelimited(2, Buffer.from(message, 'utf8'))]);
}

function lengthDelimited(field: number, payload: Buffer): Buffer {
  return Buffer.concat([varint((field << 3) | 2), varint(payload.length), payload]);
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
