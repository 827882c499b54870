import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { BodyError, readOtlpBody } from './body-reader';
import { InflightBytes } from './limits/inflight-bytes';

const LIMITS = { maxBodyBytes: 64 * 1024, maxDecompressedBytes: 256 * 1024 };
const chunks = (buffer: Buffer, size = 1000) =>
  Readable.from(
    Array.from({ length: Math.ceil(buffer.length / size) }, (_, i) =>
      buffer.subarray(i * size, (i + 1) * size),
    ),
  );

describe('readOtlpBody and the bytes in flight', () => {
  it('takes the bytes of a body it returns; the caller gives them back', async () => {
    const inflight = new InflightBytes(1024 * 1024);
    const body = await readOtlpBody(chunks(Buffer.alloc(5000, 1)), undefined, LIMITS, inflight);
    expect(inflight.bytes).toBe(body.length);
  });

  test.each([
    ['a body over maxBodyBytes', () => chunks(Buffer.alloc(70 * 1024)), undefined, 'too_large', 1e9],
    [
      'a gzip bomb over maxDecompressedBytes',
      () => chunks(gzipSync(Buffer.alloc(1024 * 1024))),
      'gzip',
      'too_large',
      1e9,
    ],
    [
      'gzip that breaks after some output',
      () => {
        const zipped = gzipSync(Buffer.alloc(100 * 1024, 7));
        return chunks(Buffer.concat([zipped.subarray(0, zipped.length - 40), Buffer.alloc(40, 0xee)]));
      },
      'gzip',
      'bad_encoding',
      1e9,
    ],
    ['a body past the bytes in flight', () => chunks(Buffer.alloc(20_000)), undefined, 'busy', 10_000],
  ])('gives every byte back when it refuses %s', async (_name, stream, encoding, kind, limit) => {
    const inflight = new InflightBytes(limit);
    inflight.tryTake(1); // another request holds a byte
    const error = await readOtlpBody(stream(), encoding, LIMITS, inflight).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BodyError);
    expect((error as BodyError).kind).toBe(kind);
    expect(inflight.bytes).toBe(1);
  });
});
