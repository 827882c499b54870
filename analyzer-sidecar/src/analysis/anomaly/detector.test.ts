import fc from 'fast-check';
import { fitBaseline, severityOf } from './baseline';
import { detectSeriesAnomalies } from './detector';
import type { MetricSeries } from './metric-series';
import { seededRandom } from '../test-support/random';

const HOUR = 3600_000;

function series(
  values: readonly number[],
  kind: MetricSeries['kind'] = 'continuous',
  stepMs = 60_000,
): MetricSeries {
  return {
    workflow_id: 'wf',
    metric_name: kind === 'rate' ? 'failure_rate' : 'execution_duration_ms',
    kind,
    observations: values.map((value, i) => ({ timestamp: i * stepMs, value, execution_id: `e${i}` })),
  };
}

function logNormalValues(n: number, median: number, sigma: number, seed = 7): number[] {
  const rng = seededRandom(seed);
  return Array.from({ length: n }, () => rng.logNormal(median, sigma));
}

describe('detectSeriesAnomalies', () => {
  it('Property 10 and 11: every value past the sensitivity is in an anomaly, no other is, and severity is in [0, 1]', () => {
    const center = fc.double({ min: 0, max: 12, noNaN: true });
    const scale = fc.double({ min: 0.05, max: 3, noNaN: true });
    const upper = fc.double({ min: 0.05, max: 3, noNaN: true });
    const values = fc.array(fc.double({ min: 0, max: 1e7, noNaN: true }), { minLength: 1, maxLength: 80 });
    const k = fc.double({ min: 0.5, max: 4, noNaN: true });
    fc.assert(
      fc.property(center, scale, upper, values, k, (c, s, u, xs, sensitivity) => {
        const baseline = { kind: 'continuous' as const, center: c, scale: s, upperScale: u, count: 100 };
        const { anomalies } = detectSeriesAnomalies(series(xs), {
          now: 0,
          sensitivity,
          window: 1,
          learn: false,
          initialBaseline: baseline,
        });
        const flagged = new Set(anomalies.flatMap((a) => a.execution_ids));
        return (
          xs.every((x, i) => {
            const d = Math.log(1 + x) - c; // independent: the documented watched scale, one σ per side
            const z = Math.abs(d) / (d > 0 ? u : s);
            if (Math.abs(z - sensitivity) < 1e-9) return true;
            return flagged.has(`e${i}`) === z > sensitivity;
          }) &&
          anomalies.every((a) => a.severity >= 0 && a.severity <= 1 && Math.abs(a.deviation) > sensitivity)
        );
      }),
      { numRuns: 300 },
    );
  });

  test.each([
    [2, 2, 0],
    [2, 4, 0.5],
    [2, -8, 0.75],
    [2, 1, 0],
    [2, Infinity, 1],
    [0, 3, 1],
  ])('severityOf(sensitivity %p, deviation %p) = %p', (k, d, expected) => {
    expect(severityOf(d, k)).toBeCloseTo(expected, 12);
  });

  it('folds consecutive anomalous points into one episode with its start, end and executions', () => {
    const values = [
      ...logNormalValues(200, 1000, 0.3),
      ...Array(12).fill(20_000),
      ...logNormalValues(100, 1000, 0.3, 9),
    ];
    const { anomalies } = detectSeriesAnomalies(series(values), { now: 123 });
    expect(anomalies).toHaveLength(1);
    const [a] = anomalies;
    expect(a!.execution_ids).toEqual(Array.from({ length: 12 }, (_, i) => `e${200 + i}`));
    expect([a!.started_at, a!.ended_at, a!.detected_at]).toEqual([200 * 60_000, 211 * 60_000, 123]);
    expect(a!.deviation).toBeGreaterThan(2);
    expect(a!.baseline_value).toBeGreaterThan(800);
    expect(a!.baseline_value).toBeLessThan(1250);
  });

  it('never learns an incident: the baseline after it is the baseline before', () => {
    const before = logNormalValues(300, 1000, 0.3);
    const withIncident = [...before, ...Array(40).fill(30_000)];
    const clean = detectSeriesAnomalies(series(before), { now: 0 }).baseline!;
    const after = detectSeriesAnomalies(series(withIncident), { now: 0, changePoint: false }).baseline!;
    expect(after.center).toBeCloseTo(clean.center, 10);
    expect(after.scale).toBeCloseTo(clean.scale, 10);
  });

  it('keeps a carried baseline until a warm-up worth of data is learned again', () => {
    const first = detectSeriesAnomalies(series(logNormalValues(300, 1000, 0.3)), { now: 0 }).baseline!;
    const short = detectSeriesAnomalies(series(logNormalValues(40, 1000, 0.3, 3)), {
      now: 0,
      initialBaseline: first,
    });
    expect(short.baseline).toBe(first);
    const long = detectSeriesAnomalies(series(logNormalValues(80, 1000, 0.3, 3)), {
      now: 0,
      initialBaseline: first,
    });
    expect(long.baseline).not.toBe(first);
    expect(long.baseline!.center).toBeCloseTo(first.center, 0);
  });

  it('adopts a sustained level shift as the new baseline once confirmed', () => {
    const values = [...logNormalValues(300, 1000, 0.3), ...logNormalValues(600, 5000, 0.3, 11)];
    const { anomalies, baseline } = detectSeriesAnomalies(series(values, 'continuous', 2 * 60_000), {
      now: 0,
      changePoint: { minObservations: 30, minDurationMs: HOUR },
    });
    expect(anomalies).toHaveLength(1);
    expect(anomalies[0]!.description).toMatch(/adopted as the baseline/);
    expect(Math.expm1(baseline!.center)).toBeGreaterThan(4000);
  });

  it('flags an outage in the failure rate and not the usual failures', () => {
    const rng = seededRandom(3);
    const usual = Array.from({ length: 400 }, () => (rng.next() < 0.05 ? 1 : 0));
    const values = [...usual, ...Array(25).fill(1), ...usual.slice(0, 100)];
    const { anomalies } = detectSeriesAnomalies(series(values, 'rate'), { now: 0 });
    expect(anomalies).toHaveLength(1);
    expect(anomalies[0]!.metric_name).toBe('failure_rate');
    const ids = anomalies[0]!.execution_ids.map((id) => Number(id.slice(1)));
    expect(ids.filter((i) => i >= 400 && i < 425)).toHaveLength(25);
    expect(ids.every((i) => values[i] === 1)).toBe(true);
  });

  it('fits a Laplace-smoothed, floored failure probability', () => {
    expect(
      fitBaseline(
        'rate',
        [
          0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
          0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
          0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        ],
      )!.center,
    ).toBe(0.02);
    expect(fitBaseline('rate', [1, 0, 0, 0])!.center).toBeCloseTo(2 / 6, 12);
  });

  test.each([{ sensitivity: -1 }, { window: 0 }, { window: 1.5 }])('rejects %j', (bad) => {
    expect(() => detectSeriesAnomalies(series([1]), { now: 0, ...bad })).toThrow(RangeError);
  });
});
