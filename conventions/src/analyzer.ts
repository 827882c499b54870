/** How executors and the Grafana plugin reach the analyzer sidecar. */
export const ANALYZER = {
  defaultPort: 4319,
  tracesPath: '/v1/traces',
  metricsPath: '/v1/metrics',
} as const;

/** Environment variables of the instrumentation (the OTEL_* ones are OpenTelemetry's). */
export const INSTRUMENTATION_ENV = {
  analyzerUrl: 'RPA_ANALYZER_URL',
  analyzerHeaders: 'RPA_ANALYZER_HEADERS',
  metricsPort: 'RPA_METRICS_PORT',
  metricsHost: 'RPA_METRICS_HOST',
  resourceIntervalMs: 'RPA_RESOURCE_INTERVAL_MS',
  maxQueueSize: 'RPA_MAX_QUEUE_SIZE',
  analyzerScheduleDelayMs: 'RPA_ANALYZER_BSP_SCHEDULE_DELAY',
  shutdownGraceMs: 'RPA_SHUTDOWN_GRACE_MS',
  cardinalityLimit: 'RPA_METRICS_CARDINALITY_LIMIT',
  seriesBudget: 'RPA_METRICS_SERIES_BUDGET',
} as const;

/** `service.name` of an executor that sets neither `OTEL_SERVICE_NAME` nor `OTEL_RESOURCE_ATTRIBUTES`. */
export const DEFAULT_SERVICE_NAME = 'rpa-executor';

/** Default Prometheus exporter port of an instrumented executor. */
export const DEFAULT_METRICS_PORT = 9464;

/**
 * The analyzer's own per-workflow metrics that alert rules and dashboards read
 * (`rpa_analyzer_*`, labels `rpa_workflow_id` and, for anomalies, `severity`).
 * Fractions are ratios in base units, `_ratio` (0.35 = 35 %), as Prometheus's
 * naming guide asks (https://prometheus.io/docs/practices/naming/#base-units);
 * until 0.1 they were `_percent` gauges on a 0–100 scale.
 */
export const ANALYZER_ALERT_METRICS = {
  successRate: 'rpa_analyzer_workflow_success_ratio',
  degradation: 'rpa_analyzer_workflow_degradation_ratio',
  p99Duration: 'rpa_analyzer_workflow_p99_duration_seconds',
  oldestRunningExecution: 'rpa_analyzer_running_execution_max_age_seconds',
  anomaliesOpen: 'rpa_analyzer_anomalies_open',
  /** 1 while an expected run of the workflow has not started within its tolerance, else 0. */
  runMissing: 'rpa_analyzer_workflow_run_missing',
  /** How long past its tolerance the missing run is, seconds (0 when none is missing). */
  runOverdue: 'rpa_analyzer_workflow_run_overdue_seconds',
  /** Target elements whose visual-match confidence the drift test flags (label `rpa_workflow_id`). */
  confidenceDriftTargets: 'rpa_analyzer_confidence_drift_targets',
  spansIngested: 'rpa_analyzer_spans_ingested_total',
  spansRejected: 'rpa_analyzer_spans_rejected_total',
  requestsRefused: 'rpa_analyzer_otlp_requests_refused_total',
} as const;

/** Severity bands of open anomalies (`severity` label): severity in [0, 1] cut at 0.4 and 0.7. */
export const SEVERITY_BANDS = { low: 'low', medium: 'medium', high: 'high' } as const;
export type SeverityBand = (typeof SEVERITY_BANDS)[keyof typeof SEVERITY_BANDS];

/** The band of a severity in [0, 1]. */
export function severityBand(severity: number): SeverityBand {
  if (severity >= 0.7) return SEVERITY_BANDS.high;
  if (severity >= 0.4) return SEVERITY_BANDS.medium;
  return SEVERITY_BANDS.low;
}
