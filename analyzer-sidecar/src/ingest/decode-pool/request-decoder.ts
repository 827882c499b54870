/** How the ingestor turns a body into records: on the main thread, or in a worker pool (decode-pool). */
import { decodeRequest, type Decoded } from '../decode-request';
import type { DecodeLimits } from '../limits/decode-limits';
import type { OtlpEncoding, OtlpSignal } from '../otlp-response';

export interface RequestDecoder {
  /**
   * Rejects as decodeRequest throws (MalformedOtlpError, DecodeLimitError), or
   * with DecoderUnavailableError when the decoder stopped before answering.
   */
  decode(signal: OtlpSignal, encoding: OtlpEncoding, raw: Buffer): Promise<Decoded>;
  close(): Promise<void>;
}

/** The decoder stopped (a worker died, or the analyzer is closing): nothing of the request was stored. */
export class DecoderUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DecoderUnavailableError';
  }
}

/** Decodes on the calling thread, synchronously (the analyzer with `decodeWorkers: 0`, and unit tests). */
export function inThreadDecoder(limits: DecodeLimits): RequestDecoder {
  return {
    decode: async (signal, encoding, raw) => decodeRequest(signal, encoding, raw, limits),
    close: async () => undefined,
  };
}
