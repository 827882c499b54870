/**
 * Rows encoded in ClickHouse's RowBinary format for inserts: doubles go as
 * their 8 bytes (ClickHouse 18.16's text parser rounds some doubles off by
 * one ulp, and stored statistics must be exact), and encoding is a single
 * pass over the rows with no text to parse on either side.
 */
import type { ColumnKind } from '../record-tables';

/** Record columns' kinds, and lists of strings (the live tables' incident workflows). */
export type BinaryKind = ColumnKind | 'varchar_array';

export interface BinaryColumn {
  readonly name: string;
  readonly kind: BinaryKind;
  readonly nullable: boolean;
}

type Row = Readonly<Record<string, unknown>>;

class ByteSink {
  private buffer = Buffer.allocUnsafe(64 * 1024);
  length = 0;

  private reserve(bytes: number): void {
    if (this.length + bytes <= this.buffer.length) return;
    const next = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, this.length + bytes));
    this.buffer.copy(next, 0, 0, this.length);
    this.buffer = next;
  }

  byte(value: number): void {
    this.reserve(1);
    this.buffer[this.length++] = value;
  }

  varUInt(value: number): void {
    let rest = value;
    while (rest >= 0x80) {
      this.byte((rest & 0x7f) | 0x80);
      rest = Math.floor(rest / 128);
    }
    this.byte(rest);
  }

  string(text: string): void {
    const bytes = Buffer.byteLength(text, 'utf8');
    this.varUInt(bytes);
    this.reserve(bytes);
    this.length += this.buffer.write(text, this.length, 'utf8');
  }

  int32(value: number): void {
    this.reserve(4);
    this.length = this.buffer.writeInt32LE(value, this.length);
  }

  int64(value: number): void {
    this.reserve(8);
    this.length = this.buffer.writeBigInt64LE(BigInt(value), this.length);
  }

  float64(value: number): void {
    this.reserve(8);
    this.length = this.buffer.writeDoubleLE(value, this.length);
  }

  bytes(): Buffer {
    return this.buffer.subarray(0, this.length);
  }
}

function writeValue(sink: ByteSink, kind: BinaryKind, value: unknown): void {
  switch (kind) {
    case 'varchar_array': {
      const items = value as readonly string[];
      sink.varUInt(items.length);
      for (const item of items) sink.string(String(item));
      return;
    }
    case 'varchar':
      sink.string(String(value));
      return;
    case 'json':
      sink.string(JSON.stringify(value ?? {}));
      return;
    case 'bigint':
      sink.int64(Math.trunc(value as number));
      return;
    case 'integer':
      sink.int32(value as number);
      return;
    case 'double':
      sink.float64(value as number);
      return;
  }
}

/** The rows' columns, in `columns` order, as RowBinary. */
export function encodeRowBinary(columns: readonly BinaryColumn[], rows: readonly object[]): Buffer {
  const sink = new ByteSink();
  for (const row of rows as readonly Row[]) {
    for (const column of columns) {
      const value = row[column.name];
      const missing = value === null || value === undefined;
      if (column.nullable) {
        sink.byte(missing ? 1 : 0);
        if (missing) continue;
      }
      writeValue(sink, column.kind, column.kind === 'json' || !missing ? value : defaultOf(column.kind));
    }
  }
  return sink.bytes();
}

/** What a non-nullable column holds when a record lacks the value (never for valid records). */
function defaultOf(kind: BinaryKind): unknown {
  if (kind === 'varchar_array') return [];
  return kind === 'varchar' ? '' : 0;
}
