/**
 * Response types of the analyzer's REST API, as served on the wire (snake_case,
 * times as RFC 3339 strings in UTC).
 *
 * They mirror the sidecar's schemas (analyzer-sidecar `src/model/analysis.ts`,
 * `src/model/records.ts`, `src/store/aggregate-catalog.ts`,
 * `src/insights/impact-tracking.ts`; the wire contract in the project brief) and
 * will be imported from `@rpa-analytics/analyzer-sidecar` once it exports them;
 * until then this is the only module of the plugin that spells them out.
 */

/** RFC 3339 timestamp in UTC with milliseconds. */
export type Timestamp = string;

export type ExecutionStatus = 'running' | 'completed' | 'failed' | 'cancelled';
export type StepStatus = 'completed' | 'failed' | 'skipped';

export interface Page<T> {
  items: T[];
  total: number;
  next_cursor: string | null;
}

export interface StepMetrics {
  step_id: string;
  execution_id: string;
  workflow_id: string;
  node_id: string;
  action_type: string;
  target_element: string;
  started_at: Timestamp;
  completed_at: Timestamp;
  duration_ms: number;
  status: StepStatus;
  confidence_score: number | null;
  retry_count: number;
  error_details: string | null;
  error_type?: string | null;
  trace_id?: string | null;
}

export interface ExecutionMetrics {
  execution_id: string;
  workflow_id: string;
  started_at: Timestamp;
  completed_at: Timestamp | null;
  duration_ms: number | null;
  status: ExecutionStatus;
  steps_total: number;
  steps_completed: number;
  steps_failed: number;
  error_message: string | null;
  error_type?: string | null;
  context?: Record<string, string | number | boolean>;
  service_name?: string | null;
  host_name?: string | null;
  trace_id?: string | null;
  span_id?: string | null;
  /** Present with `include=steps`. */
  steps?: StepMetrics[];
}

