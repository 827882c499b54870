import { diag, type DiagLogLevel } from '@opentelemetry/api';
import { DEFAULT_METRICS_PORT, INSTRUMENTATION_ENV } from '../conventions';
import { EnvReader, type Env, type OtlpProtocol } from './env-reader';

/** Settings of the instrumentation, merged once from code options > environment > defaults. */
export interface InstrumentationConfig {
  /** `OTEL_SDK_DISABLED=true`: the API works and records nothing. */
  readonly disabled: boolean;
  /** Tempo (or any OTLP/HTTP receiver): full traces URL, or none. */
  readonly tracesUrl: string | undefined;
  /** The analyzer's base URL (`RPA_ANALYZER_URL`), or none. */
  readonly analyzerUrl: string | undefined;
  /** Extra headers for the analyzer (`RPA_ANALYZER_HEADERS`, `k=v,k2=v2`). */
  readonly analyzerHeaders: Readonly<Record<string, string>>;
  /** Port of the Prometheus endpoint; 0 picks a free one, -1 disables it. */
  readonly metricsPort: number;
  readonly metricsHost: string | undefined;
  /** Resource sampling period; 0 disables the sampler. */
  readonly resourceIntervalMs: number;
  /** Spans the analyzer-bound processor may hold before new ones are dropped (and counted). */
  readonly maxQueueSize: number;
  readonly maxExportBatchSize: number;
  /**
   * How long an ended span may wait before its batch goes to the analyzer
   * (`RPA_ANALYZER_BSP_SCHEDULE_DELAY`): short, so that live views see a step
   * within about this delay of its end.
   */
  readonly scheduledDelayMs: number;
  readonly exportTimeoutMs: number;
  /** The OTLP (Tempo) processor's batching: OpenTelemetry's `OTEL_BSP_*` variables and defaults. */
  readonly otlpMaxQueueSize: number;
  readonly otlpMaxExportBatchSize: number;
  readonly otlpScheduledDelayMs: number;
  readonly otlpExportTimeoutMs: number;
  /** `OTEL_EXPORTER_OTLP_TRACES_PROTOCOL` / `OTEL_EXPORTER_OTLP_PROTOCOL` of the OpenTelemetry destination. */
  readonly otlpProtocol: OtlpProtocol;
  /** How often resource gauges go to the analyzer (`OTEL_METRIC_EXPORT_INTERVAL`). */
  readonly metricExportIntervalMs: number;
  readonly metricExportTimeoutMs: number;
  /**
   * How long a flush on shutdown, on SIGTERM/SIGINT or before exit may take
   * (`RPA_SHUTDOWN_GRACE_MS`); what is still unexported then is dropped and counted.
   */
  readonly shutdownGraceMs: number;
  /** Flush on SIGTERM and SIGINT (then let the signal end the process if nothing else listens). */
  readonly flushOnSignals: boolean;
  /** `OTEL_LOG_LEVEL`: installs a console diag logger at this level; none when unset. */
  readonly logLevel: DiagLogLevel | undefined;
  /**
   * Prometheus series per-action step detail may use (`RPA_METRICS_SERIES_BUDGET`);
   * past it, steps of new action types are recorded as `rpa_step_action_type="_other"`.
   */
  readonly seriesBudget: number;
  /** Series each metric may hold before samples go to the overflow series (and are counted). */
  readonly cardinalityLimit: number;
}

export type InstrumentationOptions = Partial<InstrumentationConfig>;

export const DEFAULTS: Omit<InstrumentationConfig, 'tracesUrl' | 'analyzerUrl' | 'metricsHost' | 'logLevel'> =
  {
    disabled: false,
    analyzerHeaders: {},
    metricsPort: DEFAULT_METRICS_PORT,
    resourceIntervalMs: 1000,
    maxQueueSize: 4096,
    maxExportBatchSize: 512,
    scheduledDelayMs: 100,
    exportTimeoutMs: 10000,
    otlpMaxQueueSize: 2048,
    otlpMaxExportBatchSize: 512,
    otlpScheduledDelayMs: 5000,
    otlpExportTimeoutMs: 30000,
    otlpProtocol: 'http/protobuf',
    metricExportIntervalMs: 10000,
    metricExportTimeoutMs: 10000,
    shutdownGraceMs: 2000,
    flushOnSignals: true,
    // 200 workflows × ~15 action types × 3 statuses, with room to spare.
    cardinalityLimit: 20000,
    // About 4 MB per scrape: 260 (workflow, action type) pairs in full detail.
    seriesBudget: 20000,
  };

