/**
 * Sequential anomaly detection over one metric series (Property 10, 11).
 *
 * Each observation, once the window is full, yields a point (window median or
 * mean on the watched scale); a point deviating from the baseline by more
 * than `sensitivity` standard deviations is anomalous, and consecutive
 * anomalous points on one side form an episode. Only normal observations are
 * learned, so an incident never becomes the baseline; an episode outlasting
 * the change-point confirmation is a level shift and its own observations
 * become the new baseline.
 */
import type { Anomaly } from '../../model/analysis';
import { median, mean } from '../statistics';
import { type Baseline, deviationOf, fitBaseline, toWatchedScale } from './baseline';
import { type DetectorOptions, type ResolvedOptions, resolveOptions } from './detector-options';
import {
  type Episode,
  type WatchedObservation,
  involve,
  openEpisode,
  recordPeak,
  toAnomaly,
} from './episode';
import type { MetricSeries, Observation } from './metric-series';

export interface DetectionResult {
  anomalies: Anomaly[];
  /** The baseline after the series, to start the next run from. */
  baseline: Baseline | null;
}

class SeriesScanner {
  readonly anomalies: Anomaly[] = [];
  baseline: Baseline | null;
  private history: number[] = [];
  private window: WatchedObservation[] = [];
  private episode: Episode | null = null;
  private sinceRefit = 0;

  constructor(
    private readonly series: MetricSeries,
    private readonly cfg: ResolvedOptions,
  ) {
    this.baseline = cfg.initialBaseline ?? null;
  }

  observe(obs: Observation): void {
    const member = { obs, watched: toWatchedScale(this.series.kind, obs.value) };
    this.window.push(member);
    if (this.window.length > this.cfg.window) this.window.shift();
    if (!this.baseline) return this.warmUp(member.watched);
    // Until the window fills (a carried baseline), observations are neither judged nor learned.
    if (this.window.length < this.cfg.window) return;
    const values = this.window.map((m) => m.watched);
    const point = this.series.kind === 'rate' ? mean(values) : median(values);
    const deviation = deviationOf(this.baseline, point);
    if (Math.abs(deviation) > this.cfg.sensitivity) this.extend(member, point, deviation);
    else this.normal(member);
  }

  finish(): DetectionResult {
    this.close();
    return { anomalies: this.anomalies, baseline: this.baseline };
  }

  private warmUp(watched: number): void {
    this.history.push(watched);
    if (this.history.length >= this.cfg.warmup) this.refit();
  }

  private learn(watched: number): void {
    if (!this.cfg.learn) return;
    this.history.push(watched);
    if (this.history.length > this.cfg.historySize) this.history.shift();
    // A baseline carried from an earlier run stays until as much data as a warm-up is learned again.
    if (++this.sinceRefit >= this.cfg.refitEvery && this.history.length >= this.cfg.warmup) this.refit();
  }

  private refit(): void {
    this.baseline = fitBaseline(this.series.kind, this.history, this.cfg) ?? this.baseline;
    this.sinceRefit = 0;
  }

  private normal(member: WatchedObservation): void {
    if (!this.episode) return this.learn(member.watched);
    this.episode.normalRun.push(member);
    this.episode.watched.push(member.watched);
    if (this.episode.normalRun.length >= this.cfg.closeAfter) this.close();
  }

  private extend(member: WatchedObservation, point: number, deviation: number): void {
    const sign = deviation > 0 ? 1 : -1;
    if (this.episode && this.episode.sign !== sign) this.close();
    const episode = (this.episode ??= openEpisode(
      this.baseline as Baseline,
      deviation,
      member.obs.timestamp,
    ));
    episode.normalRun = [];
    episode.lastAt = member.obs.timestamp;
    episode.watched.push(member.watched);
    recordPeak(episode, deviation, point);
    involve(episode, this.window, this.cfg.sensitivity);
    if (this.confirmsLevelShift(episode)) this.adoptLevel(episode);
  }

  private confirmsLevelShift(episode: Episode): boolean {
    const cp = this.cfg.changePoint;
    if (!cp || !this.cfg.learn) return false;
    return (
      episode.watched.length >= cp.minObservations && episode.lastAt - episode.firstAt >= cp.minDurationMs
    );
  }

  private adoptLevel(episode: Episode): void {
    episode.levelShift = true;
    this.history = episode.watched.slice(-this.cfg.historySize);
    this.refit();
    this.close();
  }

  /** Ends the open episode; the normal observations that closed it are learned. */
  private close(): void {
    const episode = this.episode;
    if (!episode) return;
    this.episode = null;
    this.anomalies.push(toAnomaly(this.series, episode, this.cfg.sensitivity, this.cfg.now));
    if (!episode.levelShift) for (const m of episode.normalRun) this.learn(m.watched);
  }
}

export function detectSeriesAnomalies(series: MetricSeries, options: DetectorOptions): DetectionResult {
  const scanner = new SeriesScanner(series, resolveOptions(series.kind, options));
  for (const obs of series.observations) scanner.observe(obs);
  return scanner.finish();
}
