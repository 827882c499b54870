import fc from 'fast-check';
import { inspectWal } from './wal-inspection';

/** What DuckDB 1.5 writes first: `{100: 98 (WAL_VERSION), 101: 2}` and 0xFFFF. */
const HEADER = Buffer.from('640062650002ffff', 'hex');

function frame(payload: Buffer): Buffer {
  const head = Buffer.alloc(16);
  head.writeUInt32LE(payload.length, 0);
  return Buffer.concat([head, payload]);
}

const file = (bytes: Buffer) => ({
  size: bytes.length,
  read: (offset: number, length: number) => bytes.subarray(offset, offset + length),
});

describe('inspectWal', () => {
  it('finds every entry of a well-framed log, and the last boundary before any cut', () => {
    fc.assert(
      fc.property(
        fc.array(fc.uint8Array({ maxLength: 40 }), { minLength: 1, maxLength: 8 }),
        fc.nat(),
        (payloads, cutSeed) => {
          const frames = payloads.map((p) => frame(Buffer.from(p)));
          const wal = Buffer.concat([HEADER, ...frames]);
          expect(inspectWal(file(wal))).toEqual({ kind: 'intact', entries: frames.length });
          const boundaries = frames.reduce(
            (acc, f) => [...acc, (acc.at(-1) as number) + f.length],
            [HEADER.length],
          );
          const cut = HEADER.length + (cutSeed % (wal.length - HEADER.length));
          if (boundaries.includes(cut) && cut > HEADER.length) return;
          const entries = boundaries.filter((b) => b <= cut).length - 1;
          expect(inspectWal(file(wal.subarray(0, cut)))).toEqual({
            kind: 'torn',
            entries,
            validBytes: boundaries[entries],
            size: cut,
          });
        },
      ),
    );
  });

  test.each([
    ['no bytes', 'empty', Buffer.alloc(0)],
    ['text', 'foreign', Buffer.from('not a wal at all')],
    ['a header cut short', 'foreign', Buffer.from('6400620000', 'hex')],
    ['version 3', 'unchecked', Buffer.from('640062650003ffff', 'hex')],
  ])('%s is %s', (_name, kind, bytes) => {
    expect(inspectWal(file(bytes)).kind).toBe(kind);
  });
});
