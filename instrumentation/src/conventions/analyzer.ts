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
  cardinalityLimit: 'RPA_METRICS_CARDINALITY_LIMIT',
} as const;

/** Default Prometheus exporter port of an instrumented executor. */
export const DEFAULT_METRICS_PORT = 9464;
