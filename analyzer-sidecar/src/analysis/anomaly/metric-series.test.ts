import { makeExecution, makeStep } from '../test-support/records';
import { fitBaseline } from './baseline';
import { updateBaseline } from './detect-anomalies';
import { buildMetricSeries, stepMetricName } from './metric-series';

describe('buildMetricSeries', () => {
  it('derives duration, failure, resource and per-node step series in time order', () => {
    const executions = [
      makeExecution({ execution_id: 'b', started_at: 50, duration_ms: 100, cpu_percent_avg: 10 }),
      makeExecution({ execution_id: 'a', started_at: 0, duration_ms: 10, status: 'failed' }),
      makeExecution({ execution_id: 'r', started_at: 0, duration_ms: null, status: 'running' }),
    ];
    const steps = [makeStep({ node_id: 'n', duration_ms: 5 }), makeStep({ node_id: 'n', status: 'skipped' })];
    const series = buildMetricSeries(executions, steps);
    const by = Object.fromEntries(
      series.map((s) => [s.metric_name, s.observations.map((o) => [o.execution_id, o.value])]),
    );
    expect(by).toEqual({
      execution_duration_ms: [['b', 100]],
      failure_rate: [
        ['a', 1],
        ['b', 0],
      ],
      cpu_percent: [['b', 10]],
      [stepMetricName('n')]: [['e-1', 5]],
    });
  });
});

describe('updateBaseline', () => {
  it('learns from the stable period only, leaving known anomalies out', () => {
    const values = Array.from({ length: 100 }, (_, i) => (i >= 40 && i < 60 ? 100_000 : 1000 + i));
    const series = {
      workflow_id: 'w',
      metric_name: 'execution_duration_ms',
      kind: 'continuous' as const,
      observations: values.map((value, i) => ({ timestamp: i, value, execution_id: `e${i}` })),
    };
    const incident = {
      workflow_id: 'w',
      metric_name: 'execution_duration_ms',
      started_at: 40,
      ended_at: 59,
    } as never;
    const clean = values.filter((_, i) => i < 40 || i >= 60).map((v) => Math.log1p(v));
    expect(updateBaseline(series, [incident])).toEqual(fitBaseline('continuous', clean));
    expect(updateBaseline(series, [incident], { period: { from: 0, to: 20 } })).toBeNull();
  });
});
