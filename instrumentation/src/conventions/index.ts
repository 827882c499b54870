/**
 * The RPA wire contract, re-exported from `@rpa-analytics/conventions` (its
 * zero-dependency home) so that `@rpa-analytics/instrumentation/conventions`
 * keeps working.
 *
 * @packageDocumentation
 */
export {
  SPAN_NAMES,
  INSTRUMENTATION_SCOPE,
  RPA_SPAN_PREFIX,
  ATTR,
  CONTEXT_ATTR_PREFIX,
  RESOURCE_ATTR,
  RESOURCE_IDENTITY_ATTR,
  EXECUTION_STATUS,
  STEP_STATUS,
  RECOVERY_OUTCOME,
  FAILURE_CATEGORY,
  METRICS,
  DROP_REASON,
  RESOURCE_METRICS,
  RESOURCE_METRIC_ATTR,
  DURATION_BUCKETS_SECONDS,
  CONFIDENCE_BUCKETS,
  STEP_ACTION_ROLLUP,
  toPrometheusLabel,
  ANALYZER,
  ANALYZER_ALERT_METRICS,
  INSTRUMENTATION_ENV,
  DEFAULT_METRICS_PORT,
  DEFAULT_SERVICE_NAME,
  SEVERITY_BANDS,
  severityBand,
} from '@rpa-analytics/conventions';
export type {
  RpaSpanName,
  ExecutionStatus,
  StepStatus,
  RecoveryOutcome,
  FailureCategory,
  MetricDefinition,
  InstrumentKind,
  DropReason,
  SeverityBand,
} from '@rpa-analytics/conventions';
