/**
 * A minimal protobuf wire-format reader (https://protobuf.dev/programming-guides/encoding/)
 * for the OTLP messages the analyzer decodes. Every length is checked against
 * the enclosing message, so truncated or hostile input throws MalformedOtlpError
 * instead of reading past the end.
 */
import { DecodeBudget } from './limits/decode-budget';
import { DEFAULT_DECODE_LIMITS } from './limits/decode-limits';
import { MalformedOtlpError } from './otlp-types';

export const WIRE = { varint: 0, fixed64: 1, len: 2, fixed32: 5 } as const;

const TWO_32 = 4294967296;

export class ProtoReader {
  pos: number;
  end: number;

  /** Shared by the readers of one body's embedded messages: every message counts against it. */
  readonly budget: DecodeBudget;

  constructor(
    readonly buf: Buffer,
    pos = 0,
    end = buf.length,
    budget?: DecodeBudget,
  ) {
    this.pos = pos;
    this.end = end;
    this.budget = budget ?? new DecodeBudget(DEFAULT_DECODE_LIMITS);
  }

  done(): boolean {
    return this.pos >= this.end;
  }

  /** A varint up to 2^53 (tags, lengths, enums, counts). */
  uint(): number {
    const buf = this.buf;
    let pos = this.pos;
    let result = 0;
    let multiplier = 1;
    for (let i = 0; i < 10; i++) {
      if (pos >= this.end) throw new MalformedOtlpError('truncated varint');
      const byte = buf[pos++] as number;
      result += (byte & 0x7f) * multiplier;
      if (byte < 0x80) {
        this.pos = pos;
        return result;
      }
      multiplier *= 128;
    }
    throw new MalformedOtlpError('varint longer than 10 bytes');
  }

  /** A two's complement int64 varint, as the nearest double. */
  int64(): number {
    let low = 0;
    let high = 0;
    let byte = 0;
    for (let i = 0; i < 4; i++) {
      byte = this.byte();
      low |= (byte & 0x7f) << (7 * i);
      if (byte < 0x80) return low >>> 0;
    }
    byte = this.byte();
    low |= (byte & 0x0f) << 28;
    high = (byte & 0x7f) >> 4;
    if (byte >= 0x80) {
      for (let i = 0; i < 5; i++) {
        byte = this.byte();
        high |= (byte & 0x7f) << (3 + 7 * i);
        if (byte < 0x80) break;
        if (i === 4) throw new MalformedOtlpError('varint longer than 10 bytes');
      }
    }
    return (high | 0) * TWO_32 + (low >>> 0);
  }

  private byte(): number {
    if (this.pos >= this.end) throw new MalformedOtlpError('truncated varint');
    return this.buf[this.pos++] as number;
  }

  bool(): boolean {
    return this.uint() !== 0;
  }

  double(): number {
    this.need(8);
    const value = this.buf.readDoubleLE(this.pos);
    this.pos += 8;
    return value;
  }

  /** A fixed64 holding nanoseconds since the epoch, as [high, low] 32-bit halves. */
  fixed64Halves(): [number, number] {
    this.need(8);
    const low = this.buf.readUInt32LE(this.pos);
    const high = this.buf.readUInt32LE(this.pos + 4);
    this.pos += 8;
    return [high, low];
  }

  sfixed64(): number {
    const [high, low] = this.fixed64Halves();
    return (high | 0) * TWO_32 + low;
  }

  /** Start of a length-delimited field's payload; advances past it. Returns [start, end]. */
  lengthDelimited(): [number, number] {
    const length = this.uint();
    this.need(length);
    const start = this.pos;
    this.pos += length;
    return [start, this.pos];
  }

  string(): string {
    const [start, end] = this.lengthDelimited();
    return this.buf.toString('utf8', start, end);
  }

  /** A string field within the budget's `maxAttributeValueBytes`. */
  boundedString(field: string): string {
    const [start, end] = this.lengthDelimited();
    this.budget.valueSize(end - start, field);
    return this.buf.toString('utf8', start, end);
  }

  hex(): string {
    const [start, end] = this.lengthDelimited();
    return this.buf.toString('hex', start, end);
  }

  /** A reader over an embedded message, counted as one decoded object. */
  message(field = 'message'): ProtoReader {
    this.budget.object(field);
    const [start, end] = this.lengthDelimited();
    return new ProtoReader(this.buf, start, end, this.budget);
  }

  skip(wireType: number): void {
    switch (wireType) {
      case WIRE.varint:
        this.uint();
        return;
      case WIRE.fixed64:
        this.need(8);
        this.pos += 8;
        return;
      case WIRE.len:
        this.lengthDelimited();
        return;
      case WIRE.fixed32:
        this.need(4);
        this.pos += 4;
        return;
      default:
        throw new MalformedOtlpError(`unsupported wire type ${wireType}`);
    }
  }

  /** Throws unless the field has the wire type its schema gives it. */
  expect(wireType: number, expected: number, field: string): void {
    if (wireType !== expected)
      throw new MalformedOtlpError(`${field} has wire type ${wireType}, expected ${expected}`);
  }

  private need(bytes: number): void {
    if (this.pos + bytes > this.end) throw new MalformedOtlpError('truncated message');
  }
}

/** Exact epoch milliseconds (floored) of nanoseconds given as 32-bit halves. */
export function halvesToMs(high: number, low: number): number {
  // ns = high·2^32 + low = high·4294·10^6 + (high·967296 + low), every term exact in a double.
  const rest = high * 967296 + low;
  return high * 4294 + (rest - (rest % 1e6)) / 1e6;
}

/** Nanoseconds between two [high, low] instants, in milliseconds. */
export function durationMs(start: [number, number], end: [number, number]): number {
  return ((end[0] - start[0]) * TWO_32 + (end[1] - start[1])) / 1e6;
}
