/**
 * Exact descriptive statistics as the contract defines them: percentiles by
 * linear interpolation between closest ranks (Hyndman–Fan type 7, numpy's
 * default and DuckDB's `quantile_cont`), sample standard deviation (n − 1, 0
 * for one value), and robust location/scale (median, MAD).
 */
import type { DurationSummary } from '../model/analysis';

/** 1 / Φ⁻¹(0.75): scales the MAD to the standard deviation of a normal law. */
export const MAD_TO_SIGMA = 1.482602218505602;

/** A sample of numbers: a plain array, or the typed array sorting produces. */
export type Sample = readonly number[] | Float64Array;

/** Sorted copy; NaN-free input assumed (the records never hold NaN durations). */
export function sortAscending(values: Sample): Float64Array {
  return Float64Array.from(values).sort();
}

/** Type-7 quantile of already sorted values; p in [0, 1]. */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) throw new RangeError('quantile of an empty sample');
  if (!(p >= 0 && p <= 1)) throw new RangeError(`quantile p must be in [0, 1], got ${p}`);
  const h = (n - 1) * p;
  const lower = Math.floor(h);
  const upper = Math.min(lower + 1, n - 1);
  const a = sorted[lower] as number;
  const b = sorted[upper] as number;
  return a + (h - lower) * (b - a);
}

export function quantile(values: Sample, p: number): number {
  return quantileSorted(sortAscending(values), p);
}

export function median(values: Sample): number {
  return quantile(values, 0.5);
}

export function mean(values: Sample): number {
  if (values.length === 0) throw new RangeError('mean of an empty sample');
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}

/** Sample standard deviation (n − 1); 0 for a single value (Welford's update). */
export function sampleStdDev(values: Sample): number {
  if (values.length === 0) throw new RangeError('standard deviation of an empty sample');
  let m = 0;
  let s = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    const delta = v - m;
    m += delta / (i + 1);
    s += delta * (v - m);
  }
  return values.length < 2 ? 0 : Math.sqrt(Math.max(0, s) / (values.length - 1));
}

/** Median absolute deviation from the median (unscaled). */
export function medianAbsoluteDeviation(values: Sample): number {
  const center = median(values);
  // A plain loop: Float64Array.from with a map function is an order of magnitude slower in V8.
  const deviations = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) deviations[i] = Math.abs((values[i] as number) - center);
  return quantileSorted(deviations.sort(), 0.5);
}

export interface RobustLocationScale {
  center: number;
  /** MAD × 1.4826: estimates σ for normal data, unmoved by a minority of outliers. */
  scale: number;
}

/** Pivot choice that keeps selection linear on sorted and V-shaped (absolute deviation) input. */
function medianOfThree(x: number, y: number, z: number): number {
  return Math.max(Math.min(x, y), Math.min(Math.max(x, y), z));
}

/** k-th smallest (0-based), reordering `a` so that nothing after index k is smaller (Hoare's selection). */
function selectInPlace(a: Float64Array, k: number): number {
  let lo = 0;
  let hi = a.length - 1;
  while (hi > lo) {
    const pivot = medianOfThree(a[lo] as number, a[(lo + hi) >> 1] as number, a[hi] as number);
    let i = lo;
    let j = hi;
    while (i <= j) {
      while ((a[i] as number) < pivot) i++;
      while ((a[j] as number) > pivot) j--;
      if (i <= j) {
        const t = a[i] as number;
        a[i++] = a[j] as number;
        a[j--] = t;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else break;
  }
  return a[k] as number;
}

/** Type-7 median in expected linear time; reorders `a`. */
export function medianInPlace(a: Float64Array): number {
  if (a.length === 0) throw new RangeError('median of an empty sample');
  const h = (a.length - 1) / 2;
  const lower = Math.floor(h);
  const x = selectInPlace(a, lower);
  if (h === lower) return x;
  let next = Infinity;
  for (let i = lower + 1; i < a.length; i++) if ((a[i] as number) < next) next = a[i] as number;
  return x + (h - lower) * (next - x);
}

/** Median and scaled MAD by selection rather than sorting: the detector refits baselines often. */
export function robustLocationScale(values: Sample): RobustLocationScale {
  const scratch = Float64Array.from(values);
  const center = medianInPlace(scratch);
  for (let i = 0; i < scratch.length; i++) scratch[i] = Math.abs((scratch[i] as number) - center);
  return { center, scale: MAD_TO_SIGMA * medianInPlace(scratch) };
}

/**
 * The same median and scaled MAD from values already sorted, in linear time:
 * the deviations below and above the median are each sorted already, so the
 * middle deviation is found by merging them outward from the centre.
 */
export function robustLocationScaleSorted(sorted: ArrayLike<number>): RobustLocationScale {
  const n = sorted.length;
  const center = quantileSorted(sorted, 0.5);
  const h = (n - 1) / 2;
  const k = Math.floor(h);
  let r = 0;
  while (r < n && (sorted[r] as number) < center) r++;
  let l = r - 1;
  let kth = 0;
  let next = 0;
  for (let taken = 0; taken <= k + 1 && taken < n; taken++) {
    const left = l >= 0 ? center - (sorted[l] as number) : Infinity;
    const right = r < n ? (sorted[r] as number) - center : Infinity;
    const d = left < right ? left : right;
    if (left < right) l--;
    else r++;
    if (taken === k) kth = d;
    else if (taken === k + 1) next = d;
  }
  const mad = h === k ? kth : kth + (h - k) * (next - kth);
  return { center, scale: MAD_TO_SIGMA * mad };
}

const EMPTY_SUMMARY: DurationSummary = {
  count: 0,
  avg_duration_ms: null,
  median_duration_ms: null,
  p95_duration_ms: null,
  p99_duration_ms: null,
  min_duration_ms: null,
  max_duration_ms: null,
  std_dev_ms: null,
};

/** The summary the performance endpoints serve; every field null for no data. */
export function summarizeDurations(durations: Sample): DurationSummary {
  if (durations.length === 0) return { ...EMPTY_SUMMARY };
  const sorted = sortAscending(durations);
  return {
    count: sorted.length,
    avg_duration_ms: mean(sorted),
    median_duration_ms: quantileSorted(sorted, 0.5),
    p95_duration_ms: quantileSorted(sorted, 0.95),
    p99_duration_ms: quantileSorted(sorted, 0.99),
    min_duration_ms: sorted[0] as number,
    max_duration_ms: sorted[sorted.length - 1] as number,
    std_dev_ms: sampleStdDev(sorted),
  };
}
