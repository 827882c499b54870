/**
 * Anomalies of workflows from their records: every metric series watched
 * (execution duration, step duration per node, failure rate, CPU, memory),
 * with baselines carried from one run to the next by the caller.
 */
import type { Anomaly } from '../../model/analysis';
import type { ExecutionRecord, StepRecord } from '../../model/records';
import type { Period } from '../performance';
import { type Baseline, type BaselineOptions, fitBaseline, toWatchedScale } from './baseline';
import { detectSeriesAnomalies } from './detector';
import type { DetectorOptions } from './detector-options';
import { buildMetricSeries, type MetricSeries, seriesKey } from './metric-series';

export interface DetectAnomaliesOptions extends Omit<DetectorOptions, 'initialBaseline'> {
  /** Baselines by `seriesKey(workflow_id, metric_name)` from an earlier run or `updateBaseline`. */
  baselines?: ReadonlyMap<string, Baseline>;
}

export interface AnomalyReport {
  /** By start time, then id. */
  anomalies: Anomaly[];
  /** Baselines after this run, by series key. */
  baselines: Map<string, Baseline>;
}

export function detectAnomalies(
  executions: readonly ExecutionRecord[],
  steps: readonly StepRecord[],
  options: DetectAnomaliesOptions,
): AnomalyReport {
  return detectInSeries(buildMetricSeries(executions, steps), options);
}

export function detectInSeries(
  series: readonly MetricSeries[],
  options: DetectAnomaliesOptions,
): AnomalyReport {
  const anomalies: Anomaly[] = [];
  const baselines = new Map<string, Baseline>();
  for (const s of series) {
    const key = seriesKey(s.workflow_id, s.metric_name);
    const result = detectSeriesAnomalies(s, {
      ...options,
      initialBaseline: options.baselines?.get(key) ?? null,
    });
    anomalies.push(...result.anomalies);
    if (result.baseline) baselines.set(key, result.baseline);
  }
  anomalies.sort((a, b) => a.started_at - b.started_at || (a.anomaly_id < b.anomaly_id ? -1 : 1));
  return { anomalies, baselines };
}

export interface UpdateBaselineOptions extends BaselineOptions {
  /** The stable period to learn from; default all observations. */
  period?: Period;
  /** Fewer usable observations than this: no baseline (the period is too thin to trust); default 30. */
  minSamples?: number;
}

/**
 * Seed `update_baseline`: a baseline from a stable period, leaving out every
 * observation inside a known anomaly of the same series, so an incident is
 * never learned.
 */
export function updateBaseline(
  series: MetricSeries,
  knownAnomalies: readonly Anomaly[],
  options: UpdateBaselineOptions = {},
): Baseline | null {
  const episodes = knownAnomalies.filter(
    (a) => a.workflow_id === series.workflow_id && a.metric_name === series.metric_name,
  );
  const { period } = options;
  const usable = series.observations.filter(
    (o) =>
      (!period || (o.timestamp >= period.from && o.timestamp < period.to)) &&
      !episodes.some((a) => o.timestamp >= a.started_at && o.timestamp <= a.ended_at),
  );
  if (usable.length < (options.minSamples ?? 30)) return null;
  return fitBaseline(
    series.kind,
    usable.map((o) => toWatchedScale(series.kind, o.value)),
    options,
  );
}
