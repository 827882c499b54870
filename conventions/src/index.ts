/**
 * The RPA wire contract as typed constants: span names, attribute keys, metric
 * instruments, enum values and endpoints. The instrumentation, the analyzer
 * sidecar and the Grafana plugin import these; nothing retypes them. No
 * dependencies: the analyzer installs no OpenTelemetry SDK for them.
 *
 * @packageDocumentation
 */
export { SPAN_NAMES, INSTRUMENTATION_SCOPE, RPA_SPAN_PREFIX } from './spans';
export type { RpaSpanName } from './spans';
export {
  ATTR,
  CONTEXT_ATTR_PREFIX,
  RESOURCE_ATTR,
  RESOURCE_IDENTITY_ATTR,
  EXECUTION_STATUS,
  STEP_STATUS,
  RECOVERY_OUTCOME,
  FAILURE_CATEGORY,
} from './attributes';
export type { ExecutionStatus, StepStatus, RecoveryOutcome, FailureCategory } from './attributes';
export {
  METRICS,
  DROP_REASON,
  RESOURCE_METRICS,
  RESOURCE_METRIC_ATTR,
  DURATION_BUCKETS_SECONDS,
  CONFIDENCE_BUCKETS,
  STEP_ACTION_ROLLUP,
  toPrometheusLabel,
} from './metrics';
export type { MetricDefinition, InstrumentKind, DropReason } from './metrics';
export {
  ANALYZER,
  ANALYZER_ALERT_METRICS,
  INSTRUMENTATION_ENV,
  DEFAULT_METRICS_PORT,
  DEFAULT_SERVICE_NAME,
  SEVERITY_BANDS,
  severityBand,
} from './analyzer';
export type { SeverityBand } from './analyzer';
