/** Charts shared by the fleet and workflow reports: durations over time, success-rate trend, bottleneck bars. */
import type { SuccessRateWindow } from '../../model/analysis';
import type { ExecutionFilter } from '../../store/store';
import { barChart } from '../charts/bar-chart';
import type { ChartScene } from '../charts/chart-scene';
import { lineChart, type TimeSeries } from '../charts/line-chart';
import { bucketOf } from '../report-format';
import type { ReportSources } from '../report-sources';

const MAX_WINDOWS = 90;
const DAY = 86_400_000;

/** Window length for trends: the range's bucket, widened to whole days so there are at most 90. */
export function trendWindowMs(from: number, to: number): number {
  const { ms } = bucketOf(from, to);
  return (to - from) / ms <= MAX_WINDOWS ? ms : Math.ceil((to - from) / MAX_WINDOWS / DAY) * DAY;
}

/** Median and p95 execution duration per hour or day of the range (completed executions). */
export async function durationChart(
  sources: ReportSources,
  filter: ExecutionFilter & { from: number; to: number },
): Promise<ChartScene> {
  const bucket = bucketOf(filter.from, filter.to);
  const series: TimeSeries[] = [];
  for (const [name, aggregation] of [
    ['median', 'p50'],
    ['p95', 'p95'],
  ] as const) {
    const rows = await sources.aggregate({
      metric: 'execution_duration_ms',
      aggregation,
      groupBy: [bucket.groupBy],
      start: filter.from,
      end: filter.to,
      filters: { ...filter, status: 'completed' },
    });
    const points = rows
      .map((r) => ({
        t: Date.parse(r.group[bucket.groupBy] ?? '') + bucket.ms / 2,
        v: (r.value ?? NaN) / 1000,
      }))
      .filter((p) => Number.isFinite(p.t) && Number.isFinite(p.v))
      .sort((a, b) => a.t - b.t);
    series.push({ name: `${name} duration`, points });
  }
  return lineChart({
    title: `Execution duration per ${bucket.groupBy}`,
    unit: 'seconds',
    from: filter.from,
    to: filter.to,
    series,
  });
}

/** Success rate (completed / finished) per window, the given workflows' counts summed. */
export function successTrendChart(
  windows: Map<string, SuccessRateWindow[]>,
  range: { from: number; to: number },
  title: string,
): ChartScene {
  const sums = new Map<number, { completed: number; failed: number; end: number }>();
  for (const list of windows.values())
    for (const w of list) {
      const sum = sums.get(w.window_start) ?? { completed: 0, failed: 0, end: w.window_end };
      sum.completed += w.completed;
      sum.failed += w.failed;
      sums.set(w.window_start, sum);
    }
  const points = [...sums.entries()]
    .filter(([, s]) => s.completed + s.failed > 0)
    .map(([start, s]) => ({ t: (start + s.end) / 2, v: (100 * s.completed) / (s.completed + s.failed) }))
    .sort((a, b) => a.t - b.t);
  return lineChart({
    title,
    unit: 'success rate, %',
    from: range.from,
    to: range.to,
    yRange: [0, 100],
    series: [{ name: 'success rate', points }],
  });
}

export function bottleneckBars(
  title: string,
  bars: readonly { label: string; value: number }[],
  unit: string,
): ChartScene {
  return barChart({
    title,
    unit,
    bars: [...bars].sort((a, b) => b.value - a.value).slice(0, 10),
    color: '#f57900',
  });
}
