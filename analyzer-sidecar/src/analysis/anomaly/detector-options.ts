/** Options of the anomaly detector, with their defaults and why. */
import type { Baseline, BaselineOptions } from './baseline';
import type { MetricKind } from './metric-series';

export interface ChangePointOptions {
  /** Observations an episode must last before it counts as a new level; default 30. */
  minObservations: number;
  /** And time; default 6 h, longer than a typical incident. */
  minDurationMs: number;
}

export interface DetectorOptions extends BaselineOptions {
  /** When the analyzer runs (the anomalies' `detected_at`). */
  now: number;
  /** Threshold in baseline standard deviations; default 2.0 (the seed's). */
  sensitivity?: number;
  /**
   * Observations per point: each point is the median (continuous) or mean
   * (rate) of the last `window` observations, measured in the baseline's
   * per-observation standard deviations. A single slow run in a heavy-tailed
   * workflow is not an anomaly; a majority of the window moving is. Default 9
   * for continuous metrics, 20 for failure rates; 1 judges each observation alone.
   * Measured on clean log-normal histories (8 workflows × 28 days × 5 seeds,
   * `test-support/false-alarm-rate.ts`): window 7 gave 0.033 false alarms per
   * workflow per day and 9 gave 0.002 with a MAD-only scale; with the per-side
   * scale of `fitBaseline`, 0.0009, and 0 with 2 % or 5 % of steps stuck.
   */
  window?: number;
  /** Observations learned before a baseline exists (without `initialBaseline`); default 50. */
  warmup?: number;
  /** Normal observations the rolling baseline keeps; default 500. */
  historySize?: number;
  /** Refit the baseline after this many newly learned observations; default 10. */
  refitEvery?: number;
  /** Normal points that close an episode (hysteresis); default the window size. */
  closeAfter?: number;
  /** Keep learning from normal observations and adopt confirmed level shifts; default true. */
  learn?: boolean;
  /** `false` never adopts a level shift. */
  changePoint?: ChangePointOptions | false;
  /**
   * Point anomalies (one extreme observation of a continuous metric, above
   * the baseline): threshold in tail scales (`Baseline.tailScale`); default
   * 4.5, a chance of 3.4e-6 per observation under a normal law, so about
   * 0.005 false alarms per workflow per day at 240 executions a day and six
   * series. `false` judges windows only.
   */
  pointSensitivity?: number | false;
  /**
   * Learned observations a baseline needs before single observations are
   * judged: its tail quantiles must rest on a few observations beyond them
   * (the 99.5 % quantile of 50 is the maximum); default 200.
   */
  pointMinSamples?: number;
  /** Deviations beyond the point threshold per e-fold of severity toward 1; default 2 (0.7 at 1 past it). */
  pointSeverityScale?: number;
  /** A baseline learned earlier (e.g. by `updateBaseline` over a stable period). */
  initialBaseline?: Baseline | null;
}

export type ResolvedOptions = Required<Omit<DetectorOptions, 'initialBaseline' | 'minLogScale' | 'minRate'>> &
  Pick<DetectorOptions, 'initialBaseline' | 'minLogScale' | 'minRate'>;

/** What a stored series state is judged with: the resolved options without the clock. */
export type SeriesOptions = Omit<ResolvedOptions, 'now' | 'initialBaseline'>;

export function resolveOptions(kind: MetricKind, options: DetectorOptions): ResolvedOptions {
  const window = options.window ?? (kind === 'rate' ? 20 : 9);
  const sensitivity = options.sensitivity ?? 2;
  if (!(sensitivity >= 0)) throw new RangeError(`sensitivity must be >= 0, got ${sensitivity}`);
  if (!Number.isInteger(window) || window < 1)
    throw new RangeError(`window must be a positive integer, got ${window}`);
  return {
    ...options,
    sensitivity,
    window,
    warmup: Math.max(options.warmup ?? 50, window),
    historySize: options.historySize ?? 500,
    refitEvery: options.refitEvery ?? 10,
    closeAfter: options.closeAfter ?? window,
    learn: options.learn ?? true,
    pointSensitivity: kind === 'rate' ? false : (options.pointSensitivity ?? 5),
    pointSeverityScale: options.pointSeverityScale ?? 2,
    pointMinSamples: options.pointMinSamples ?? 200,
    changePoint: options.changePoint ?? { minObservations: 30, minDurationMs: 6 * 3600_000 },
  };
}
