/**
 * How the app shows the analyzer's metric names: a readable label, the unit of the value,
 * and which direction is an improvement. One table, so the Compare page, the comparison
 * panel and the anomaly list colour and label every metric by the same rule.
 */
import { formatMs, formatPercent } from '../format';

export type Direction = 'lower_is_better' | 'higher_is_better' | 'neutral';
/** `percent`: 0–100; `ratio`: 0–1, shown as a percent; `ms`, `mb`, `count`: as named. */
export type MetricUnit = 'ms' | 'percent' | 'ratio' | 'mb' | 'count';

export interface MetricMeta {
  label: string;
  unit: MetricUnit;
  direction: Direction;
}

const LOWER = 'lower_is_better';
const HIGHER = 'higher_is_better';

/** The analyzer's comparable metrics (COMPARABLE_METRICS) and anomaly series (metric-series.ts). */
const CATALOG: Record<string, MetricMeta> = {
  execution_count: { label: 'Executions', unit: 'count', direction: 'neutral' },
  total: { label: 'Finished executions', unit: 'count', direction: 'neutral' },
  completed: { label: 'Completed executions', unit: 'count', direction: HIGHER },
  failed: { label: 'Failed executions', unit: 'count', direction: LOWER },
  avg_duration_ms: { label: 'Average duration', unit: 'ms', direction: LOWER },
  median_duration_ms: { label: 'Median duration', unit: 'ms', direction: LOWER },
  p95_duration_ms: { label: 'p95 duration', unit: 'ms', direction: LOWER },
  p99_duration_ms: { label: 'p99 duration', unit: 'ms', direction: LOWER },
  min_duration_ms: { label: 'Shortest duration', unit: 'ms', direction: LOWER },
  max_duration_ms: { label: 'Longest duration', unit: 'ms', direction: LOWER },
  std_dev_ms: { label: 'Duration spread (std. dev.)', unit: 'ms', direction: LOWER },
  success_rate: { label: 'Success rate', unit: 'percent', direction: HIGHER },
  cpu_percent_avg_median: { label: 'CPU, median of averages', unit: 'percent', direction: LOWER },
  cpu_percent_max_p95: { label: 'CPU peak, p95', unit: 'percent', direction: LOWER },
  memory_mb_max_median: { label: 'Memory peak, median', unit: 'mb', direction: LOWER },
  memory_mb_max_p95: { label: 'Memory peak, p95', unit: 'mb', direction: LOWER },
  execution_duration_ms: { label: 'Execution duration', unit: 'ms', direction: LOWER },
  failure_rate: { label: 'Failure rate', unit: 'ratio', direction: LOWER },
  cpu_percent: { label: 'CPU usage', unit: 'percent', direction: LOWER },
  memory_mb: { label: 'Memory usage', unit: 'mb', direction: LOWER },
};

const STEP_DURATION = 'step_duration_ms:';

/** `some_metric_ms` → "Some metric" with the unit its suffix names; no direction is assumed. */
function fallback(name: string): MetricMeta {
  const unit: MetricUnit = name.endsWith('_ms') ? 'ms' : name.endsWith('_mb') ? 'mb' : 'count';
  const words = name.replace(/_(ms|mb)$/, '').replace(/_/g, ' ');
  return { label: words.charAt(0).toUpperCase() + words.slice(1), unit, direction: 'neutral' };
}

export function metricMeta(name: string): MetricMeta {
  if (name.startsWith(STEP_DURATION)) {
    return { label: `Step ${name.slice(STEP_DURATION.length)} duration`, unit: 'ms', direction: LOWER };
  }
  return CATALOG[name] ?? fallback(name);
}

export const metricLabel = (name: string): string => metricMeta(name).label;

export function formatMetricValue(name: string, value: number | null | undefined): string {
  if (value === null || value === undefined || Number.isNaN(value)) {
    return '–';
  }
  switch (metricMeta(name).unit) {
    case 'ms':
      return formatMs(value);
    case 'percent':
      return formatPercent(value);
    case 'ratio':
      return formatPercent(value * 100);
    case 'mb':
      return `${value >= 100 ? Math.round(value) : value.toFixed(1)} MB`;
    case 'count':
      return Number.isInteger(value) ? String(value) : value.toFixed(2);
  }
}

/** "baseline → actual", both in the metric's unit. */
export function formatBaselineToActual(name: string, baseline: number, actual: number): string {
  return `${formatMetricValue(name, baseline)} → ${formatMetricValue(name, actual)}`;
}

export type Verdict = 'better' | 'worse' | 'neutral';

/**
 * The one colour rule: a change is better or worse by the metric's direction (a shorter
 * duration is better, a higher success rate is better), whatever its sign; volumes and
 * unchanged values are neutral.
 */
export function changeVerdict(name: string, change: number | null | undefined): Verdict {
  const { direction } = metricMeta(name);
  if (change === null || change === undefined || change === 0 || Number.isNaN(change) || direction === 'neutral') {
    return 'neutral';
  }
  return change < 0 === (direction === LOWER) ? 'better' : 'worse';
}
