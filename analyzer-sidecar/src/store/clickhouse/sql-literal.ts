/**
 * SQL literals for ClickHouse 18.16, which has no query parameters: every value
 * a query carries is rendered here, escaped so that no string from a request
 * can end its literal. Column and table names come from the backend's own
 * definitions, never from a request.
 */

/** A string literal: backslash and quote escaped (ClickHouse reads backslash escapes in literals). */
export function stringLiteral(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** A finite number as a Float64 literal (epoch ms are exact in a double). */
export function numberLiteral(value: number): string {
  if (!Number.isFinite(value)) throw new RangeError(`not a finite number: ${value}`);
  return `toFloat64(${JSON.stringify(value)})`;
}

/**
 * A finite number as the exact Float64 it is, from its IEEE bits, for
 * comparisons with stored doubles that must hold at equality: 18.16's SQL
 * parser rejects denormal literals (`toFloat64(5e-324)` is a syntax error),
 * and the bits leave nothing to parsing.
 */
export function exactFloat64Literal(value: number): string {
  if (!Number.isFinite(value)) throw new RangeError(`not a finite number: ${value}`);
  const bits = Buffer.alloc(8);
  bits.writeDoubleLE(value);
  return `reinterpretAsFloat64(reinterpretAsString(toUInt64('${bits.readBigUInt64LE()}')))`;
}

/** An integer (epoch ms, limits) as an Int64 literal. */
export function int64Literal(value: number): string {
  if (!Number.isSafeInteger(value)) throw new RangeError(`not a safe integer: ${value}`);
  return `toInt64(${value})`;
}

/** `column IN (…)` over string literals; an empty list matches nothing. */
export function inStrings(column: string, values: readonly string[]): string {
  return values.length === 0 ? '0' : `${column} IN (${values.map(stringLiteral).join(', ')})`;
}

export function identifier(name: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new Error(`not a plain identifier: ${name}`);
  return `\`${name}\``;
}

/** A row count for LIMIT (which takes only a plain number). */
export function limitLiteral(value: number): string {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`not a row count: ${value}`);
  return String(value);
}

/** An Int64 or NULL, typed for a Nullable(Int64) column. */
export function nullableInt64Literal(value: number | null): string {
  return value === null ? 'CAST(NULL AS Nullable(Int64))' : `toNullable(${int64Literal(value)})`;
}

/** A string or NULL, typed for a Nullable(String) column. */
export function nullableStringLiteral(value: string | null): string {
  return value === null ? 'CAST(NULL AS Nullable(String))' : `toNullable(${stringLiteral(value)})`;
}
