/** How numbers and times read in reports (tables, headline figures, subtitles). */
export function formatMs(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '–';
  if (Math.abs(ms) >= 3_600_000) return `${(ms / 3_600_000).toFixed(1)} h`;
  if (Math.abs(ms) >= 60_000) return `${(ms / 60_000).toFixed(1)} min`;
  if (Math.abs(ms) >= 1000) return `${(ms / 1000).toFixed(2)} s`;
  return `${Math.round(ms)} ms`;
}

export function formatPercent(value: number | null | undefined, digits = 1): string {
  return value === null || value === undefined || !Number.isFinite(value)
    ? '–'
    : `${value.toFixed(digits)} %`;
}

export function formatNumber(value: number | null | undefined, digits = 2): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  return Number.isInteger(value) ? value.toLocaleString('en-US') : value.toFixed(digits);
}

/** `2026-01-01 00:00 UTC`. */
export function formatTime(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

export function formatRange(from: number, to: number): string {
  return `${formatTime(from)} – ${formatTime(to)}`;
}

/** Bucket for series over a range: hours up to two days, days beyond. */
export function bucketOf(from: number, to: number): { groupBy: 'hour' | 'day'; ms: number } {
  return to - from <= 2 * 86_400_000
    ? { groupBy: 'hour', ms: 3_600_000 }
    : { groupBy: 'day', ms: 86_400_000 };
}
