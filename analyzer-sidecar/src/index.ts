/**
 * The analyzer sidecar as a library: build the app (tests, embedding), and the
 * store interface the analysis layer asks its questions through.
 */
export { buildApp } from './app';
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
  DurationStats,
  SuccessRate,
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
