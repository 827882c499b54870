import fc from 'fast-check';
import {
  mean,
  median,
  medianAbsoluteDeviation,
  quantile,
  robustLocationScale,
  robustLocationScaleSorted,
  sampleStdDev,
  sortAscending,
  summarizeDurations,
} from './statistics';

/** R's definition of type 7, 1-indexed: Q(p) = x[j] + g (x[j+1] − x[j]), j = ⌊(n−1)p⌋ + 1. */
function oracleQuantile(values: number[], p: number): number {
  const x = [...values].sort((a, b) => a - b);
  const h = (x.length - 1) * p + 1;
  const j = Math.floor(h);
  const g = h - j;
  const lo = x[j - 1] as number;
  const hi = x[Math.min(j, x.length - 1)] as number;
  return lo + g * (hi - lo);
}

/** Two-pass textbook variance. */
function oracleStdDev(values: number[]): number {
  if (values.length < 2) return 0;
  const m = values.reduce((a, b) => a + b, 0) / values.length;
  return Math.sqrt(values.reduce((a, v) => a + (v - m) ** 2, 0) / (values.length - 1));
}

const close = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
const durations = fc.array(fc.double({ min: 0, max: 1e7, noNaN: true }), { minLength: 1, maxLength: 300 });

describe('statistics', () => {
  test.each([
    // numpy.percentile(x, q) with the default 'linear' method
    [[1, 2, 3, 4], 0.5, 2.5],
    [[1, 2, 3, 4], 0.95, 3.85],
    [[10], 0.99, 10],
    [[3, 6, 7, 8, 8, 9, 10, 13, 15, 16, 20], 0.5, 9],
    [[3, 6, 7, 8, 8, 9, 10, 13, 15, 16, 20], 0.25, 7.5],
    [[0, 100], 0.99, 99],
    [[5, 1, 4, 2, 3], 0, 1],
    [[5, 1, 4, 2, 3], 1, 5],
  ])('quantile(%j, %p) = %p (numpy linear)', (values, p, expected) => {
    expect(quantile(values, p)).toBeCloseTo(expected, 12);
  });

  test.each([
    [[5], 0],
    [[2, 4, 4, 4, 5, 5, 7, 9], 2.138089935299395],
    [[1, 1, 1], 0],
  ])('sampleStdDev(%j) = %p', (values, expected) => {
    expect(sampleStdDev(values)).toBeCloseTo(expected, 12);
  });

  test.each([
    [[1, 1, 2, 2, 4, 6, 9], 1],
    [[1, 2, 3, 4, 100], 1],
  ])('medianAbsoluteDeviation(%j) = %p', (values, expected) => {
    expect(medianAbsoluteDeviation(values)).toBe(expected);
  });

  it('rejects empty samples and p outside [0, 1]', () => {
    expect(() => quantile([], 0.5)).toThrow(RangeError);
    expect(() => quantile([1], 1.5)).toThrow(RangeError);
    expect(() => mean([])).toThrow(RangeError);
  });

  it('summarizes nothing as nulls', () => {
    expect(summarizeDurations([])).toMatchObject({ count: 0, avg_duration_ms: null, p99_duration_ms: null });
  });

  it('Property 5: avg, median, p95, p99, min, max and std dev match their definitions', () => {
    fc.assert(
      fc.property(durations, (values) => {
        const s = summarizeDurations(values);
        const sum = values.reduce((a, b) => a + b, 0);
        return (
          s.count === values.length &&
          close(s.avg_duration_ms as number, sum / values.length) &&
          close(s.median_duration_ms as number, oracleQuantile(values, 0.5)) &&
          close(s.p95_duration_ms as number, oracleQuantile(values, 0.95)) &&
          close(s.p99_duration_ms as number, oracleQuantile(values, 0.99)) &&
          s.min_duration_ms === Math.min(...values) &&
          s.max_duration_ms === Math.max(...values) &&
          Math.abs((s.std_dev_ms as number) - oracleStdDev(values)) <=
            1e-6 * Math.max(1, oracleStdDev(values))
        );
      }),
      { numRuns: 300 },
    );
  });

  it('orders quantiles and keeps them within [min, max]', () => {
    fc.assert(
      fc.property(durations, (values) => {
        const s = summarizeDurations(values);
        const chain = [
          s.min_duration_ms,
          s.median_duration_ms,
          s.p95_duration_ms,
          s.p99_duration_ms,
          s.max_duration_ms,
        ];
        return chain.every((v, i) => i === 0 || (v as number) >= (chain[i - 1] as number) - 1e-9);
      }),
    );
  });

  it('computes the same median and MAD by selection as by sorting', () => {
    const sample = fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), {
      minLength: 1,
      maxLength: 200,
    });
    const repeated = fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 50 });
    fc.assert(
      fc.property(fc.oneof(sample, repeated), (values) => {
        const { center, scale } = robustLocationScale(values);
        const expectedCenter = oracleQuantile(values, 0.5);
        const expectedMad = oracleQuantile(
          values.map((v) => Math.abs(v - expectedCenter)),
          0.5,
        );
        return close(center, expectedCenter) && close(scale, 1.482602218505602 * expectedMad);
      }),
      { numRuns: 500 },
    );
  });

  it('keeps the robust scale unmoved by a minority of huge outliers', () => {
    const clean = Array.from({ length: 101 }, (_, i) => i / 100);
    const dirty = [...clean.slice(0, 91), ...Array.from({ length: 10 }, () => 1e9)];
    expect(robustLocationScale(dirty).scale).toBeLessThan(2 * robustLocationScale(clean).scale);
    expect(median(dirty)).toBeLessThan(1);
  });
});

describe('robustLocationScaleSorted', () => {
  it('equals robustLocationScale on any sample', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 60 }),
        (xs) => {
          // x + 0 turns −0 into 0: the two agree as numbers, whichever zero a selection lands on.
          const plain = ({ center, scale }: { center: number; scale: number }) => [center + 0, scale + 0];
          expect(plain(robustLocationScaleSorted(sortAscending(xs)))).toEqual(plain(robustLocationScale(xs)));
        },
      ),
    );
  });
});
