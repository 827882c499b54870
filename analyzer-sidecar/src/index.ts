/**
 * The analyzer sidecar as a library: build the app (tests, embedding), and the
 * store interface the analysis layer asks its questions through.
 */
export { buildApp } from './app';
export { buildOpenApiDocument } from './api/openapi/openapi-document';
export type { AnalyzerServices, AppOptions } from './app';
export { loadConfig, ConfigError, DEFAULT_INGEST } from './config/config';
export type { AnalyzerConfig, ConfigOverrides, DuckDbConfig, IngestConfig } from './config/config';
export type { Role, RoleToken } from './config/tokens';
export type {
  Store,
  ExecutionFilter,
  ExecutionCursor,
  ExecutionPage,
  RangeQuery,
  WorkflowDurationSummary,
  InsertCounts,
} from './store/store';
export {
  AGGREGATIONS,
  AGGREGATE_METRICS,
  GROUP_BY_COLUMNS,
  InvalidQueryError,
} from './store/aggregate-catalog';
export type { Aggregation, AggregateMetric, AggregateQuery, AggregateRow } from './store/aggregate-catalog';
export { DuckDbStore } from './store/duckdb/duckdb-store';
export { RECORD_TYPES, emptyBatch, batchSize } from './model/records';
export type {
  ExecutionRecord,
  StepRecord,
  RecoveryRecord,
  ResourceRecord,
  RecordBatch,
  RecordType,
  StoredExecutionStatus,
} from './model/records';
export { DEFAULT_RETENTION_POLICY } from './archive/retention-policy';
export type { RetentionPolicy, RetentionRule } from './archive/retention-policy';
export { errorSchema } from './api/schemas/common';
export { executionSchema, stepSchema } from './api/schemas/execution-schema';
export { DEFAULT_ANALYSIS } from './config/config';
export type { AnalysisConfig } from './config/config';
export type {
  AnalysisStore,
  DurationSpread,
  FailureRow,
  RunningExecutionAge,
  SeriesRecords,
  StepColumns,
} from './store/analysis-store';
export type { ImplementationStore, InsightImplementation } from './store/implementation-store';
export { createAnalysisServices } from './services/analysis-services';
export type { AnalysisServices, AnalysisServiceOptions } from './services/analysis-services';
export type { ImplementationStatus, TrackedInsight } from './services/insight-tracking';
export { COMPARABLE_METRICS } from './services/workflow-metrics';
export {
  anomalyGroupSchema,
  anomalySchema,
  bottleneckSchema,
  comparisonSchema,
  durationSummarySchema,
  failureBreakdownSchema,
  performanceSchema,
  reliabilitySchema,
  successRateSchema,
} from './api/schemas/analysis-model-schemas';
export { insightSchema, implementationSchema } from './api/schemas/insight-schemas';
export {
  anomaliesRouteSchema,
  bottlenecksRouteSchema,
  compareRouteSchema,
  degradationRouteSchema,
  failuresRouteSchema,
  implementationRouteSchema,
  insightsRouteSchema,
  performanceRouteSchema,
  reliabilityRouteSchema,
  successRatesRouteSchema,
} from './api/schemas/analysis-route-schemas';
export { signWebhook, verifyWebhook, SIGNATURE_HEADER, TIMESTAMP_HEADER } from './delivery/webhook-signature';
export { scheduleSchema } from './api/schemas/schedule-schemas';
export { shareLinkSchema } from './api/schemas/share-link-schemas';
export type { Schedule, ScheduleSpec, ScheduledReport, ReportRange } from './schedules/schedule';
export type { ShareLink, ShareTarget, LinkState } from './sharing/share-link';
