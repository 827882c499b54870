/** The periods the analyses use, from the configuration and the clock. */
import type { Period } from '../analysis/performance';
import type { AnalysisConfig } from '../config/config';

export interface RecentPeriods {
  /** The most recent `degradationCurrentMs`. */
  current: Period;
  /** The `degradationBaselineMs` just before it. */
  baseline: Period;
  /** What anomaly and insight passes read: the last `anomalyLookbackMs`. */
  lookback: Period;
}

export function recentPeriods(config: AnalysisConfig, now: number): RecentPeriods {
  const end = now + 1;
  const currentFrom = end - config.degradationCurrentMs;
  return {
    current: { from: currentFrom, to: end },
    baseline: { from: currentFrom - config.degradationBaselineMs, to: currentFrom },
    lookback: { from: end - config.anomalyLookbackMs, to: end },
  };
}

/**
 * Degradation periods anchored at a request's range: the current period is
 * [from, to) when both are given, else `degradationCurrentMs` ending at `to`
 * (default now); the baseline is `degradationBaselineMs` before it.
 */
export function degradationPeriods(
  config: AnalysisConfig,
  now: number,
  range: { from?: number; to?: number },
): Pick<RecentPeriods, 'baseline' | 'current'> {
  const end = range.to ?? now + 1;
  const from =
    range.from !== undefined && range.to !== undefined ? range.from : end - config.degradationCurrentMs;
  return {
    current: { from, to: end },
    baseline: { from: from - config.degradationBaselineMs, to: from },
  };
}

/** An explicit range where the request gives one, else the default. */
export function periodOr(from: number | undefined, to: number | undefined, fallback: Period): Period {
  if (from === undefined && to === undefined) return fallback;
  return { from: from ?? 0, to: to ?? fallback.to };
}
