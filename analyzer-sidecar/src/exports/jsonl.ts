/** JSON Lines (https://jsonlines.org): one JSON object per row, LF-terminated, times as RFC 3339 UTC. */
import type { ExportColumn, ExportRow } from './export-columns';

export function jsonlRecord(columns: readonly ExportColumn[], row: ExportRow): string {
  const out: Record<string, unknown> = {};
  for (const column of columns) {
    const value = row[column.name] ?? null;
    out[column.name] =
      column.kind === 'time' && value !== null ? new Date(value as number).toISOString() : value;
  }
  return `${JSON.stringify(out)}\n`;
}
