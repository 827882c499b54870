/**
 * Reads an OTLP request body, gunzipping it when `Content-Encoding: gzip`,
 * with both the wire size and the decompressed size bounded while streaming:
 * a gzip bomb stops at the limit and never grows memory past it.
 */
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import type { InflightBytes } from './limits/inflight-bytes';

/** `busy`: the bytes in flight for all requests are at their bound (answered 429 + Retry-After). */
export type BodyErrorKind = 'too_large' | 'bad_encoding' | 'unsupported_encoding' | 'busy';

export class BodyError extends Error {
  constructor(
    readonly kind: BodyErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'BodyError';
  }
}

export interface BodyLimits {
  readonly maxBodyBytes: number;
  readonly maxDecompressedBytes: number;
}

/**
 * The body, its bytes taken from `inflight` as they arrive: the caller gives
 * `body.length` back once the request is answered (on an error they are given back here).
 */
export async function readOtlpBody(
  stream: Readable,
  encoding: string | undefined,
  limits: BodyLimits,
  inflight: InflightBytes,
): Promise<Buffer> {
  const normalized = (encoding ?? 'identity').trim().toLowerCase();
  if (normalized === 'identity' || normalized === '')
    return collect(stream, { limit: limits.maxBodyBytes, what: 'body', destroyOnLimit: false, inflight });
  if (normalized !== 'gzip')
    throw new BodyError('unsupported_encoding', `Content-Encoding ${normalized} is not supported`);
  const gunzip = createGunzip();
  let wireBytes = 0;
  stream.on('data', (chunk: Buffer) => {
    wireBytes += chunk.length;
    if (wireBytes > limits.maxBodyBytes) {
      stream.unpipe(gunzip);
      gunzip.destroy(new BodyError('too_large', `body larger than ${limits.maxBodyBytes} bytes`));
    }
  });
  stream.on('error', (error) => gunzip.destroy(error));
  stream.pipe(gunzip);
  try {
    return await collect(gunzip, {
      limit: limits.maxDecompressedBytes,
      what: 'decompressed body',
      destroyOnLimit: true,
      inflight,
    });
  } catch (error) {
    if (error instanceof BodyError) throw error;
    throw new BodyError('bad_encoding', `body is not valid gzip: ${(error as Error).message}`);
  } finally {
    stream.unpipe(gunzip);
    stream.resume();
  }
}

interface CollectOptions {
  readonly limit: number;
  readonly what: string;
  /** Past the limit: destroy the stream (gunzip), or drain the rest (the request). */
  readonly destroyOnLimit: boolean;
  readonly inflight: InflightBytes;
}

/** Collects up to `limit` bytes, each taken from `inflight` (given back if it fails). */
function collect(stream: Readable, options: CollectOptions): Promise<Buffer> {
  const { limit, what, inflight } = options;
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const fail = (error: Error): void => {
      if (settled) return;
      settled = true;
      inflight.give(size);
      chunks.length = 0;
      reject(error);
      if (options.destroyOnLimit) stream.destroy();
    };
    stream.on('data', (chunk: Buffer) => {
      if (settled) return;
      if (size + chunk.length > limit) {
        fail(new BodyError('too_large', `${what} larger than ${limit} bytes`));
        return;
      }
      if (!inflight.tryTake(chunk.length)) {
        fail(new BodyError('busy', 'the analyzer holds as many request bytes as it may; retry later'));
        return;
      }
      size += chunk.length;
      chunks.push(chunk);
    });
    stream.on('error', fail);
    stream.on('end', () => {
      if (settled) return;
      settled = true;
      const body = Buffer.concat(chunks, size);
      chunks.length = 0;
      resolve(body);
    });
  });
}
