/**
 * Sequential anomaly detection over one metric series (Property 10, 11),
 * incremental: `observeSeries` judges new observations against a stored
 * SeriesState and reports which anomalies opened, grew or resolved.
 *
 * Collective anomalies: each observation, once the window is full, yields a
 * point (window median or mean on the watched scale); a point deviating from
 * the baseline by more than `sensitivity` standard deviations is anomalous,
 * and consecutive anomalous points on one side form an episode. Point
 * anomalies: one observation beyond `pointSensitivity` tail scales, which the
 * window median would hide. Only normal observations are learned, so an
 * incident never becomes the baseline; an episode outlasting the change-point
 * confirmation is a level shift and its own observations become the new baseline.
 */
import type { Anomaly } from '../../model/analysis';
import { contentId } from '../content-id';
import { type Baseline, deviationOf, fitBaseline, pointDeviationOf, toWatchedScale } from './baseline';
import { type DetectorOptions, resolveOptions, type SeriesOptions } from './detector-options';
import {
  type Episode,
  type WatchedObservation,
  involve,
  involveOne,
  openEpisode,
  recordPeak,
  toAnomaly,
} from './episode';
import type { MetricSeries, Observation } from './metric-series';
import {
  addToHistory,
  createSeriesState,
  replaceHistory,
  type SeriesState,
  sortedHistory,
} from './series-state';

export type AnomalyChangeKind = 'opened' | 'updated' | 'resolved';

export interface AnomalyChange {
  change: AnomalyChangeKind;
  anomaly: Anomaly;
}

/** What one call touched; anomalies are built once per call, not per observation. */
interface Pass {
  state: SeriesState;
  cfg: SeriesOptions;
  now: number;
  opened: Set<Episode>;
  touched: Set<Episode>;
  closed: Episode[];
  /** Reused by windowMedian. */
  scratch: number[];
}

export function observeSeries(
  state: SeriesState,
  observations: readonly Observation[],
  cfg: SeriesOptions,
  now: number,
): AnomalyChange[] {
  const pass: Pass = { state, cfg, now, opened: new Set(), touched: new Set(), closed: [], scratch: [] };
  for (const obs of observations) observe(pass, obs);
  return changesOf(pass);
}

function changesOf(pass: Pass): AnomalyChange[] {
  const changes: AnomalyChange[] = [];
  const closed = new Set(pass.closed);
  const series = pass.state;
  for (const ep of pass.closed) {
    if (pass.opened.has(ep))
      changes.push({ change: 'opened', anomaly: toAnomaly(series, ep, pass.cfg, null) });
    changes.push({ change: 'resolved', anomaly: toAnomaly(series, ep, pass.cfg, pass.now) });
  }
  for (const ep of pass.touched) {
    if (closed.has(ep)) continue;
    const change = pass.opened.has(ep) ? 'opened' : 'updated';
    changes.push({ change, anomaly: toAnomaly(series, ep, pass.cfg, null) });
  }
  return changes;
}

function observe(pass: Pass, obs: Observation): void {
  const { state, cfg } = pass;
  const member = { obs, watched: toWatchedScale(state.kind, obs.value) };
  state.window.push(member);
  if (state.window.length > cfg.window) state.window.shift();
  state.observed++;
  state.lastAt = Math.max(state.lastAt, obs.timestamp);
  if (!state.baseline) return warmUp(pass, member.watched);
  const extreme = judgePoint(pass, member, state.baseline);
  // Until the window fills (a carried baseline), windows are neither judged nor learned.
  if (state.window.length < cfg.window) return;
  const point = state.kind === 'rate' ? windowMean(state.window) : windowMedian(state.window, pass.scratch);
  const deviation = deviationOf(state.baseline, point);
  if (Math.abs(deviation) > cfg.sensitivity) extend(pass, member, point, deviation);
  else normal(pass, member, extreme);
}

function windowMean(window: readonly WatchedObservation[]): number {
  let sum = 0;
  for (const m of window) sum += m.watched;
  return sum / window.length;
}

/** Type-7 median of a small window by insertion sort into the pass's scratch array (no allocation per observation). */
function windowMedian(window: readonly WatchedObservation[], scratch: number[]): number {
  const n = window.length;
  for (let i = 0; i < n; i++) {
    const x = (window[i] as WatchedObservation).watched;
    let j = i - 1;
    while (j >= 0 && (scratch[j] as number) > x) {
      scratch[j + 1] = scratch[j] as number;
      j--;
    }
    scratch[j + 1] = x;
  }
  const h = (n - 1) / 2;
  const lower = Math.floor(h);
  const a = scratch[lower] as number;
  return a + (h - lower) * ((scratch[Math.min(lower + 1, n - 1)] as number) - a);
}

/**
 * True when the observation alone is extreme. Extreme observations are still
 * learned (outside collective episodes): the tail scale must see the tail as
 * often as it happens, or a workflow with a few stuck runs would narrow its
 * own tail by leaving them out, and flag the next ones.
 */
