/**
 * An anomaly episode: consecutive anomalous points of one series (with a
 * short hysteresis) folded into one Anomaly with its start and end in data
 * time, its peak, and the executions involved. Plain data, so an open episode
 * is stored with its series' state and carried across commits and restarts.
 */
import type { Anomaly, AnomalyKind } from '../../model/analysis';
import { contentId } from '../content-id';
import { type Baseline, deviationOf, fromWatchedScale, pointSeverityOf, severityOf } from './baseline';
import { describeAnomaly } from './describe-anomaly';
import type { SeriesOptions } from './detector-options';
import type { MetricSeries, Observation } from './metric-series';

export interface WatchedObservation {
  obs: Observation;
  watched: number;
}

/** Execution ids involved, capped: an outage of thousands of runs lists the first ones. */
const MAX_INVOLVED = 500;

export interface Episode {
  /** Fixed when it opens, so an open anomaly keeps its id while it grows. */
  id: string | null;
  kind: AnomalyKind;
  sign: 1 | -1;
  baseline: Baseline;
  /** When the analyzer opened it. */
  detectedAt: number;
  /** Times of the first and last anomalous points (the data span is the involved executions'). */
  firstAt: number;
  lastAt: number;
  /** Watched values of every observation since the episode opened (change-point refit). */
  watched: number[];
  /** Consecutive normal points since the last anomalous one. */
  normalRun: WatchedObservation[];
  peakDeviation: number;
  peakWatched: number;
  /** [execution id, data time] in the order they were involved. */
  involved: [string, number][];
  levelShift: boolean;
}

export function openEpisode(
  kind: AnomalyKind,
  baseline: Baseline,
  deviation: number,
  at: number,
  detectedAt: number,
): Episode {
  return {
    id: null,
    kind,
    sign: deviation > 0 ? 1 : -1,
    baseline,
    detectedAt,
    firstAt: at,
    lastAt: at,
    watched: [],
    normalRun: [],
    peakDeviation: 0,
    peakWatched: baseline.center,
    involved: [],
    levelShift: false,
  };
}

export function involveOne(episode: Episode, obs: Observation): void {
  if (episode.involved.length >= MAX_INVOLVED) return;
  if (!episode.involved.some(([id]) => id === obs.execution_id))
    episode.involved.push([obs.execution_id, obs.timestamp]);
}

/** Window members deviating past the threshold on the episode's side; else any on that side. */
export function involve(episode: Episode, window: readonly WatchedObservation[], sensitivity: number): void {
  const side = window.map((m) => ({ m, own: episode.sign * deviationOf(episode.baseline, m.watched) }));
  const strong = side.filter((s) => s.own > sensitivity);
  for (const { m } of strong.length > 0 ? strong : side.filter((s) => s.own > 0)) involveOne(episode, m.obs);
}

export function recordPeak(episode: Episode, deviation: number, point: number): void {
  if (Math.abs(deviation) > Math.abs(episode.peakDeviation)) {
    episode.peakDeviation = deviation;
    episode.peakWatched = point;
  }
}

function dataSpan(episode: Episode): [number, number] {
  if (episode.involved.length === 0) return [episode.firstAt, episode.lastAt];
  let [from, to] = [Infinity, -Infinity];
  for (const [, t] of episode.involved) [from, to] = [Math.min(from, t), Math.max(to, t)];
  return [from, to];
}

function severityOfEpisode(episode: Episode, cfg: SeriesOptions): number {
  if (episode.kind === 'point' && cfg.pointSensitivity !== false)
    return pointSeverityOf(Math.abs(episode.peakDeviation), cfg.pointSensitivity, cfg.pointSeverityScale);
  return severityOf(episode.peakDeviation, cfg.sensitivity);
}

/** The episode as an Anomaly: `resolvedAt` null while it is open. */
export function toAnomaly(
  series: Pick<MetricSeries, 'workflow_id' | 'metric_name' | 'kind'>,
  episode: Episode,
  cfg: SeriesOptions,
  resolvedAt: number | null,
): Anomaly {
  const [started_at, ended_at] = dataSpan(episode);
  episode.id ??= contentId('anom', series.workflow_id, series.metric_name, started_at);
  const baseline_value = fromWatchedScale(series.kind, episode.baseline.center);
  const actual_value = fromWatchedScale(series.kind, episode.peakWatched);
  const text = describeAnomaly({ series, episode, baseline_value, actual_value });
  return {
    anomaly_id: episode.id,
    workflow_id: series.workflow_id,
    metric_name: series.metric_name,
    kind: episode.kind,
    status: resolvedAt === null ? 'open' : 'resolved',
    detected_at: episode.detectedAt,
    resolved_at: resolvedAt,
    severity: severityOfEpisode(episode, cfg),
    deviation: episode.peakDeviation,
    baseline_value,
    actual_value,
    description: text.description,
    recommended_action: text.recommended_action,
    started_at,
    ended_at,
    execution_ids: [...episode.involved].sort((a, b) => a[1] - b[1]).map(([id]) => id),
  };
}
