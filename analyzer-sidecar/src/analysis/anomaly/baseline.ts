/**
 * Robust baselines. Continuous metrics (durations, resource usage) are watched
 * as log(1 + x): RPA durations are close to log-normal (multiplicative delays:
 * waits, retries, slow screens), so on the log scale they are near-normal and
 * "k standard deviations" means a fixed factor, whatever the workflow's speed.
 * Centre and scale are the median and 1.4826 × MAD, which a minority of stuck
 * runs or an unlearned incident cannot drag, where mean and std dev would be.
 * Failure rates use the Bernoulli model: p with a Laplace prior, σ = √(p(1−p)).
 */
import { robustLocationScale } from '../statistics';
import type { MetricKind } from './metric-series';

export interface Baseline {
  kind: MetricKind;
  /** On the watched scale: log(1 + x) for continuous metrics, p for rates. */
  center: number;
  scale: number;
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
): Baseline | null {
  if (watched.length === 0) return null;
  if (kind === 'rate') {
    const failures = watched.reduce((a, b) => a + b, 0);
    const p = Math.min(
      1 - (options.minRate ?? 0.02),
      Math.max(options.minRate ?? 0.02, (failures + 1) / (watched.length + 2)),
    );
    return { kind, center: p, scale: Math.sqrt(p * (1 - p)), count: watched.length };
  }
  const { center, scale } = robustLocationScale(watched);
  return { kind, center, scale: Math.max(scale, options.minLogScale ?? 0.05), count: watched.length };
}

/** Signed distance from the baseline, in baseline standard deviations. */
export function deviationOf(baseline: Baseline, watched: number): number {
  return (watched - baseline.center) / baseline.scale;
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
