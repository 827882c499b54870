/** Default windows of the self-healing analytics (each route takes its own parameters too). */

/** The drift test runs over one week, so its alpha is a false-alarm rate per element-week. */
export const DRIFT_WINDOW_MS = 7 * 86_400_000;

export const DEBT_DEFAULTS = {
  /** Healing debt looks back this many days. */
  days: 14,
  /** Healed on at least this many distinct days. */
  minDays: 3,
  /** A heal this recent means the target is still unfixed. */
  stillHealingMs: 2 * 86_400_000,
} as const;

/** Starts looked back over to learn a cadence (and to see whether a cron run started). */
export const CADENCE_LOOKBACK_MS = 30 * 86_400_000;
