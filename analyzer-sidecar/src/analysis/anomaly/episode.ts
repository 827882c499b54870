/**
 * An anomaly episode: consecutive anomalous points of one series (with a
 * short hysteresis) folded into one Anomaly with its start and end in data
 * time, its peak, and the executions involved.
 */
import type { Anomaly } from '../../model/analysis';
import { contentId } from '../content-id';
import { type Baseline, deviationOf, fromWatchedScale, severityOf } from './baseline';
import { describeAnomaly } from './describe-anomaly';
import type { MetricSeries, Observation } from './metric-series';

export interface WatchedObservation {
  obs: Observation;
  watched: number;
}

export interface Episode {
  sign: 1 | -1;
  baseline: Baseline;
  /** Times of the first and last anomalous points (the data span is the involved executions'). */
  firstAt: number;
  lastAt: number;
  /** Watched values of every observation since the episode opened (change-point refit). */
  watched: number[];
  /** Consecutive normal points since the last anomalous one. */
  normalRun: WatchedObservation[];
  peakDeviation: number;
  peakWatched: number;
  involved: Map<string, number>;
  levelShift: boolean;
}

export function openEpisode(baseline: Baseline, deviation: number, at: number): Episode {
  return {
    sign: deviation > 0 ? 1 : -1,
    baseline,
    firstAt: at,
    lastAt: at,
    watched: [],
    normalRun: [],
    peakDeviation: 0,
    peakWatched: baseline.center,
    involved: new Map(),
    levelShift: false,
  };
}

/** Window members deviating past the threshold on the episode's side; else any on that side. */
export function involve(episode: Episode, window: readonly WatchedObservation[], sensitivity: number): void {
  const side = window.map((m) => ({ m, own: episode.sign * deviationOf(episode.baseline, m.watched) }));
  const strong = side.filter((s) => s.own > sensitivity);
  for (const { m } of strong.length > 0 ? strong : side.filter((s) => s.own > 0)) {
    if (!episode.involved.has(m.obs.execution_id)) episode.involved.set(m.obs.execution_id, m.obs.timestamp);
  }
}

export function recordPeak(episode: Episode, deviation: number, point: number): void {
  if (Math.abs(deviation) > Math.abs(episode.peakDeviation)) {
    episode.peakDeviation = deviation;
    episode.peakWatched = point;
  }
}

export function toAnomaly(series: MetricSeries, episode: Episode, sensitivity: number, now: number): Anomaly {
  let started_at = episode.involved.size > 0 ? Infinity : episode.firstAt;
  let ended_at = episode.involved.size > 0 ? -Infinity : episode.lastAt;
  for (const t of episode.involved.values())
    [started_at, ended_at] = [Math.min(started_at, t), Math.max(ended_at, t)];
  const baseline_value = fromWatchedScale(series.kind, episode.baseline.center);
  const actual_value = fromWatchedScale(series.kind, episode.peakWatched);
  const text = describeAnomaly({ series, episode, baseline_value, actual_value });
  return {
    anomaly_id: contentId('anom', series.workflow_id, series.metric_name, started_at),
    workflow_id: series.workflow_id,
    metric_name: series.metric_name,
    detected_at: now,
    severity: severityOf(episode.peakDeviation, sensitivity),
    deviation: episode.peakDeviation,
    baseline_value,
    actual_value,
    description: text.description,
    recommended_action: text.recommended_action,
    started_at,
    ended_at,
    execution_ids: [...episode.involved.entries()].sort((a, b) => a[1] - b[1]).map(([id]) => id),
  };
}
