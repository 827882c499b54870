/**
 * The Mann–Kendall trend test and the Theil–Sen slope, over one series in
 * time order. Under the null (values exchangeable: no trend, any
 * distribution) S = Σ sign(x_j − x_i) has mean 0 and a variance that depends
 * only on n and the ties, so the test needs no model of the confidence itself.
 * Variance with the tie correction and the continuity-corrected Z as in
 * Hipel & McLeod, "Time Series Modelling of Water Resources" (1994), §23.3.
 */
import { standardNormalCdf } from './standard-normal';

export interface MannKendall {
  readonly n: number;
  readonly s: number;
  readonly variance: number;
  /** Continuity-corrected standard score; negative for a decline. */
  readonly z: number;
  /** One-sided p-value of a decline: P(Z ≤ z) under the null. */
  readonly p_decline: number;
}

export function mannKendall(values: readonly number[]): MannKendall {
  const n = values.length;
  let s = 0;
  for (let i = 0; i < n - 1; i++) {
    const xi = values[i] as number;
    for (let j = i + 1; j < n; j++) s += Math.sign((values[j] as number) - xi);
  }
  const variance = (n * (n - 1) * (2 * n + 5) - tieTerm(values)) / 18;
  const z =
    variance <= 0 ? 0 : s > 0 ? (s - 1) / Math.sqrt(variance) : s < 0 ? (s + 1) / Math.sqrt(variance) : 0;
  return { n, s, variance, z, p_decline: standardNormalCdf(z) };
}

function tieTerm(values: readonly number[]): number {
  const counts = new Map<number, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let term = 0;
  for (const t of counts.values()) if (t > 1) term += t * (t - 1) * (2 * t + 5);
  return term;
}

/**
 * Median of the pairwise slopes (y_j − y_i) / (x_j − x_i) over pairs with
 * x_j > x_i; null with none. O(n²) slopes, the median by selection (no sort).
 */
export function theilSenSlope(xs: readonly number[], ys: readonly number[]): number | null {
  const n = xs.length;
  const slopes = new Float64Array((n * (n - 1)) / 2);
  let k = 0;
  for (let i = 0; i < n - 1; i++)
    for (let j = i + 1; j < n; j++) {
      const dx = (xs[j] as number) - (xs[i] as number);
      if (dx !== 0) slopes[k++] = ((ys[j] as number) - (ys[i] as number)) / dx;
    }
  if (k === 0) return null;
  const values = slopes.subarray(0, k);
  const mid = k >> 1;
  const upper = select(values, mid);
  return k % 2 === 1 ? upper : (maxBelow(values, mid) + upper) / 2;
}

/** The k-th smallest value (0-based), Hoare's selection; reorders `a` so a[0..k) ≤ a[k]. */
function select(a: Float64Array, k: number): number {
  let left = 0;
  let right = a.length - 1;
  while (left < right) {
    const pivot = a[(left + right) >> 1] as number;
    let i = left;
    let j = right;
    while (i <= j) {
      while ((a[i] as number) < pivot) i++;
      while ((a[j] as number) > pivot) j--;
      if (i <= j) {
        const t = a[i] as number;
        a[i] = a[j] as number;
        a[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) right = j;
    else if (k >= i) left = i;
    else return a[k] as number;
  }
  return a[k] as number;
}

/** Largest of a[0..k) (after select(a, k), the (k−1)-th smallest). */
function maxBelow(a: Float64Array, k: number): number {
  let max = -Infinity;
  for (let i = 0; i < k; i++) if ((a[i] as number) > max) max = a[i] as number;
  return max;
}
