/** Pure geometry of the small SVG charts: data in, coordinates in a fixed view box out. */

export interface Box {
  width: number;
  height: number;
  /** Space left for the axis labels. */
  left: number;
  bottom: number;
}

export const CHART_BOX: Box = { width: 720, height: 180, left: 48, bottom: 18 };

export interface Domain {
  from: number;
  to: number;
  max: number;
}

/** The time span and the largest value of the points (a flat or empty series gets a unit span). */
export function domainOf(points: ReadonlyArray<{ t: number; v: number }>): Domain {
  if (points.length === 0) {
    return { from: 0, to: 1, max: 1 };
  }
  let from = Infinity;
  let to = -Infinity;
  let max = 0;
  for (const p of points) {
    from = Math.min(from, p.t);
    to = Math.max(to, p.t);
    max = Math.max(max, p.v);
  }
  return { from, to: to > from ? to : from + 1, max: max > 0 ? max : 1 };
}

export function xOf(t: number, d: Domain, box: Box = CHART_BOX): number {
  const span = d.to - d.from;
  return box.left + ((Math.min(Math.max(t, d.from), d.to) - d.from) / span) * (box.width - box.left);
}

export function yOf(v: number, d: Domain, box: Box = CHART_BOX): number {
  const plot = box.height - box.bottom;
  return plot - (Math.min(Math.max(v, 0), d.max) / d.max) * plot;
}

/** Horizontal band of an interval (an anomaly's episode), at least 2 units wide so a single run shows. */
export function bandOf(from: number, to: number, d: Domain, box: Box = CHART_BOX): { x: number; width: number } {
  const x = xOf(from, d, box);
  return { x, width: Math.max(2, xOf(to, d, box) - x) };
}

export interface WaterfallBar {
  key: string;
  label: string;
  x: number;
  width: number;
  failed: boolean;
}

/** Steps as bars from the execution's start: offset and length in view-box units of `width`. */
export function waterfallBars(
  steps: ReadonlyArray<{ step_id: string; node_id: string; started_at: string; duration_ms: number; status: string }>,
  width: number
): WaterfallBar[] {
  if (steps.length === 0) {
    return [];
  }
  const starts = steps.map((s) => Date.parse(s.started_at));
  const origin = Math.min(...starts);
  const end = Math.max(...steps.map((s, i) => starts[i]! + s.duration_ms));
  const span = end > origin ? end - origin : 1;
  return steps.map((s, i) => ({
    key: s.step_id,
    label: s.node_id,
    x: ((starts[i]! - origin) / span) * width,
    width: Math.max(1, (s.duration_ms / span) * width),
    failed: s.status === 'failed',
  }));
}

/**
 * An SVG path of values over equally spaced points; gaps (null) break the line. The domain
 * defaults to percentages (0–100); a narrow one (a confidence between 0.8 and 1) shows a small trend.
 */
export function sparklinePath(
  values: ReadonlyArray<number | null>,
  width: number,
  height: number,
  domain: readonly [number, number] = [0, 100]
): string {
  const step = values.length > 1 ? width / (values.length - 1) : 0;
  const [low, high] = domain;
  const span = high > low ? high - low : 1;
  let path = '';
  let drawing = false;
  values.forEach((v, i) => {
    if (v === null) {
      drawing = false;
      return;
    }
    const y = height - ((Math.min(Math.max(v, low), high) - low) / span) * height;
    path += `${drawing ? 'L' : 'M'}${(i * step).toFixed(1)},${y.toFixed(1)}`;
    drawing = true;
  });
  return path;
}

/** About 24 windows over the range, at least a minute each; undefined when the range is not absolute. */
export function trendWindowMs(from: number | string | undefined, to: number | string | undefined): number | undefined {
  const ms = (t: number | string | undefined) =>
    t === undefined ? NaN : typeof t === 'number' ? t : /^\d+$/.test(t) ? Number(t) : Date.parse(t);
  const span = ms(to) - ms(from);
  return Number.isFinite(span) && span > 0 ? Math.max(60_000, Math.ceil(span / 24)) : undefined;
}
