/** Response shapes of the analysis routes (the contract's, snake_case, RFC 3339 times). */
import { component, nullableNumber, nullableString, rfc3339 } from './common';

const num = { type: 'number' } as const;
const int = { type: 'integer' } as const;
const str = { type: 'string' } as const;

export const periodSchema = component('Period', {
  type: 'object',
  required: ['from', 'to'],
  properties: { from: rfc3339, to: rfc3339 },
} as const);

export const durationSummarySchema = component('DurationSummary', {
  type: 'object',
  properties: {
    count: int,
    avg_duration_ms: nullableNumber,
    median_duration_ms: nullableNumber,
    p95_duration_ms: nullableNumber,
    p99_duration_ms: nullableNumber,
    min_duration_ms: nullableNumber,
    max_duration_ms: nullableNumber,
    std_dev_ms: nullableNumber,
  },
} as const);

export const bottleneckSchema = component('Bottleneck', {
  type: 'object',
  properties: {
    node_id: str,
    action_type: str,
    count: int,
    avg_duration_ms: num,
    p95_duration_ms: num,
    max_duration_ms: num,
    total_duration_ms: num,
    share_of_execution_time: { type: 'number', minimum: 0, maximum: 1 },
    rank: int,
  },
} as const);

export const performanceSchema = component('PerformanceStats', {
  type: 'object',
  properties: {
    workflow_id: str,
    time_period: { type: 'string', description: 'ISO 8601 interval from/to, or `all`' },
    execution_count: int,
    avg_duration_ms: nullableNumber,
    median_duration_ms: nullableNumber,
    p95_duration_ms: nullableNumber,
    p99_duration_ms: nullableNumber,
    min_duration_ms: nullableNumber,
    max_duration_ms: nullableNumber,
    std_dev_ms: nullableNumber,
    slowest_steps: { type: 'array', items: bottleneckSchema },
  },
} as const);

export const successRateSchema = component('SuccessRate', {
  type: 'object',
  properties: { workflow_id: str, success_rate: nullableNumber, total: int, completed: int, failed: int },
} as const);

export const successRateWithWindowsSchema = component('SuccessRateWithWindows', {
  type: 'object',
  properties: {
    ...successRateSchema.properties,
    windows: {
      type: 'array',
      description: 'With window_ms: every window of the range, oldest first (empty ones with a null rate)',
      items: {
        type: 'object',
        properties: {
          ...successRateSchema.properties,
          window_start: rfc3339,
          window_end: rfc3339,
        },
      },
    },
  },
} as const);

export const failureBreakdownSchema = component('FailureBreakdown', {
  type: 'object',
  properties: {
    categories: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          category: str,
          count: int,
          examples: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                execution_id: str,
                step_id: nullableString,
                error_type: nullableString,
                message: nullableString,
              },
            },
          },
        },
      },
    },
  },
} as const);

export const reliabilitySchema = component('ReliabilityScore', {
  type: 'object',
  properties: {
    workflow_id: str,
    rank: int,
    reliability_score: num,
    success_rate: nullableNumber,
    success_rate_lower_bound: num,
    duration_spread: nullableNumber,
    total: int,
  },
} as const);

export const anomalySchema = component('Anomaly', {
  type: 'object',
  properties: {
    anomaly_id: str,
    workflow_id: str,
    metric_name: str,
    kind: {
      type: 'string',
      enum: ['point', 'collective', 'missing_run'],
      description:
        'point: one extreme run; collective: a shift; missing_run: an expected run did not start in time',
    },
    status: { type: 'string', enum: ['open', 'resolved'] },
    detected_at: rfc3339,
    resolved_at: { ...rfc3339, type: ['string', 'null'] },
    severity: { type: 'number', minimum: 0, maximum: 1 },
    deviation: num,
    baseline_value: num,
    actual_value: num,
    description: str,
    recommended_action: nullableString,
    started_at: rfc3339,
    ended_at: rfc3339,
    execution_ids: { type: 'array', items: str },
  },
} as const);

export const anomalyGroupSchema = component('AnomalyGroup', {
  type: 'object',
  properties: {
    group_id: str,
    status: { type: 'string', enum: ['open', 'resolved'] },
    severity: { type: 'number', minimum: 0, maximum: 1 },
    detected_at: rfc3339,
    resolved_at: { ...rfc3339, type: ['string', 'null'] },
    workflow_ids: { type: 'array', items: str },
    started_at: rfc3339,
    ended_at: rfc3339,
    anomalies: { type: 'array', items: anomalySchema },
  },
} as const);

const metricComparisonSchema = component('MetricComparison', {
  type: 'object',
  properties: { value: nullableNumber, difference: nullableNumber, percent_change: nullableNumber },
} as const);

export const comparisonSchema = component('Comparison', {
  type: 'object',
  properties: {
    reference_workflow_id: str,
    metrics: { type: 'array', items: str },
    workflows: {
      type: 'object',
      description: 'By workflow id, then by metric name',
      additionalProperties: { type: 'object', additionalProperties: metricComparisonSchema },
    },
  },
} as const);
