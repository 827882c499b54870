/**
 * What crosses between the ingestor and a decode worker. Errors cannot cross
 * as themselves (a structured clone keeps neither their class nor their
 * fields), so the worker describes them and the pool rebuilds the same class.
 */
import type { Decoded } from '../decode-request';
import { DecodeLimitError, type DecodeLimitKind, type DecodeLimits } from '../limits/decode-limits';
import type { OtlpEncoding, OtlpSignal } from '../otlp-response';
import { MalformedOtlpError } from '../otlp-types';

export interface DecodeWorkerData {
  readonly limits: DecodeLimits;
}

export interface DecodeJob {
  readonly signal: OtlpSignal;
  readonly encoding: OtlpEncoding;
  readonly body: Uint8Array;
}

export type DescribedError =
  | {
      readonly type: 'limit';
      readonly kind: DecodeLimitKind;
      readonly field: string;
      readonly message: string;
    }
  | { readonly type: 'malformed'; readonly message: string }
  | { readonly type: 'bug'; readonly message: string; readonly stack: string | undefined };

export type DecodeReply =
  { readonly ok: true; readonly decoded: Decoded } | { readonly ok: false; readonly error: DescribedError };

export function describeError(error: unknown): DescribedError {
  if (error instanceof DecodeLimitError) {
    // The constructor prefixes the field; keep the message it was given.
    const message = error.message.slice(error.field.length + 2);
    return { type: 'limit', kind: error.kind, field: error.field, message };
  }
  if (error instanceof MalformedOtlpError) return { type: 'malformed', message: error.message };
  const bug = error instanceof Error ? error : new Error(String(error));
  return { type: 'bug', message: bug.message, stack: bug.stack };
}

/** The error decodeRequest threw in the worker, as the same class with the same fields. */
export function reviveError(described: DescribedError): Error {
  switch (described.type) {
    case 'limit':
      return new DecodeLimitError(described.kind, described.field, described.message);
    case 'malformed':
      return new MalformedOtlpError(described.message);
    case 'bug': {
      const error = new Error(`decode worker: ${described.message}`);
      if (described.stack !== undefined) error.stack = described.stack;
      return error;
    }
  }
}
