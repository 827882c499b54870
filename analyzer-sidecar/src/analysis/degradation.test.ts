import fc from 'fast-check';
import { detectPerformanceDegradation } from './degradation';
import { summarizeDurations } from './statistics';

const sample = fc.array(fc.double({ min: 1, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 60 });

describe('detectPerformanceDegradation', () => {
  it('Property 7: flags exactly the increases above the threshold (mean)', () => {
    fc.assert(
      fc.property(sample, sample, fc.double({ min: 0, max: 200, noNaN: true }), (base, cur, threshold) => {
        const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
        const change = ((mean(cur) - mean(base)) / mean(base)) * 100;
        const d = detectPerformanceDegradation('w', summarizeDurations(base), summarizeDurations(cur), {
          thresholdPercent: threshold,
          statistic: 'avg',
        });
        if (Math.abs(change - threshold) < 1e-6) return true; // too close to call in floating point
        return (
          d.degraded === change > threshold &&
          Math.abs((d.change_percent as number) - change) < 1e-6 * Math.max(1, Math.abs(change))
        );
      }),
    );
  });

  it('Property 7: a workflow made uniformly slower by more than the threshold is always flagged (median)', () => {
    fc.assert(
      fc.property(sample, fc.double({ min: 1.2001, max: 10, noNaN: true }), (base, factor) => {
        const d = detectPerformanceDegradation(
          'w',
          summarizeDurations(base),
          summarizeDurations(base.map((x) => x * factor)),
        );
        return d.degraded && d.statistic === 'median' && d.threshold_percent === 20;
      }),
    );
  });

  test.each([
    [[100], [119], false, 19],
    [[100], [121], true, 21],
    [[100], [50], false, -50],
    [[], [500], false, null],
  ])('baseline %j vs current %j: degraded %p, change %p', (base, cur, degraded, change) => {
    const d = detectPerformanceDegradation('w', summarizeDurations(base), summarizeDurations(cur));
    expect(d.degraded).toBe(degraded);
    if (change === null) expect(d.change_percent).toBeNull();
    else expect(d.change_percent).toBeCloseTo(change, 9);
  });

  it('needs minSamples on both sides', () => {
    const d = detectPerformanceDegradation('w', summarizeDurations([1, 1]), summarizeDurations([9]), {
      minSamples: 2,
    });
    expect(d.degraded).toBe(false);
  });
});
