import type { BackendSrvRequest } from '@grafana/runtime';

import type {
  AggregateRow,
  AnomalyList,
  Comparison,
  Degradation,
  ExecutionMetrics,
  FailureBreakdown,
  Insight,
  Page,
  PerformanceStats,
  SuccessRate,
  Bottleneck,
} from '../api/types';

const page = <T>(items: T[]): Page<T> => ({ items, total: items.length, next_cursor: null });
export const emptyPage = page([]);

export const successRates: Page<SuccessRate> = page([
  { workflow_id: 'invoice-entry', success_rate: 96.5, total: 200, completed: 193, failed: 7 },
  { workflow_id: 'payroll-sync', success_rate: 71.2, total: 52, completed: 37, failed: 15 },
]);

export const failures: FailureBreakdown = {
  categories: [
    {
      category: 'element_not_found',
      count: 12,
      examples: [{ execution_id: 'e1', step_id: 's1', error_type: 'NotFound', message: 'Submit button not found' }],
    },
    { category: 'timeout', count: 10, examples: [] },
  ],
  total: 22,
};

export const insight: Insight = {
  insight_id: 'i-1',
  workflow_id: 'payroll-sync',
  category: 'reliability',
  title: 'Login step fails on slow screens',
  description: '15 of 52 executions failed at node login.',
  recommendation: 'Wait for the login form before typing.',
  expected_impact: 'Success rate from 71 % to about 95 %',
  ease_of_implementation: 'easy',
  priority_score: 0.92,
  supporting_data: { failed: 15 },
  created_at: '2026-11-23T10:00:00.000Z',
};

export const insights: Page<Insight> = page([
  {
    ...insight,
    insight_id: 'i-2',
    title: 'Cache the vendor lookup',
    category: 'performance',
    priority_score: 0.4,
    ease_of_implementation: 'medium',
  },
  insight,
]);

export const anomalies: AnomalyList = {
  items: [
    {
      anomaly_id: 'a-1',
      workflow_id: 'invoice-entry',
      metric_name: 'duration_ms',
      detected_at: '2026-11-23T10:05:00.000Z',
      started_at: '2026-11-23T09:40:00.000Z',
      ended_at: '2026-11-23T10:00:00.000Z',
      severity: 0.86,
      deviation: 4.2,
      baseline_value: 12000,
      actual_value: 31000,
      description: 'Executions took 2.6× longer than usual',
      recommended_action: 'Check the ERP response times',
      execution_ids: ['e1', 'e2'],
      kind: 'collective',
      status: 'open',
      resolved_at: null,
    },
    {
      anomaly_id: 'a-2',
      workflow_id: 'payroll-sync',
      metric_name: 'success_rate',
      detected_at: '2026-11-23T10:06:00.000Z',
      started_at: '2026-11-23T09:45:00.000Z',
      ended_at: '2026-11-23T10:01:00.000Z',
      severity: 0.3,
      deviation: -2.1,
      baseline_value: 95,
      actual_value: 70,
      description: 'Success rate dropped',
      recommended_action: null,
      execution_ids: [],
      kind: 'collective',
      status: 'open',
      resolved_at: null,
    },
  ],
  correlated_groups: [],
  total: 2,
  next_cursor: null,
  computed_at: '2026-11-23T10:06:00.000Z',
};
anomalies.correlated_groups.push({
  group_id: 'g-1',
  status: 'open',
  severity: 0.86,
  detected_at: '2026-11-23T10:06:00.000Z',
  resolved_at: null,
  workflow_ids: ['invoice-entry', 'payroll-sync'],
  started_at: '2026-11-23T09:40:00.000Z',
  ended_at: '2026-11-23T10:01:00.000Z',
  anomalies: anomalies.items,
});

export const bottlenecks: Page<Bottleneck> = page([
  {
    node_id: 'login',
    action_type: 'type',
    count: 52,
    avg_duration_ms: 4200,
    p95_duration_ms: 9100,
    share_of_execution_time: 0.41,
    max_duration_ms: 12000,
    total_duration_ms: 218400,
    rank: 1,
  },
  {
    node_id: 'submit',
    action_type: 'click',
    count: 52,
    avg_duration_ms: 800,
    p95_duration_ms: 1500,
    share_of_execution_time: 0.08,
    max_duration_ms: 2100,
    total_duration_ms: 41600,
    rank: 2,
  },
]);