export interface Bottleneck {
  node_id: string;
  action_type: string;
  count: number;
  avg_duration_ms: number;
  p95_duration_ms: number;
  max_duration_ms?: number;
  total_duration_ms?: number;
  /** Share of all step time of the workflow, in [0, 1]. */
  share_of_execution_time: number;
  rank?: number;
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

export interface Degradation {
  workflow_id: string;
  degraded: boolean;
  statistic?: 'avg' | 'median' | 'p95';
  threshold_percent?: number;
  change_percent: number | null;
  baseline: DurationSummary;
  current: DurationSummary;
}

export interface SuccessRate {
  workflow_id: string;
  /** completed / (completed + failed) × 100; null when nothing finished. */
  success_rate: number | null;
  total: number;
  completed: number;
  failed: number;
  /** With `window_ms`: every window of the range, oldest first (empty windows have a null rate). */
  windows?: Array<{ window_start: Timestamp; window_end: Timestamp; success_rate: number | null }>;
}

export interface FailureExample {
  execution_id: string;
  step_id: string | null;
  error_type: string | null;
  message: string | null;
}

export interface FailureCategory {
  category: string;
  count: number;
  examples: FailureExample[];
}

export interface FailureBreakdown {
  categories: FailureCategory[];
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

export interface Anomaly {
  anomaly_id: string;
  workflow_id: string;
  metric_name: string;
  detected_at: Timestamp;
  started_at: Timestamp;
  ended_at: Timestamp;
  /** In [0, 1]. */
  severity: number;
  deviation: number;
  baseline_value: number;
  actual_value: number;
  description: string;
  recommended_action: string | null;
  execution_ids: string[];
  /** `point`: one extreme run; `collective`: a shift (analyzers before the live round omit it). */
  kind?: 'point' | 'collective';
  status?: 'open' | 'resolved';
  resolved_at?: Timestamp | null;
}

export interface AnomalyGroup {
  group_id: string;
  status?: 'open' | 'resolved';
  workflow_ids: string[];
  started_at: Timestamp;
  ended_at: Timestamp;
  anomalies: Anomaly[];
}

export interface AnomalyList {
  items: Anomaly[];
  correlated_groups: AnomalyGroup[];
  total?: number;
  next_cursor?: string | null;
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
  created_at: Timestamp;
  expected_change?: ExpectedChange;
  implemented?: boolean;
}

/** Body of `POST /analytics/insights/{id}/implementation`. */
export interface InsightImplementation {
  implemented: boolean;
  actual_impact?: Record<string, unknown>;
}

export type ImpactVerdict = 'met' | 'partial' | 'none' | 'worse' | 'unmeasured';

/** What an implemented insight achieved against what it expected (sidecar `insights/impact-tracking`). */
export interface ImpactReport {
  insight_id: string;
  workflow_id: string;
  metric: string;
  baseline_value: number;
  expected_value: number;
  actual_value: number | null;
  expected_change_percent: number;
  actual_change_percent: number | null;
  /** Actual change / expected change: 1 means exactly as expected. */
  realized_ratio: number | null;
  verdict: ImpactVerdict;
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

export type Aggregation = 'avg' | 'sum' | 'count' | 'min' | 'max' | 'p50' | 'p95' | 'p99';

/** Metrics `/analytics/aggregate` accepts (the sidecar's aggregate catalog). */
export type AggregateMetric =
  | 'execution_duration_ms'
  | 'execution_steps_total'
  | 'execution_steps_failed'
  | 'execution_cpu_percent_avg'
  | 'execution_memory_mb_max'
  | 'step_duration_ms'
  | 'step_confidence_score'
  | 'step_retry_count'
  | 'resource_cpu_percent'
  | 'resource_memory_mb'
  | 'resource_gpu_utilization';

/** One row of `/analytics/aggregate`: group-by column → value (`hour`/`day` as RFC 3339 bucket start). */
export interface AggregateRow {
  group: Record<string, string | null>;
  value: number | null;
  count: number;
}

/** An execution in flight (`/analytics/executions/live`, and the stream's execution.* events). */
export interface LiveExecution {
  execution_id: string;
  workflow_id: string;
  status: 'running' | 'completed' | 'failed' | 'cancelled';
  started_at: Timestamp;
  /** Null while running. */
  completed_at: Timestamp | null;
  elapsed_ms: number;
  steps_total: number | null;
  steps_completed: number;
  steps_failed: number;
  current_step: { node_id: string; action_type: string } | null;
}

export type LiveEventType =
  | 'execution.started'
  | 'execution.progress'
  | 'execution.ended'
  | 'anomaly.opened'
  | 'anomaly.resolved'
  | 'incident.opened'
  | 'incident.resolved';

/** One event of `GET /analytics/stream`. */
export type LiveEvent =
  | { type: 'execution.started' | 'execution.progress' | 'execution.ended'; id: number; data: LiveExecution }
  | { type: 'anomaly.opened' | 'anomaly.resolved'; id: number; data: Anomaly }
  | { type: 'incident.opened' | 'incident.resolved'; id: number; data: AnomalyGroup };

/** Data sets of `GET /analytics/export/{dataset}` and their file formats. */
export type ExportDataset = 'executions' | 'steps' | 'anomalies' | 'insights';
export type ExportFormat = 'csv' | 'jsonl' | 'parquet';

/** Report templates of `GET /reports/{template}` (analyzer `src/reports/report-request.ts`). */
export type ReportTemplate = 'fleet' | 'workflow' | 'anomalies' | 'insights';
export type ReportFormat = 'pdf' | 'html';

/** What a share link serves: one report over one range. */
export interface ShareTarget {
  template: ReportTemplate;
  format?: ReportFormat;
  /** Epoch milliseconds when created; the analyzer lists them as RFC 3339. */
  from: number | Timestamp;
  to: number | Timestamp;
  workflow_id?: string;
  view?: string;
}

/** A link as `GET /share-links` lists it (never with its token). */
export interface ShareLink {
  link_id: string;
  target: ShareTarget;
  expires_at: Timestamp;
  created_at?: Timestamp;
  owner?: string;
  /** Computed by the analyzer when it lists the link. */
  state?: 'active' | 'expired' | 'revoked';
  revoked_at?: Timestamp | null;
}

/** `POST /share-links` answer: the token and its URL are shown this once. */
export interface CreatedShareLink extends ShareLink {
  /** Path on the analyzer, `/shared/<token>`. */
  url: string;
  token: string;
}
