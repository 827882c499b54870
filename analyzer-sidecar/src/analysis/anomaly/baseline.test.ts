import { seededRandom } from '../test-support/random';
import { deviationOf, fitBaseline, fromWatchedScale, toWatchedScale } from './baseline';

const rng = seededRandom(5);
const normal = Array.from({ length: 5000 }, () => 7 + 0.3 * rng.normal());
const stuckTail = normal.map((x, i) => (i % 10 === 0 ? x + Math.log(3 + 27 * rng.next()) : x));

describe('fitBaseline', () => {
  test.each([
    ['normal data: both sides near σ', normal, 0.27, 0.33, 0.27, 0.33],
    ['a stuck tail widens only the upper side', stuckTail, 0.27, 0.36, 0.9, 3],
    ['constant data: the 5 % floor', Array(100).fill(3), 0.05, 0.05, 0.05, 0.05],
  ])('%s', (_, values, lowMin, lowMax, upMin, upMax) => {
    const b = fitBaseline('continuous', values)!;
    expect(b.scale).toBeGreaterThanOrEqual(lowMin);
    expect(b.scale).toBeLessThanOrEqual(lowMax);
    expect(b.upperScale).toBeGreaterThanOrEqual(upMin);
    expect(b.upperScale).toBeLessThanOrEqual(upMax);
  });

  it('measures deviations with the scale of their side', () => {
    const b = { kind: 'continuous' as const, center: 1, scale: 0.5, upperScale: 2, count: 1 };
    expect([deviationOf(b, 5), deviationOf(b, 0), deviationOf(b, 1)]).toEqual([2, -2, 0]);
  });

  test.each([0, 1, 999.5, 1e9])('watches %p as log(1 + x) and back', (x) => {
    expect(Math.abs(fromWatchedScale('continuous', toWatchedScale('continuous', x)) - x)).toBeLessThanOrEqual(
      1e-12 * Math.max(1, x),
    );
    expect(toWatchedScale('rate', x)).toBe(x);
  });

  it('has no baseline without data', () => {
    expect(fitBaseline('continuous', [])).toBeNull();
  });
});
