/**
 * What the analysis produces: the seed's PerformanceStats, Anomaly and Insight
 * plus the shapes the contract fixes for bottlenecks, degradation, success
 * rates, failure categories, correlated groups and comparisons. Field names are
 * snake_case as the REST API serves them; times are epoch milliseconds here.
 */

/** Exact summary of a set of durations (type-7 percentiles, sample std dev). */
export interface DurationSummary {
  count: number;
  avg_duration_ms: number | null;
  median_duration_ms: number | null;
  p95_duration_ms: number | null;
  p99_duration_ms: number | null;
  min_duration_ms: number | null;
  max_duration_ms: number | null;
  std_dev_ms: number | null;
}

/** Per-node step aggregate: what the store may compute with one GROUP BY. */
export interface NodeSummary {
  workflow_id: string;
  node_id: string;
  /** The node's most frequent action type (ties: the smallest name). */
  action_type: string;
  count: number;
  total_duration_ms: number;
  avg_duration_ms: number;
  p95_duration_ms: number;
  max_duration_ms: number;
  failed_count: number;
  retry_total: number;
}

export interface Bottleneck {
  node_id: string;
  action_type: string;
  count: number;
  avg_duration_ms: number;
  p95_duration_ms: number;
  max_duration_ms: number;
  total_duration_ms: number;
  /** The node's share of all step time of the workflow, in [0, 1]. */
  share_of_execution_time: number;
  /** 1 for the slowest node. */
  rank: number;
}

export interface PerformanceStats {
  workflow_id: string;
  time_period: string;
  execution_count: number;
  avg_duration_ms: number | null;
  median_duration_ms: number | null;
  p95_duration_ms: number | null;
  p99_duration_ms: number | null;
  min_duration_ms: number | null;
  max_duration_ms: number | null;
  std_dev_ms: number | null;
  slowest_steps: Bottleneck[];
}

export type DegradationStatistic = 'avg' | 'median' | 'p95';

export interface Degradation {
  workflow_id: string;
  degraded: boolean;
  statistic: DegradationStatistic;
  threshold_percent: number;
  /** Change of the statistic, current vs baseline, in percent; null without data. */
  change_percent: number | null;
  baseline: DurationSummary;
  current: DurationSummary;
}

/** Finished-execution counts: what the store may compute with one GROUP BY. */
export interface SuccessCounts {
  workflow_id: string;
  completed: number;
  failed: number;
}

export interface SuccessRate extends SuccessCounts {
  /** completed + failed (cancelled and running executions are not counted). */
  total: number;
  /** completed / total × 100; null when nothing finished. */
  success_rate: number | null;
}

export interface SuccessRateWindow extends SuccessRate {
  window_start: number;
  window_end: number;
}

export interface FailureExample {
  execution_id: string;
  step_id: string | null;
  error_type: string | null;
  message: string | null;
}

export interface FailureCategoryCount {
  category: string;
  count: number;
  examples: FailureExample[];
}

export interface FailureBreakdown {
  categories: FailureCategoryCount[];
}

export interface ReliabilityScore {
  workflow_id: string;
  rank: number;
  reliability_score: number;
  success_rate: number | null;
  success_rate_lower_bound: number;
  duration_spread: number | null;
  total: number;
}

/** `point`: one extreme observation; `collective`: a window of them moved (a shift, an outage). */
/** `missing_run`: an expected run did not start within its tolerance (services/healing/missing-runs). */
export type AnomalyKind = 'point' | 'collective' | 'missing_run';
/** `open` while the episode lasts; `resolved` once the series is back to normal. */
export type AnomalyStatus = 'open' | 'resolved';

export interface Anomaly {
  anomaly_id: string;
  workflow_id: string;
  metric_name: string;
  kind: AnomalyKind;
  status: AnomalyStatus;
  /** When the analyzer noticed the episode. */
  detected_at: number;
  /** When the analyzer saw it end; null while open. */
  resolved_at: number | null;
  /** In [0, 1]. */
  severity: number;
  /** Peak deviation from the baseline, in baseline standard deviations (signed). */
  deviation: number;
  baseline_value: number;
  actual_value: number;
  description: string;
  recommended_action: string | null;
  /** Data time of the episode's first and last involved observation. */
  started_at: number;
  ended_at: number;
  execution_ids: string[];
}

export interface AnomalyGroup {
  group_id: string;
  /** Open while any member is open. */
  status?: AnomalyStatus;
  workflow_ids: string[];
  started_at: number;
  ended_at: number;
  anomalies: Anomaly[];
}

/** A correlated group stored with its lifecycle: its id stays while members join. */
export interface Incident extends AnomalyGroup {
  status: AnomalyStatus;
  /** Of its strongest member. */
  severity: number;
  /** When the analyzer opened it; when it saw its last member resolve (null while open). */
  detected_at: number;
  resolved_at: number | null;
}

export type InsightCategory = 'performance' | 'reliability' | 'resource' | 'best_practice';
export type Ease = 'easy' | 'medium' | 'hard';

/** The quantified expectation an insight makes, for impact tracking. */
export interface ExpectedChange {
  metric: string;
  baseline_value: number;
  expected_value: number;
  change_percent: number;
}

export interface Insight {
  insight_id: string;
  workflow_id: string;
  category: InsightCategory;
  title: string;
  description: string;
  recommendation: string;
  expected_impact: string;
  ease_of_implementation: Ease;
  priority_score: number;
  supporting_data: Record<string, unknown>;
  created_at: number;
  expected_change: ExpectedChange;
}

export interface MetricComparison {
  value: number | null;
  /** value − the reference workflow's value. */
  difference: number | null;
  /** difference / reference × 100; null when the reference is 0 or missing. */
  percent_change: number | null;
}

export interface Comparison {
  reference_workflow_id: string;
  metrics: string[];
  workflows: Record<string, Record<string, MetricComparison>>;
}
