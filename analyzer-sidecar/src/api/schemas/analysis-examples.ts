/** Example answers for the OpenAPI document (realistic, consistent with each other). */
const T0 = '2026-11-20T00:00:00.000Z';
const T1 = '2026-11-21T00:00:00.000Z';

export const bottleneckExample = {
  node_id: 'search',
  action_type: 'wait',
  count: 412,
  avg_duration_ms: 4012.5,
  p95_duration_ms: 6120.3,
  max_duration_ms: 9001.2,
  total_duration_ms: 1653150,
  share_of_execution_time: 0.71,
  rank: 1,
};

const summaryExample = {
  count: 412,
  avg_duration_ms: 5640.2,
  median_duration_ms: 5410.8,
  p95_duration_ms: 7850.1,
  p99_duration_ms: 9320.4,
  min_duration_ms: 3022.7,
  max_duration_ms: 11200.9,
  std_dev_ms: 1210.6,
};

export const performanceExample = {
  workflow_id: 'wf-invoice',
  time_period: `${T0}/${T1}`,
  execution_count: 412,
  ...Object.fromEntries(Object.entries(summaryExample).filter(([k]) => k !== 'count')),
  slowest_steps: [bottleneckExample],
};

export const degradationExample = {
  workflow_id: 'wf-invoice',
  degraded: true,
  statistic: 'median',
  threshold_percent: 20,
  change_percent: 48.2,
  baseline: { ...summaryExample, from: '2026-11-13T00:00:00.000Z', to: T0 },
  current: { ...summaryExample, median_duration_ms: 8018.6, from: T0, to: T1 },
};

export const successRateExample = {
  workflow_id: 'wf-invoice',
  success_rate: 94.5,
  total: 200,
  completed: 189,
  failed: 11,
};

export const failuresExample = {
  categories: [
    {
      category: 'timeout',
      count: 7,
      examples: [
        { execution_id: 'a1b2', step_id: 'a1b2/3', error_type: 'TIMEOUT', message: 'page load timed out' },
      ],
    },
  ],
  total: 7,
};

export const reliabilityExample = {
  workflow_id: 'wf-invoice',
  rank: 1,
  reliability_score: 81.2,
  success_rate: 97.1,
  success_rate_lower_bound: 94.4,
  duration_spread: 0.16,
  total: 412,
};

export const comparisonExample = {
  reference_workflow_id: 'wf-a',
  metrics: ['median_duration_ms', 'success_rate'],
  workflows: {
    'wf-a': {
      median_duration_ms: { value: 5000, difference: 0, percent_change: 0 },
      success_rate: { value: 95, difference: 0, percent_change: 0 },
    },
    'wf-b': {
      median_duration_ms: { value: 7500, difference: 2500, percent_change: 50 },
      success_rate: { value: 90, difference: -5, percent_change: -5.26 },
    },
  },
};

export const anomalyExample = {
  anomaly_id: 'anom-3f9a1c0d2b4e5f60',
  workflow_id: 'wf-invoice',
  metric_name: 'execution_duration_ms',
  kind: 'collective',
  status: 'resolved',
  detected_at: T1,
  resolved_at: T1,
  severity: 0.82,
  deviation: 5.1,
  baseline_value: 5400,
  actual_value: 27100,
  description: 'Execution duration is 5.0x its baseline',
  recommended_action: 'Check the slowest step in the traces of the involved executions',
  started_at: '2026-11-20T10:02:11.120Z',
  ended_at: '2026-11-20T12:48:40.901Z',
  execution_ids: ['a1b2', 'c3d4'],
};

export const insightExample = {
  insight_id: 'ins-0a1b2c3d4e5f6a7b',
  workflow_id: 'wf-invoice',
  category: 'performance',
  title: 'Step search takes 71% of wf-invoice',
  description: 'The search step (wait) averages 4.0 s of a 5.6 s execution.',
  recommendation: 'Replace fixed waits with waits for the element',
  expected_impact: 'avg_duration_ms 5,640 → 3,630 (-36%)',
  ease_of_implementation: 'easy',
  priority_score: 36,
  supporting_data: { node_id: 'search', share_of_execution_time: 0.71 },
  created_at: T1,
  expected_change: {
    metric: 'avg_duration_ms',
    baseline_value: 5640,
    expected_value: 3630,
    change_percent: -35.6,
  },
  implemented: false,
  implementation: null,
};
