import fc from 'fast-check';
import { seededRandom } from '../test-support/random';
import { type ConfidencePoint, DEFAULT_DRIFT_OPTIONS, detectConfidenceDrift } from './confidence-drift';
import { mannKendall, theilSenSlope } from './mann-kendall';
import { standardNormalCdf, standardNormalQuantile } from './standard-normal';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 10, 2);

/** A target whose confidence slides 0.97 → 0.80 over 14 days, four runs a day; below 0.83 the match fails. */
function decliningTarget(seed: number): ConfidencePoint[] {
  const random = seededRandom(seed);
  const points: ConfidencePoint[] = [];
  const runs = 14 * 4;
  for (let i = 0; i < runs; i++) {
    const confidence = 0.97 - (0.17 * i) / (runs - 1) + 0.01 * random.normal();
    points.push({
      workflow_id: 'wf-invoice',
      target_element: '#submit',
      execution_id: `e${i}`,
      started_at: T0 + i * (DAY / 4),
      confidence,
      status: confidence < 0.83 ? 'failed' : 'completed',
    });
  }
  return points;
}

describe('detectConfidenceDrift', () => {
  it('flags a target declining 0.97 → 0.80 over days before its first failure', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const all = decliningTarget(seed);
      const firstFailure = Math.min(...all.filter((p) => p.status === 'failed').map((p) => p.started_at));
      const before = all.filter((p) => p.started_at < firstFailure);
      const [drift] = detectConfidenceDrift(before);
      expect(drift?.flagged).toBe(true);
      expect(drift?.first_failure_at).toBeNull();
      expect(drift?.slope_per_day).toBeLessThan(0);
      // The earliest day at which a test over the history so far flags it, and how long before the failure.
      const flaggedAt = before.find(
        (p) => detectConfidenceDrift(before.filter((q) => q.started_at <= p.started_at))[0]?.flagged,
      )?.started_at;
      expect(flaggedAt).toBeDefined();
      console.log(
        `seed ${seed}: flagged ${(((firstFailure - (flaggedAt as number)) / DAY) as number).toFixed(1)} days before the first failure`,
      );
    }
  });

  it('reports the element, its executions in time order and the first failure in the window', () => {
    const all = decliningTarget(9);
    const [drift] = detectConfidenceDrift(all);
    expect(drift).toMatchObject({ workflow_id: 'wf-invoice', target_element: '#submit', flagged: true });
    expect(drift?.executions).toHaveLength(all.length);
    expect(drift?.first_failure_at).toBe(
      Math.min(...all.filter((p) => p.status === 'failed').map((p) => p.started_at)),
    );
    const starts = drift?.executions.map((e) => e.started_at) ?? [];
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
  });

  it('skips elements with fewer executions than minExecutions', () => {
    expect(
      detectConfidenceDrift(decliningTarget(1).slice(0, DEFAULT_DRIFT_OPTIONS.minExecutions - 1)),
    ).toEqual([]);
  });

  it('averages repeated steps of a target within one execution', () => {
    const points = decliningTarget(3).flatMap((p) => [
      p,
      { ...p, confidence: (p.confidence as number) - 0.02 },
    ]);
    const [drift] = detectConfidenceDrift(points);
    expect(drift?.executions_count).toBe(points.length / 2);
  });
});

describe('mannKendall', () => {
  it('is antisymmetric: reversing a series negates S', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 2, maxLength: 40 }),
        (xs) => {
          expect(mannKendall([...xs].reverse()).s + mannKendall(xs).s).toBe(0);
        },
      ),
    );
  });

  it.each([
    [[1, 2, 3, 4, 5], 10],
    [[5, 4, 3, 2, 1], -10],
    [[1, 1, 1], 0],
  ])('S of %j is %d', (xs, s) => {
    expect(mannKendall(xs).s).toBe(s);
  });
});

describe('theilSenSlope', () => {
  it('recovers the slope of a line exactly, whatever one outlier does', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -1, max: 1, noNaN: true }),
        fc.double({ min: -100, max: 100, noNaN: true }),
        (slope, outlier) => {
          const xs = Array.from({ length: 11 }, (_, i) => i);
          const ys = xs.map((x) => 0.5 + slope * x);
          ys[5] = outlier;
          expect(theilSenSlope(xs, ys)).toBeCloseTo(slope, 9);
        },
      ),
    );
  });
});

describe('standard normal', () => {
  it.each([
    [0, 0.5],
    [-1.959963985, 0.025],
    [-2.326347874, 0.01],
    [1.644853627, 0.95],
  ])('Φ(%d) = %d and back', (z, p) => {
    expect(standardNormalCdf(z)).toBeCloseTo(p, 6);
    expect(standardNormalQuantile(p)).toBeCloseTo(z, 4);
  });
});

describe('detectConfidenceDrift on busy elements', () => {
  it('bins past maxPoints and still flags the decline, reporting every execution', () => {
    const points = Array.from({ length: 2000 }, (_, i) => ({
      workflow_id: 'w',
      target_element: '#t',
      execution_id: `e${i}`,
      started_at: T0 + i * 300_000,
      confidence: 0.97 - 0.1 * (i / 2000) + 0.01 * Math.sin(i * 12.9898),
      status: 'completed',
    }));
    const [drift] = detectConfidenceDrift(points, { ...DEFAULT_DRIFT_OPTIONS, maxPoints: 100 });
    expect(drift).toMatchObject({ flagged: true, executions_count: 2000 });
  });
});

describe('theilSenSlope by selection', () => {
  it('equals the median of the sorted pairwise slopes', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 50 }), fc.double({ min: 0, max: 1, noNaN: true })), {
          minLength: 2,
          maxLength: 40,
        }),
        (pairs) => {
          const xs = pairs.map((p) => p[0]);
          const ys = pairs.map((p) => p[1]);
          const slopes: number[] = [];
          for (let i = 0; i < xs.length; i++)
            for (let j = i + 1; j < xs.length; j++)
              if (xs[j] !== xs[i]) slopes.push((ys[j]! - ys[i]!) / (xs[j]! - xs[i]!));
          slopes.sort((a, b) => a - b);
          const m = slopes.length >> 1;
          const expected =
            slopes.length === 0 ? null : slopes.length % 2 ? slopes[m]! : (slopes[m - 1]! + slopes[m]!) / 2;
          // + 0: -0 and 0 are the same slope (their order among equal values is arbitrary).
          const actual = theilSenSlope(xs, ys);
          expect(actual === null ? null : actual + 0).toBe(expected === null ? null : expected + 0);
        },
      ),
    );
  });
});