function judgePoint(pass: Pass, member: WatchedObservation, baseline: Baseline): boolean {
  const { state, cfg } = pass;
  if (cfg.pointSensitivity === false || baseline.count < cfg.pointMinSamples) return false;
  const d = pointDeviationOf(baseline, member.watched);
  if (!(d > cfg.pointSensitivity)) {
    if (state.point) close(pass, 'point');
    return false;
  }
  if (state.episode && state.episode.sign > 0) return true;
  if (!state.point) {
    state.point = openEpisode('point', baseline, d, member.obs.timestamp, pass.now);
    state.point.id = contentId('anom', state.workflow_id, state.metric_name, member.obs.timestamp);
    pass.opened.add(state.point);
  }
  const ep = state.point;
  ep.lastAt = member.obs.timestamp;
  ep.watched.push(member.watched);
  recordPeak(ep, d, member.watched);
  involveOne(ep, member.obs);
  pass.touched.add(ep);
  return true;
}

function warmUp(pass: Pass, watched: number): void {
  addToHistory(pass.state, watched, Infinity);
  if (pass.state.history.length >= pass.cfg.warmup) refit(pass);
}

function learn(pass: Pass, watched: number): void {
  const { state, cfg } = pass;
  if (!cfg.learn) return;
  addToHistory(state, watched, cfg.historySize);
  // A baseline carried from an earlier run stays until as much data as a warm-up is learned again.
  if (++state.sinceRefit >= cfg.refitEvery && state.history.length >= cfg.warmup) refit(pass);
}

function refit(pass: Pass): void {
  const { state } = pass;
  state.baseline = fitBaseline(state.kind, state.history, pass.cfg, sortedHistory(state)) ?? state.baseline;
  state.sinceRefit = 0;
}

function normal(pass: Pass, member: WatchedObservation, extreme: boolean): void {
  const episode = pass.state.episode;
  if (!episode) return learn(pass, member.watched);
  if (!extreme) episode.normalRun.push(member);
  episode.watched.push(member.watched);
  if (episode.normalRun.length >= pass.cfg.closeAfter) close(pass, 'episode');
}

function extend(pass: Pass, member: WatchedObservation, point: number, deviation: number): void {
  const { state, cfg } = pass;
  const sign = deviation > 0 ? 1 : -1;
  if (state.episode && state.episode.sign !== sign) close(pass, 'episode');
  const episode = (state.episode ??= openCollective(pass, member, deviation));
  episode.normalRun = [];
  episode.lastAt = member.obs.timestamp;
  episode.watched.push(member.watched);
  recordPeak(episode, deviation, point);
  involve(episode, state.window, cfg.sensitivity);
  pass.touched.add(episode);
  if (confirmsLevelShift(cfg, episode)) adoptLevel(pass, episode);
}

/**
 * A window that moves right after single extreme observations continues
 * their anomaly (same id, now collective) rather than starting a second one.
 */
function openCollective(pass: Pass, member: WatchedObservation, deviation: number): Episode {
  const { state } = pass;
  const episode = openEpisode(
    'collective',
    state.baseline as Baseline,
    deviation,
    member.obs.timestamp,
    pass.now,
  );
  const point = state.point;
  if (!point || point.sign !== episode.sign) {
    pass.opened.add(episode);
    return episode;
  }
  state.point = null;
  pass.touched.delete(point);
  if (pass.opened.delete(point)) pass.opened.add(episode);
  Object.assign(episode, { id: point.id, detectedAt: point.detectedAt, firstAt: point.firstAt });
  episode.involved.push(...point.involved);
  return episode;
}

function confirmsLevelShift(cfg: SeriesOptions, episode: Episode): boolean {
  const cp = cfg.changePoint;
  if (!cp || !cfg.learn) return false;
  return episode.watched.length >= cp.minObservations && episode.lastAt - episode.firstAt >= cp.minDurationMs;
}

function adoptLevel(pass: Pass, episode: Episode): void {
  episode.levelShift = true;
  replaceHistory(pass.state, episode.watched.slice(-pass.cfg.historySize));
  refit(pass);
  close(pass, 'episode');
}

/** Ends an open episode; the normal observations that closed a collective one are learned. */
function close(pass: Pass, which: 'episode' | 'point'): void {
  const episode = pass.state[which];
  if (!episode) return;
  pass.state[which] = null;
  pass.closed.push(episode);
  if (which === 'episode' && !episode.levelShift) for (const m of episode.normalRun) learn(pass, m.watched);
}

export interface DetectionResult {
  /** One per episode, as it stands at the end of the series (open ones `open`). */
  anomalies: Anomaly[];
  /** The baseline after the series, to start the next run from. */
  baseline: Baseline | null;
}

/** The whole series at once: the incremental detector fed every observation in one call. */
export function detectSeriesAnomalies(series: MetricSeries, options: DetectorOptions): DetectionResult {
  const { now, initialBaseline, ...cfg } = resolveOptions(series.kind, options);
  const state = createSeriesState(series, initialBaseline ?? null);
  const latest = new Map<string, Anomaly>();
  for (const { anomaly } of observeSeries(state, series.observations, cfg, now))
    latest.set(anomaly.anomaly_id, anomaly);
  const anomalies = [...latest.values()].sort(
    (a, b) => a.started_at - b.started_at || (a.anomaly_id < b.anomaly_id ? -1 : 1),
  );
  return { anomalies, baseline: state.baseline };
}