/**
 * Builds the configuration: code options win over the environment, which wins
 * over the defaults. A bad environment value is reported to `warn` (the diag
 * logger by default) and falls back to the default.
 */
export function loadConfig(
  options: InstrumentationOptions = {},
  env: Env = process.env,
  warn: (message: string) => void = (message) => diag.warn(message),
): InstrumentationConfig {
  const read = new EnvReader(env);
  const fromEnv: InstrumentationOptions = {
    disabled: read.boolean('OTEL_SDK_DISABLED'),
    tracesUrl: read.tracesUrl(),
    analyzerUrl: read.url(INSTRUMENTATION_ENV.analyzerUrl),
    analyzerHeaders: read.headers(INSTRUMENTATION_ENV.analyzerHeaders),
    metricsPort:
      read.integer(INSTRUMENTATION_ENV.metricsPort, -1, 65535) ??
      read.integer('OTEL_EXPORTER_PROMETHEUS_PORT', 0, 65535),
    metricsHost: read.string(INSTRUMENTATION_ENV.metricsHost) ?? read.string('OTEL_EXPORTER_PROMETHEUS_HOST'),
    resourceIntervalMs: read.integer(INSTRUMENTATION_ENV.resourceIntervalMs, 0, 3_600_000),
    maxQueueSize: read.integer(INSTRUMENTATION_ENV.maxQueueSize, 1, 1_000_000),
    scheduledDelayMs: read.integer(INSTRUMENTATION_ENV.analyzerScheduleDelayMs, 0, 60_000),
    otlpMaxQueueSize: read.integer('OTEL_BSP_MAX_QUEUE_SIZE', 1, 1_000_000),
    otlpMaxExportBatchSize: read.integer('OTEL_BSP_MAX_EXPORT_BATCH_SIZE', 1, 1_000_000),
    otlpScheduledDelayMs: read.integer('OTEL_BSP_SCHEDULE_DELAY', 0, 3_600_000),
    otlpExportTimeoutMs: read.integer('OTEL_BSP_EXPORT_TIMEOUT', 1, 3_600_000),
    otlpProtocol: read.otlpProtocol(),
    metricExportIntervalMs: read.integer('OTEL_METRIC_EXPORT_INTERVAL', 100, 86_400_000),
    metricExportTimeoutMs: read.integer('OTEL_METRIC_EXPORT_TIMEOUT', 1, 86_400_000),
    shutdownGraceMs: read.integer(INSTRUMENTATION_ENV.shutdownGraceMs, 0, 60_000),
    logLevel: read.logLevel(),
    cardinalityLimit: read.integer(INSTRUMENTATION_ENV.cardinalityLimit, 10, 10_000_000),
    seriesBudget: read.integer(INSTRUMENTATION_ENV.seriesBudget, 0, 100_000_000),
  };
  read.warnings.forEach(warn);
  const merged = { ...DEFAULTS, ...withoutUndefined(fromEnv), ...withoutUndefined(options) };
  return Object.freeze({
    ...merged,
    // A metric export may not outlast its interval (OpenTelemetry's rule for periodic readers).
    metricExportTimeoutMs: Math.min(merged.metricExportTimeoutMs, merged.metricExportIntervalMs),
    logLevel: merged.logLevel,
    analyzerHeaders: Object.freeze({ ...merged.analyzerHeaders }),
    tracesUrl: merged.tracesUrl,
    analyzerUrl: merged.analyzerUrl,
    metricsHost: merged.metricsHost,
  });
}

/** The analyzer's OTLP URL for a signal path (`/v1/traces`, `/v1/metrics`). */
export function analyzerSignalUrl(config: InstrumentationConfig, path: string): string | undefined {
  return config.analyzerUrl ? config.analyzerUrl.replace(/\/+$/, '') + path : undefined;
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

export { parseHeaders } from './env-reader';
export type { OtlpProtocol } from './env-reader';
