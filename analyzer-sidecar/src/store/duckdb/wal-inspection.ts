/**
 * Checks the framing of a DuckDB write-ahead log before DuckDB opens it. DuckDB
 * itself skips a log it does not recognize and stops silently at a torn entry,
 * dropping what follows; this says so first. Format (DuckDB ≥ 1.0, WAL version 2):
 * a header object `{100: type 98 (WAL_VERSION), 101: version}` ended by 0xFFFF,
 * then entries of `[u64 size][u64 checksum][size bytes]`, little-endian.
 */
export interface WalFile {
  readonly size: number;
  /** Up to `length` bytes at `offset` (fewer at the end of the file). */
  read(offset: number, length: number): Buffer;
}

export type WalInspection =
  | { readonly kind: 'empty' }
  /** Every entry complete up to the end of the file. */
  | { readonly kind: 'intact'; readonly entries: number }
  /** Entries complete up to `validBytes`, then a partial one (or a header and no entry at all). */
  | { readonly kind: 'torn'; readonly entries: number; readonly validBytes: number; readonly size: number }
  /** Not a DuckDB WAL header: random bytes, another file. */
  | { readonly kind: 'foreign'; readonly reason: string }
  /** A WAL version this check does not know: left to DuckDB. */
  | { readonly kind: 'unchecked'; readonly version: number };

const FIELD_TYPE = 100;
const FIELD_VERSION = 101;
const WAL_VERSION_ENTRY = 98;
const END_OF_OBJECT = 0xffff;
const FRAME_HEADER = 16;

export function inspectWal(file: WalFile): WalInspection {
  if (file.size === 0) return { kind: 'empty' };
  const head = file.read(0, 32);
  const header = readHeader(head);
  if (typeof header === 'string') return { kind: 'foreign', reason: header };
  if (header.version !== 2) return { kind: 'unchecked', version: header.version };
  let offset = header.length;
  let entries = 0;
  while (offset < file.size) {
    const frame = file.read(offset, FRAME_HEADER);
    const size = frame.length === FRAME_HEADER ? frameSize(frame) : undefined;
    if (size === undefined || offset + FRAME_HEADER + size > file.size) {
      return { kind: 'torn', entries, validBytes: offset, size: file.size };
    }
    offset += FRAME_HEADER + size;
    entries++;
  }
  // DuckDB writes the header with the first commit: a header alone lost what followed it.
  if (entries === 0) return { kind: 'torn', entries, validBytes: offset, size: file.size };
  return { kind: 'intact', entries };
}

/** The header's version and length, or why it is not a WAL header. */
function readHeader(head: Buffer): { version: number; length: number } | string {
  let pos = 0;
  const field = (): number | undefined => {
    if (pos + 2 > head.length) return undefined;
    const id = head.readUInt16LE(pos);
    pos += 2;
    return id;
  };
  const varint = (): number | undefined => {
    let result = 0;
    for (let shift = 0; shift < 35 && pos < head.length; shift += 7) {
      const byte = head[pos++] as number;
      result += (byte & 0x7f) * 2 ** shift;
      if (byte < 0x80) return result;
    }
    return undefined;
  };
  if (field() !== FIELD_TYPE || varint() !== WAL_VERSION_ENTRY) return 'no WAL_VERSION header';
  if (field() !== FIELD_VERSION) return 'no WAL version field';
  const version = varint();
  if (version === undefined) return 'no WAL version';
  if (field() !== END_OF_OBJECT) return 'header not terminated';
  return { version, length: pos };
}

/** The entry size of a frame header, or undefined past 2^53 (never a real entry). */
function frameSize(frame: Buffer): number | undefined {
  const low = frame.readUInt32LE(0);
  const high = frame.readUInt32LE(4);
  if (high >= 2 ** 21) return undefined;
  return high * 2 ** 32 + low;
}
