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

/** An explicit range where the request gives one, else the default. */
export function periodOr(from: number | undefined, to: number | undefined, fallback: Period): Period {
  if (from === undefined && to === undefined) return fallback;
  return { from: from ?? 0, to: to ?? fallback.to };
}
