/**
 * A row's identity is its table's key (id and start time): an exporter's
 * retry, or a span repeated within a batch, is stored once. Each backend
 * looks up which keys it already has; this decides which rows are new.
 */
type Row = Readonly<Record<string, unknown>>;

/** The key columns' values as one string (null distinct from every string). */
export function rowKey(key: readonly string[], row: Row): string {
  return key.map((column) => (row[column] === null ? '\u0001' : String(row[column]))).join('\u0000');
}

/** The rows whose key is neither among `storedKeys` nor repeated earlier in `rows`, in order. */
export function newRows(
  key: readonly string[],
  rows: readonly object[],
  storedKeys: ReadonlySet<string>,
): object[] {
  const seen = new Set(storedKeys);
  const fresh: object[] = [];
  for (const row of rows as readonly Row[]) {
    const identity = rowKey(key, row);
    if (seen.has(identity)) continue;
    seen.add(identity);
    fresh.push(row);
  }
  return fresh;
}

/** The smallest and largest value of a numeric column over the rows (the probe's time window). */
export function timeWindow(rows: readonly object[], column: string): { min: number; max: number } {
  let min = Infinity;
  let max = -Infinity;
  for (const row of rows as readonly Row[]) {
    const value = row[column] as number;
    if (value < min) min = value;
    if (value > max) max = value;
  }
  return { min, max };
}
