/**
 * Robust baselines. Continuous metrics (durations, resource usage) are watched
 * as log(1 + x): RPA durations are close to log-normal (multiplicative delays:
 * waits, retries, slow screens), so on the log scale they are near-normal and
 * "k standard deviations" means a fixed factor, whatever the workflow's speed.
 * Centre and scale are the median and 1.4826 × MAD, which a minority of stuck
 * runs or an unlearned incident cannot drag, where mean and std dev would be.
 * Real tails are often heavier than log-normal (a few runs stuck 3–30× on one
 * step): the MAD then describes the core only and 2σ would be crossed far more
 * often than the 2.3 % a normal law gives. So each side has its own scale, never
 * narrower than the MAD's: the distance from the median to the empirical
 * 2.28 % (lower) or 97.72 % (upper) quantile, over 2, which is σ for a normal
 * law and widens exactly as much as the tail is heavier.
 * Failure rates use the Bernoulli model: p with a Laplace prior, σ = √(p(1−p)).
 */
import { quantileSorted, robustLocationScaleSorted, sortAscending } from '../statistics';
import type { MetricKind } from './metric-series';

export interface Baseline {
  kind: MetricKind;
  /** On the watched scale: log(1 + x) for continuous metrics, p for rates. */
  center: number;
  /** Standard deviation below the centre (and of rates). */
  scale: number;
  /** Standard deviation above the centre. */
  upperScale: number;
  /**
   * Scale single observations are judged by (point anomalies): the distance
   * to the empirical 99 % and 99.5 % quantiles over 2.326 and 2.576 (σ for a
   * normal law), the wider, never below `upperScale`. A tail of stuck runs a few per cent deep widens it, so
   * they stay ordinary; one run far beyond everything learned does not.
   * Absent in baselines stored before it existed: `upperScale` then.
   */
  tailScale?: number;
  /** Observations it was fitted on. */
  count: number;
}

export interface BaselineOptions {
  /**
   * Smallest scale on the log scale (default 0.05, about 5 %): near-constant
   * durations would otherwise make a trivial change "many standard deviations".
   */
  minLogScale?: number;
  /** Smallest failure probability assumed (default 0.02), for the same reason. */
  minRate?: number;
}

export function toWatchedScale(kind: MetricKind, value: number): number {
  return kind === 'continuous' ? Math.log1p(Math.max(0, value)) : value;
}

export function fromWatchedScale(kind: MetricKind, value: number): number {
  return kind === 'continuous' ? Math.expm1(value) : value;
}

/** Baseline from values already on the watched scale; null for no values. */
export function fitBaseline(
  kind: MetricKind,
  watched: readonly number[],
  options: BaselineOptions = {},
  /** `watched` in ascending order, when the caller keeps it so (saves a sort). */
  presorted?: ArrayLike<number>,
): Baseline | null {
  if (watched.length === 0) return null;
  if (kind === 'rate') {
    const failures = watched.reduce((a, b) => a + b, 0);
    const p = Math.min(
      1 - (options.minRate ?? 0.02),
      Math.max(options.minRate ?? 0.02, (failures + 1) / (watched.length + 2)),
    );
    const sigma = Math.sqrt(p * (1 - p));
    return { kind, center: p, scale: sigma, upperScale: sigma, count: watched.length };
  }
  const sorted = presorted ?? sortAscending(watched);
  const { center, scale } = robustLocationScaleSorted(sorted);
  const floor = Math.max(scale, options.minLogScale ?? 0.05);
  const upperScale = Math.max(floor, (quantileSorted(sorted, 1 - NORMAL_TAIL) - center) / 2);
  return {
    kind,
    center,
    scale: Math.max(floor, (center - quantileSorted(sorted, NORMAL_TAIL)) / 2),
    upperScale,
    tailScale: Math.max(
      upperScale,
      ...TAIL_QUANTILES.map(([q, z]) => (quantileSorted(sorted, q) - center) / z),
    ),
    count: watched.length,
  };
}

/** P(Z < −2) for a standard normal Z: the tail beyond 2σ. */
const NORMAL_TAIL = 0.02275013194817921;

/** Upper quantiles and the standard normal's values there: the widest reading of the tail wins. */
const TAIL_QUANTILES: readonly [number, number][] = [
  [0.99, 2.3263478740408],
  [0.995, 2.5758293035489],
];

/** Signed distance from the baseline, in baseline standard deviations. */
export function deviationOf(baseline: Baseline, watched: number): number {
  const d = watched - baseline.center;
  return d / (d > 0 ? baseline.upperScale : baseline.scale);
}

/**
 * Severity in [0, 1]: the share of the deviation beyond the threshold,
 * 1 − k/|d|. Just past k it is near 0, at 2k it is 0.5, at 4k 0.75.
 */
export function severityOf(deviation: number, sensitivity: number): number {
  const d = Math.abs(deviation);
  if (!(d > sensitivity)) return 0;
  return Number.isFinite(d) ? Math.min(1, Math.max(0, 1 - sensitivity / d)) : 1;
}

/** How far one observation lies above the baseline, in tail scales (point anomalies). */
export function pointDeviationOf(baseline: Baseline, watched: number): number {
  return (watched - baseline.center) / (baseline.tailScale ?? baseline.upperScale);
}

/**
 * Severity of a point anomaly in [0, 1]: 0.5 at the threshold, rising to 1
 * with e-folding `scale` deviations beyond it. A single run far beyond the
 * tail is a strong signal on its own (unlike a collective shift, whose
 * severity grows with its size relative to the threshold).
 */
export function pointSeverityOf(deviation: number, threshold: number, scale: number): number {
  if (!(deviation > threshold)) return 0;
  if (!Number.isFinite(deviation)) return 1;
  return Math.min(1, 1 - 0.5 * Math.exp(-(deviation - threshold) / scale));
}
