/**
 * Types of the analyzer's REST API under the names the pages use. The shapes are
 * GENERATED from the analyzer's route schemas (its /openapi.json) into
 * ./generated/analyzer-api.ts by `npm run generate:types -w grafana-plugin`; this
 * module only names them, so the plugin never retypes the API. Request-side
 * vocabularies the spec states as query strings (aggregations, metrics) are named here.
 */
import type { components, paths } from './generated/analyzer-api';

type Schemas = components['schemas'];
/** Fields the analyzer sends only on request (`include=steps`, `window_ms`) or when it has them. */
type Optional<T, K extends keyof T> = Omit<T, K> & Partial<Pick<T, K>>;
type Json<P extends keyof paths, M extends keyof paths[P]> = paths[P][M] extends {
  responses: { 200: { content: { 'application/json': infer B } } };
}
  ? B
  : never;

/** RFC 3339 timestamp in UTC with milliseconds. */
export type Timestamp = string;

export type ExecutionStatus = Schemas['ExecutionMetrics']['status'];
export type StepStatus = Schemas['StepMetrics']['status'];

export interface Page<T> {
  items: T[];
  total: number;
  next_cursor: string | null;
}

export type StepMetrics = Schemas['StepMetrics'];
/** `steps` is present with `include=steps` only. */
export type ExecutionMetrics = Optional<Schemas['ExecutionMetrics'], 'steps'>;
export type Bottleneck = Schemas['Bottleneck'];
export type PerformanceStats = Schemas['PerformanceStats'];
export type Degradation = Schemas['GetAnalyticsDegradationResponse'];
export type DurationSummary = Degradation['baseline'];
/** completed / (completed + failed) × 100 (null when nothing finished); `windows` with `window_ms` only. */
export type SuccessRate = Optional<Schemas['SuccessRateWithWindows'], 'windows'>;
export type FailureBreakdown = Schemas['GetAnalyticsFailuresResponse'];
export type FailureCategory = FailureBreakdown['categories'][number];
export type FailureExample = FailureCategory['examples'][number];
export type ReliabilityScore = Schemas['ReliabilityScore'];
export type Anomaly = Schemas['Anomaly'];
export type AnomalyGroup = Schemas['AnomalyGroup'];
export type AnomalyList = Schemas['GetAnalyticsAnomaliesResponse'];
/** `expected_change` only where the insight quantifies one; implementation tracking once marked. */
export type Insight = Optional<Schemas['Insight'], 'expected_change' | 'implemented' | 'implementation'>;
export type InsightCategory = Insight['category'];
export type Ease = Insight['ease_of_implementation'];
/** The quantified expectation an insight makes, for impact tracking. */
export type ExpectedChange = Schemas['Insight']['expected_change'];
/** Body of `POST /analytics/insights/{id}/implementation`. */
export type InsightImplementation = Schemas['PostAnalyticsInsightsIdImplementationRequest'];
/** What an implemented insight achieved against what it expected. */
export type ImpactReport = Schemas['ImpactReport'];
export type ImpactVerdict = ImpactReport['verdict'];
export type MetricComparison = Schemas['MetricComparison'];
export type Comparison = Schemas['Comparison'];
/** One row of `/analytics/aggregate`: group-by column → value (`hour`/`day` as RFC 3339 bucket start). */
export type AggregateRow = Json<'/analytics/aggregate', 'get'>['items'][number];
/** An execution in flight (`/analytics/executions/live`, and the stream's execution.* events). */
export type LiveExecution = Schemas['LiveExecution'];

type AggregateQuery = paths['/analytics/aggregate']['get']['parameters']['query'];
export type Aggregation = AggregateQuery['aggregation'];
/** Metrics `/analytics/aggregate` accepts (the sidecar's aggregate catalog). */
export type AggregateMetric = AggregateQuery['metric'];

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

type ExportParameters = paths['/analytics/export/{dataset}']['get']['parameters'];
/** Data sets of `GET /analytics/export/{dataset}` and their file formats. */
export type ExportDataset = ExportParameters['path']['dataset'];
export type ExportFormat = ExportParameters['query']['format'];

type ReportParameters = paths['/reports/{template}']['get']['parameters'];
/** Report templates of `GET /reports/{template}` and their formats. */
export type ReportTemplate = ReportParameters['path']['template'];
export type ReportFormat = NonNullable<NonNullable<ReportParameters['query']>['format']>;

/**
 * What a share link serves: one report over one range, as the plugin sends it (epoch
 * milliseconds, which the analyzer's `from`/`to` accept beside RFC 3339; it answers in RFC 3339).
 */
export type ShareTarget = Omit<Schemas['PostShareLinksRequest']['target'], 'from' | 'to'> & {
  from: number;
  to: number;
};

/** A link as `GET /share-links` lists it (never with its token). */
export type ShareLink = Schemas['ShareLink'];
/** `POST /share-links` answer: the token and its URL (`/shared/<token>`) are shown this once. */
export type CreatedShareLink = Schemas['CreatedShareLink'];

/** `GET /analytics/healing`: recoveries grouped by strategy, target element or workflow, with totals. */
export type HealingReport = Schemas['GetAnalyticsHealingResponse'];
export type HealingGroup = HealingReport['items'][number];
export type HealingGroupBy = NonNullable<
  NonNullable<paths['/analytics/healing']['get']['parameters']['query']>['group_by']
>;
/** A recovery that succeeded while a later step of the same execution still failed. */
export type FailureAfterRecovery = Schemas['GetAnalyticsHealingFailuresAfterRecoveryResponse']['items'][number];
/** `GET /analytics/confidence-drift`: one Mann–Kendall decline test per (workflow, target). */
export type ConfidenceDrift = Schemas['GetAnalyticsConfidenceDriftResponse'];
export type DriftingTarget = ConfidenceDrift['items'][number];
export type HealingDebt = Schemas['GetAnalyticsHealingDebtResponse']['items'][number];
/** `GET /analytics/time-saved`: per workflow and the fleet total. */
export type TimeSaved = Schemas['GetAnalyticsTimeSavedResponse'];
export type WorkflowTimeSaved = TimeSaved['items'][number];
/** Each workflow's expected next run (cron or learned cadence) and whether it is missing. */
export type ExpectedRun = Schemas['GetAnalyticsExpectedRunsResponse']['items'][number];
/** Queue (start − requested_at) and run time per workflow. */
export type QueueTime = Schemas['GetAnalyticsQueueTimesResponse']['items'][number];
/** A workflow's stored settings (manual effort, cost, expected cadence). */
export type WorkflowSettings = Schemas['GetAnalyticsWorkflowSettingsResponse']['items'][number];
/** Body of `PUT /analytics/workflow-settings/{workflow_id}` (replaces the whole record). */
export type WorkflowSettingsUpdate = Schemas['PutAnalyticsWorkflowSettingsWorkflowIdRequest'];