export const performance: PerformanceStats = {
  workflow_id: 'payroll-sync',
  time_period: '2026-11-22T10:00:00.000Z/2026-11-23T10:00:00.000Z',
  execution_count: 37,
  avg_duration_ms: 10250,
  median_duration_ms: 9800,
  p95_duration_ms: 17100,
  p99_duration_ms: 21000,
  min_duration_ms: 6100,
  max_duration_ms: 22000,
  std_dev_ms: 2900,
  slowest_steps: bottlenecks.items,
};

const summary = (avg: number) => ({
  count: 20,
  avg_duration_ms: avg,
  median_duration_ms: avg,
  p95_duration_ms: avg,
  p99_duration_ms: avg,
  min_duration_ms: avg,
  max_duration_ms: avg,
  std_dev_ms: 0,
  from: '2026-11-16T10:00:00.000Z',
  to: '2026-11-23T10:00:00.000Z',
});

export const degradation: Degradation = {
  workflow_id: 'payroll-sync',
  degraded: true,
  statistic: 'median',
  threshold_percent: 20,
  change_percent: 34.5,
  baseline: summary(7600),
  current: summary(10250),
};

export const executions: Page<ExecutionMetrics> = page([
  {
    execution_id: 'e1',
    workflow_id: 'payroll-sync',
    started_at: '2026-11-23T09:50:00.000Z',
    completed_at: '2026-11-23T09:50:10.000Z',
    duration_ms: 10000,
    status: 'failed',
    steps_total: 8,
    steps_completed: 5,
    steps_failed: 1,
    error_message: 'login form not found',
    trace_id: '4bf92f3577b34da6a3ce929d0e0e4736',
    error_type: null,
    context: {},
    service_name: 'executor-1',
    host_name: 'host-1',
    requested_at: null,
    queue_ms: null,
    span_id: null,
    cpu_percent_avg: null,
    cpu_percent_max: null,
    memory_mb_max: null,
    gpu_utilization_max: null,
    gpu_memory_mb_max: null,
    disk_io_mb: null,
  },
  {
    execution_id: 'e2',
    workflow_id: 'invoice-entry',
    started_at: '2026-11-23T09:40:00.000Z',
    completed_at: '2026-11-23T09:40:12.000Z',
    duration_ms: 12000,
    status: 'completed',
    steps_total: 8,
    steps_completed: 8,
    steps_failed: 0,
    error_message: null,
    trace_id: null,
    error_type: null,
    context: {},
    service_name: 'executor-1',
    host_name: 'host-1',
    requested_at: null,
    queue_ms: null,
    span_id: null,
    cpu_percent_avg: null,
    cpu_percent_max: null,
    memory_mb_max: null,
    gpu_utilization_max: null,
    gpu_memory_mb_max: null,
    disk_io_mb: null,
  },
]);

export const comparison: Comparison = {
  reference_workflow_id: 'invoice-entry',
  metrics: ['avg_duration_ms', 'success_rate'],
  workflows: {
    'invoice-entry': {
      avg_duration_ms: { value: 12000, difference: 0, percent_change: 0 },
      success_rate: { value: 96.5, difference: 0, percent_change: 0 },
    },
    'payroll-sync': {
      avg_duration_ms: { value: 10250, difference: -1750, percent_change: -14.58 },
      success_rate: { value: 71.2, difference: -25.3, percent_change: -26.2 },
    },
  },
};

/** `/analytics/aggregate` grouped by the request's `group_by` (workflow_id or action_type). */
export function aggregateAnswer(request: BackendSrvRequest): { data: Page<AggregateRow> } {
  const groupBy = new URLSearchParams(request.url.split('?')[1] ?? '').getAll('group_by');
  const values: Record<string, string[]> = {
    workflow_id: ['payroll-sync', 'invoice-entry'],
    action_type: ['type', 'click', 'type'],
    hour: ['2026-11-23T09:00:00.000Z', '2026-11-23T10:00:00.000Z'],
  };
  const column = groupBy[0] ?? 'workflow_id';
  return {
    data: page((values[column] ?? []).map((v, i) => ({ group: { [column]: v }, value: 1000 * (i + 1), count: i + 1 }))),
  };
}

/** Every endpoint answering with data. */
export const allRoutes = {
  '/analytics/success-rates': { data: successRates },
  '/analytics/failures': { data: failures },
  '/analytics/insights': { data: insights },
  '/analytics/anomalies': { data: anomalies },
  '/analytics/bottlenecks': { data: bottlenecks },
  '/analytics/performance': { data: performance },
  '/analytics/degradation': { data: degradation },
  '/analytics/metrics': { data: executions },
  '/analytics/compare': { data: comparison },
  '/analytics/aggregate': aggregateAnswer,
};
