import fc from 'fast-check';
import { resolveOptions } from './detector-options';
import { type AnomalyChange, detectSeriesAnomalies, observeSeries } from './detector';
import type { MetricSeries } from './metric-series';
import { addToHistory, createSeriesState, type SeriesState, sortedHistory } from './series-state';

function seriesOf(values: readonly number[]): MetricSeries {
  return {
    workflow_id: 'wf',
    metric_name: 'execution_duration_ms',
    kind: 'continuous',
    observations: values.map((value, i) => ({ timestamp: i * 60_000, value, execution_id: `e${i}` })),
  };
}

/** Final state of every anomaly from a stream of changes. */
function latest(changes: readonly AnomalyChange[]) {
  const map = new Map<string, unknown>();
  for (const { anomaly } of changes) map.set(anomaly.anomaly_id, { ...anomaly, resolved_at: null });
  return map;
}

const values = fc.array(
  fc.oneof(
    { weight: 20, arbitrary: fc.double({ min: 900, max: 1100, noNaN: true }) },
    { weight: 1, arbitrary: fc.double({ min: 5000, max: 100_000, noNaN: true }) },
  ),
  { minLength: 0, maxLength: 400 },
);

describe('incremental detection', () => {
  it('finds the same anomalies fed in any chunks, its state stored as JSON in between', () => {
    fc.assert(
      fc.property(values, fc.array(fc.nat(400), { maxLength: 6 }), (xs, cuts) => {
        const series = seriesOf(xs);
        const cfg = resolveOptions('continuous', { now: 0, warmup: 30, pointMinSamples: 30 });
        const whole = observeSeries(createSeriesState(series), series.observations, cfg, 0);
        const bounds = [...new Set([0, ...cuts.map((c) => Math.min(c, xs.length)), xs.length])].sort(
          (a, b) => a - b,
        );
        let state: SeriesState = createSeriesState(series);
        const chunked: AnomalyChange[] = [];
        for (let i = 1; i < bounds.length; i++) {
          chunked.push(...observeSeries(state, series.observations.slice(bounds[i - 1], bounds[i]), cfg, 0));
          state = JSON.parse(JSON.stringify(state)) as SeriesState;
        }
        expect(latest(chunked)).toEqual(latest(whole));
      }),
      { numRuns: 60 },
    );
  });

  it('reports each anomaly opened once and resolved at most once', () => {
    const xs = Array.from({ length: 600 }, (_, i) => (i % 97 === 96 ? 50_000 : 1000 + (i % 7) * 10));
    const cfg = resolveOptions('continuous', { now: 0 });
    const changes = observeSeries(createSeriesState(seriesOf(xs)), seriesOf(xs).observations, cfg, 0);
    const opened = changes.filter((c) => c.change === 'opened').map((c) => c.anomaly.anomaly_id);
    const resolved = changes.filter((c) => c.change === 'resolved').map((c) => c.anomaly.anomaly_id);
    expect(new Set(opened).size).toBe(opened.length);
    expect(new Set(resolved).size).toBe(resolved.length);
    expect(resolved.every((id) => opened.includes(id))).toBe(true);
    expect(detectSeriesAnomalies(seriesOf(xs), { now: 0 }).anomalies.length).toBe(opened.length);
  });
});

describe('sorted history', () => {
  it('stays the learned history in ascending order as values come and go', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 20, noNaN: true }), { maxLength: 200 }),
        fc.integer({ min: 1, max: 50 }),
        (xs, max) => {
          const state = createSeriesState({ workflow_id: 'w', metric_name: 'm', kind: 'continuous' });
          for (const x of xs) addToHistory(state, x, max);
          expect(sortedHistory(state)).toEqual([...state.history].sort((a, b) => a - b));
          expect(Object.keys(state)).not.toContain('sorted');
        },
      ),
    );
  });
});
