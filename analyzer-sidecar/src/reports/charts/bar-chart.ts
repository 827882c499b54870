/** Horizontal bars, largest first (top bottlenecks, anomalies per workflow, insight priorities). */
import {
  type ChartScene,
  GRID,
  INK,
  MUTED,
  niceTicks,
  PALETTE,
  type Shape,
  shortNumber,
} from './chart-scene';

export interface BarChartSpec {
  readonly title: string;
  readonly unit: string;
  readonly bars: readonly { readonly label: string; readonly value: number }[];
  readonly width?: number;
  readonly color?: string;
  /** Counts: ticks on whole numbers. */
  readonly integers?: boolean;
}

const LABEL_WIDTH = 150;
const BAR = 14;
const GAP = 5;

export function barChart(spec: BarChartSpec): ChartScene {
  const width = spec.width ?? 500;
  const bars = spec.bars.filter((b) => Number.isFinite(b.value)).slice(0, 12);
  const top = 30;
  const plotW = width - LABEL_WIDTH - 50;
  const height = top + Math.max(1, bars.length) * (BAR + GAP) + 22;
  const values = bars.map((b) => b.value);
  const ticks = niceTicks(Math.min(0, ...values), Math.max(0, ...values), 4, spec.integers ? 1 : 0);
  const [min, max] = [ticks[0] ?? 0, ticks[ticks.length - 1] ?? 1];
  const sx = (v: number) => LABEL_WIDTH + ((v - min) / Math.max(1e-12, max - min)) * plotW;
  const color = spec.color ?? (PALETTE[0] as string);
  const shapes: Shape[] = [
    { kind: 'text', x: 0, y: 14, text: spec.title, size: 10, fill: INK, anchor: 'start', bold: true },
  ];
  const bottom = top + Math.max(1, bars.length) * (BAR + GAP);
  for (const tick of ticks) {
    const x = sx(tick);
    shapes.push({
      kind: 'line',
      points: [
        [x, top - 4],
        [x, bottom],
      ],
      stroke: GRID,
      width: 0.5,
    });
    shapes.push({
      kind: 'text',
      x,
      y: bottom + 10,
      text: shortNumber(tick),
      size: 7,
      fill: MUTED,
      anchor: 'middle',
    });
  }
  shapes.push({
    kind: 'text',
    x: LABEL_WIDTH + plotW,
    y: bottom + 20,
    text: spec.unit,
    size: 7,
    fill: MUTED,
    anchor: 'end',
  });
  bars.forEach((bar, i) => {
    const y = top + i * (BAR + GAP);
    const label = bar.label.length > 30 ? `${bar.label.slice(0, 29)}…` : bar.label;
    shapes.push({
      kind: 'text',
      x: LABEL_WIDTH - 6,
      y: y + BAR - 4,
      text: label,
      size: 7.5,
      fill: INK,
      anchor: 'end',
    });
    // from zero to the value, either side (a realized ratio can be negative)
    const [a, b] = [sx(Math.min(0, bar.value)), sx(Math.max(0, bar.value))];
    shapes.push({ kind: 'rect', x: a, y, w: Math.max(0.5, b - a), h: BAR, fill: color });
    const end = bar.value < 0 ? a : b;
    shapes.push({
      kind: 'text',
      x: bar.value < 0 ? end - 4 : end + 4,
      y: y + BAR - 4,
      text: shortNumber(bar.value),
      size: 7,
      fill: INK,
      anchor: bar.value < 0 ? 'end' : 'start',
    });
  });
  if (min < 0)
    shapes.push({
      kind: 'line',
      points: [
        [sx(0), top - 4],
        [sx(0), bottom],
      ],
      stroke: INK,
      width: 0.8,
    });
  if (bars.length === 0)
    shapes.push({
      kind: 'text',
      x: LABEL_WIDTH + plotW / 2,
      y: top + 12,
      text: 'nothing in this range',
      size: 9,
      fill: MUTED,
      anchor: 'middle',
    });
  return { title: spec.title, width, height, shapes };
}
