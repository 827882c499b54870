/** Time series as lines with points, axes, grid and legend (durations over time, success-rate trend). */
import {
  type ChartScene,
  GRID,
  INK,
  MUTED,
  niceTicks,
  PALETTE,
  type Shape,
  shortNumber,
  timeTicks,
} from './chart-scene';

export interface TimeSeries {
  readonly name: string;
  readonly points: readonly { readonly t: number; readonly v: number }[];
}

export interface LineChartSpec {
  readonly title: string;
  readonly unit: string;
  readonly from: number;
  readonly to: number;
  readonly series: readonly TimeSeries[];
  /** Fixed y range (success rate: 0..100); else from the data, starting at 0. */
  readonly yRange?: readonly [number, number];
  readonly width?: number;
  readonly height?: number;
}

const PAD = { left: 52, right: 12, top: 28, bottom: 40 };

export function lineChart(spec: LineChartSpec): ChartScene {
  const width = spec.width ?? 500;
  const height = spec.height ?? 220;
  const plot = { x: PAD.left, y: PAD.top, w: width - PAD.left - PAD.right, h: height - PAD.top - PAD.bottom };
  const values = spec.series.flatMap((s) => s.points.map((p) => p.v)).filter(Number.isFinite);
  const yTicks = spec.yRange
    ? niceTicks(spec.yRange[0], spec.yRange[1])
    : niceTicks(0, Math.max(0, ...values));
  const [yMin, yMax] = [yTicks[0] ?? 0, yTicks[yTicks.length - 1] ?? 1];
  const sx = (t: number) => plot.x + ((t - spec.from) / Math.max(1, spec.to - spec.from)) * plot.w;
  const sy = (v: number) => plot.y + plot.h - ((v - yMin) / Math.max(1e-12, yMax - yMin)) * plot.h;
  const shapes: Shape[] = [
    { kind: 'text', x: 0, y: 14, text: spec.title, size: 10, fill: INK, anchor: 'start', bold: true },
  ];
  for (const tick of yTicks) {
    const y = sy(tick);
    shapes.push({
      kind: 'line',
      points: [
        [plot.x, y],
        [plot.x + plot.w, y],
      ],
      stroke: GRID,
      width: 0.5,
    });
    shapes.push({
      kind: 'text',
      x: plot.x - 4,
      y: y + 3,
      text: shortNumber(tick),
      size: 7,
      fill: MUTED,
      anchor: 'end',
    });
  }
  for (const tick of timeTicks(spec.from, spec.to)) {
    const x = sx(tick.at);
    shapes.push({
      kind: 'line',
      points: [
        [x, plot.y + plot.h],
        [x, plot.y + plot.h + 3],
      ],
      stroke: INK,
      width: 0.5,
    });
    shapes.push({
      kind: 'text',
      x,
      y: plot.y + plot.h + 12,
      text: tick.label,
      size: 7,
      fill: MUTED,
      anchor: 'middle',
    });
  }
  shapes.push({
    kind: 'line',
    points: [
      [plot.x, plot.y],
      [plot.x, plot.y + plot.h],
      [plot.x + plot.w, plot.y + plot.h],
    ],
    stroke: INK,
    width: 0.8,
  });
  shapes.push({
    kind: 'text',
    x: plot.x,
    y: plot.y - 4,
    text: spec.unit,
    size: 7,
    fill: MUTED,
    anchor: 'start',
  });
  spec.series.forEach((series, i) => {
    const color = PALETTE[i % PALETTE.length] as string;
    const points = series.points.filter((p) => Number.isFinite(p.v)).map((p) => [sx(p.t), sy(p.v)] as const);
    if (points.length > 1) shapes.push({ kind: 'line', points, stroke: color, width: 1.4 });
    for (const [x, y] of points) shapes.push({ kind: 'circle', x, y, r: 1.8, fill: color });
  });
  shapes.push(
    ...legend(
      spec.series.map((s) => s.name),
      plot.x,
      height - 8,
    ),
  );
  if (values.length === 0)
    shapes.push({
      kind: 'text',
      x: plot.x + plot.w / 2,
      y: plot.y + plot.h / 2,
      text: 'no data in this range',
      size: 9,
      fill: MUTED,
      anchor: 'middle',
    });
  return { title: spec.title, width, height, shapes };
}

function legend(names: readonly string[], x0: number, y: number): Shape[] {
  const shapes: Shape[] = [];
  let x = x0;
  names.slice(0, 8).forEach((name, i) => {
    const color = PALETTE[i % PALETTE.length] as string;
    const label = name.length > 22 ? `${name.slice(0, 21)}…` : name;
    shapes.push({ kind: 'rect', x, y: y - 6, w: 8, h: 6, fill: color });
    shapes.push({ kind: 'text', x: x + 11, y, text: label, size: 7, fill: INK, anchor: 'start' });
    x += 16 + label.length * 4.2;
  });
  return shapes;
}
