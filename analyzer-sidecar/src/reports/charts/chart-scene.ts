/**
 * Charts as vector scenes: a few primitive shapes in a width × height box
 * (y down, text at its baseline). One scene is drawn into the PDF and written
 * as inline SVG, so both formats show the same chart.
 */
export type Shape =
  | {
      kind: 'line';
      points: readonly (readonly [number, number])[];
      stroke: string;
      width: number;
      dash?: number;
    }
  | { kind: 'rect'; x: number; y: number; w: number; h: number; fill: string }
  | { kind: 'circle'; x: number; y: number; r: number; fill: string }
  | {
      kind: 'text';
      x: number;
      y: number;
      text: string;
      size: number;
      fill: string;
      anchor: 'start' | 'middle' | 'end';
      bold?: boolean;
    };

export interface ChartScene {
  readonly title: string;
  readonly width: number;
  readonly height: number;
  readonly shapes: readonly Shape[];
}

export const PALETTE = [
  '#3465a4',
  '#cc0000',
  '#4e9a06',
  '#f57900',
  '#75507b',
  '#c4a000',
  '#06989a',
  '#555753',
];
export const INK = '#2e3436';
export const GRID = '#d3d7cf';
export const MUTED = '#6b7075';

/** About `count` round tick values covering [min, max] (1, 2, 2.5, 5 × 10^k steps, at least `minStep` apart). */
export function niceTicks(min: number, max: number, count = 5, minStep = 0): number[] {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return [0, 1];
  if (max <= min) max = min + (min === 0 ? 1 : Math.abs(min) * 0.1);
  const raw = (max - min) / Math.max(1, count);
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = Math.max(minStep, ([1, 2, 2.5, 5, 10].find((m) => m * power >= raw) ?? 10) * power);
  const ticks: number[] = [];
  for (let v = Math.floor(min / step) * step; v <= max + step * 1e-9; v += step)
    ticks.push(+v.toPrecision(12));
  if ((ticks[ticks.length - 1] ?? min) < max) ticks.push(+(ticks[ticks.length - 1]! + step).toPrecision(12));
  return ticks;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Time ticks on hour or day boundaries (UTC), at most about `count` of them. */
export function timeTicks(from: number, to: number, count = 6): { at: number; label: string }[] {
  const span = Math.max(1, to - from);
  const steps = [HOUR, 3 * HOUR, 6 * HOUR, 12 * HOUR, DAY, 2 * DAY, 7 * DAY, 14 * DAY, 30 * DAY, 91 * DAY];
  const step = steps.find((s) => span / s <= count) ?? 365 * DAY;
  const ticks: { at: number; label: string }[] = [];
  for (let at = Math.ceil(from / step) * step; at <= to; at += step) {
    const iso = new Date(at).toISOString();
    ticks.push({ at, label: step < DAY ? `${iso.slice(5, 10)} ${iso.slice(11, 16)}` : iso.slice(0, 10) });
  }
  return ticks;
}

/** Short number for axes and labels: 1234 → 1.23k, 0.5 → 0.5. */
export function shortNumber(value: number): string {
  const abs = Math.abs(value);
  if (abs >= 1e9) return `${+(value / 1e9).toPrecision(3)}G`;
  if (abs >= 1e6) return `${+(value / 1e6).toPrecision(3)}M`;
  if (abs >= 1e4) return `${+(value / 1e3).toPrecision(3)}k`;
  return Number.isInteger(value) ? String(value) : String(+value.toPrecision(3));
}
