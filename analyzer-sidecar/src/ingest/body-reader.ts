/**
 * Reads an OTLP request body, gunzipping it when `Content-Encoding: gzip`,
 * with both the wire size and the decompressed size bounded while streaming:
 * a gzip bomb stops at the limit and never grows memory past it.
 */
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';

export type BodyErrorKind = 'too_large' | 'bad_encoding' | 'unsupported_encoding';

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

export async function readOtlpBody(
  stream: Readable,
  encoding: string | undefined,
  limits: BodyLimits,
): Promise<Buffer> {
  const normalized = (encoding ?? 'identity').trim().toLowerCase();
  if (normalized === 'identity' || normalized === '')
    return collect(stream, limits.maxBodyBytes, 'body', false);
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
    return await collect(gunzip, limits.maxDecompressedBytes, 'decompressed body', true);
  } catch (error) {
    if (error instanceof BodyError) throw error;
    throw new BodyError('bad_encoding', `body is not valid gzip: ${(error as Error).message}`);
  } finally {
    stream.unpipe(gunzip);
    stream.resume();
  }
}

/** Collects up to `limit` bytes; past it, the rest is drained (the request) or the stream destroyed (gunzip). */
function collect(stream: Readable, limit: number, what: string, destroyOnLimit: boolean): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const fail = (error: Error): void => {
      if (settled) return;
      settled = true;
      chunks.length = 0;
      reject(error);
    };
    stream.on('data', (chunk: Buffer) => {
      if (settled) return;
      size += chunk.length;
      if (size > limit) {
        fail(new BodyError('too_large', `${what} larger than ${limit} bytes`));
        if (destroyOnLimit) stream.destroy();
        return;
      }
      chunks.push(chunk);
    });
    stream.on('error', fail);
    stream.on('end', () => {
      if (settled) return;
      settled = true;
      resolve(Buffer.concat(chunks, size));
    });
  });
}
