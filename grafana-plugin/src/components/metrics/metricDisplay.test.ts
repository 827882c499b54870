import { expectedImpact } from '../InsightCard';
import { changeVerdict, formatBaselineToActual, formatMetricValue, metricLabel } from './metricDisplay';

describe('changeVerdict (the Compare colour rule)', () => {
  test.each([
    // Durations: shorter is better, whatever the row.
    ['avg_duration_ms', -1.0, 'better'],
    ['p95_duration_ms', -1.0, 'better'],
    ['p99_duration_ms', 12.5, 'worse'],
    ['std_dev_ms', 3, 'worse'],
    // Success: higher is better.
    ['success_rate', -1.0, 'worse'],
    ['success_rate', 2.0, 'better'],
    ['completed', 5, 'better'],
    ['failed', 5, 'worse'],
    ['failure_rate', -0.1, 'better'],
    // Resources: less is better.
    ['cpu_percent_max_p95', -4, 'better'],
    ['memory_mb_max_p95', 10, 'worse'],
    // Volume is neither good nor bad.
    ['execution_count', -1.0, 'neutral'],
    ['total', 30, 'neutral'],
    // No change, no colour.
    ['avg_duration_ms', 0, 'neutral'],
    ['avg_duration_ms', null, 'neutral'],
    ['step_duration_ms:login', -20, 'better'],
    ['something_new', 5, 'neutral'],
  ] as const)('%s changed by %p is %s', (metric, change, verdict) => {
    expect(changeVerdict(metric, change)).toBe(verdict);
  });

  it('gives the same change the same colour in every row of the same direction', () => {
    const durations = ['avg_duration_ms', 'median_duration_ms', 'p95_duration_ms', 'p99_duration_ms'];
    expect(new Set(durations.map((m) => changeVerdict(m, -1.0)))).toEqual(new Set(['better']));
  });
});

describe('metric names and values', () => {
  test.each([
    ['avg_duration_ms', 'Average duration'],
    ['success_rate', 'Success rate'],
    ['cpu_percent_max_p95', 'CPU peak, p95'],
    ['step_duration_ms:login', 'Step login duration'],
    ['queue_wait_ms', 'Queue wait'],
  ])('%s reads as "%s"', (name, label) => {
    expect(metricLabel(name)).toBe(label);
  });

  test.each([
    ['avg_duration_ms', 12000, '12.00 s'],
    ['success_rate', 96.5, '96.5 %'],
    ['failure_rate', 0.3, '30.0 %'],
    ['memory_mb', 1536.4, '1536 MB'],
    ['execution_count', 42, '42'],
    ['p95_duration_ms', null, '–'],
  ] as const)('%s %p is shown as %s', (name, value, text) => {
    expect(formatMetricValue(name, value)).toBe(text);
  });

  it('writes baseline → actual with units', () => {
    expect(formatBaselineToActual('execution_duration_ms', 12000, 31000)).toBe('12.00 s → 31.00 s');
    expect(formatBaselineToActual('failure_rate', 0.05, 0.3)).toBe('5.0 % → 30.0 %');
  });
});

describe('expectedImpact', () => {
  const insight = {
    expected_impact: 'avg_duration_ms 6,802 → 4,343 (-36.1 %)',
    expected_change: { metric: 'avg_duration_ms', baseline_value: 6802, expected_value: 4343, change_percent: -36.15 },
  };

  it('names the metric and gives both values in its unit', () => {
    expect(expectedImpact(insight as never)).toBe('Average duration 6.80 s → 4.34 s (-36.1 %)');
  });

  it('falls back to the analyzer text without a quantified change', () => {
    expect(expectedImpact({ ...insight, expected_change: undefined } as never)).toBe(insight.expected_impact);
  });
});
