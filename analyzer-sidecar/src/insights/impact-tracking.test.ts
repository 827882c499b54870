import type { Insight } from '../model/analysis';
import { evaluateInsightImpact } from './impact-tracking';

const insight = {
  insight_id: 'ins-1',
  workflow_id: 'w',
  expected_change: {
    metric: 'avg_duration_ms',
    baseline_value: 1000,
    expected_value: 600,
    change_percent: -40,
  },
} as Insight;

describe('evaluateInsightImpact', () => {
  test.each([
    [500, 'met', 1.25, -50],
    [600, 'met', 1, -40],
    [800, 'partial', 0.5, -20],
    [1000, 'none', 0, 0],
    [1200, 'worse', -0.5, 20],
    [null, 'unmeasured', null, null],
  ])('actual %p after an expected 1000 → 600 is %p', (actual, verdict, ratio, change) => {
    const report = evaluateInsightImpact(insight, { avg_duration_ms: actual });
    expect(report).toMatchObject({
      verdict,
      realized_ratio: ratio,
      actual_change_percent: change,
      expected_change_percent: -40,
    });
  });
});
