import { diag } from '@opentelemetry/api';
import { DEFAULT_METRICS_PORT, INSTRUMENTATION_ENV, ANALYZER } from '../conventions';

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
  /** Series each metric may hold before samples go to the overflow series (and are counted). */
  readonly cardinalityLimit: number;
}

export type InstrumentationOptions = Partial<InstrumentationConfig>;

export const DEFAULTS: Omit<InstrumentationConfig, 'tracesUrl' | 'analyzerUrl' | 'metricsHost'> = {
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
  // 200 workflows × ~15 action types × 3 statuses, with room to spare.
  cardinalityLimit: 20000,
};

type Env = Readonly<Record<string, string | undefined>>;

/** Builds the configuration; a bad environment value warns and falls back to the default. */
export function loadConfig(
  options: InstrumentationOptions = {},
  env: Env = process.env,
): InstrumentationConfig {
  const fromEnv: InstrumentationOptions = {
    disabled: readBoolean(env, 'OTEL_SDK_DISABLED'),
    tracesUrl: readTracesUrl(env),
    analyzerUrl: readUrl(env, INSTRUMENTATION_ENV.analyzerUrl),
    analyzerHeaders: readHeaders(env, INSTRUMENTATION_ENV.analyzerHeaders),
    metricsPort: readInteger(env, INSTRUMENTATION_ENV.metricsPort, -1, 65535),
    metricsHost: env[INSTRUMENTATION_ENV.metricsHost] || undefined,
    resourceIntervalMs: readInteger(env, INSTRUMENTATION_ENV.resourceIntervalMs, 0, 3_600_000),
    maxQueueSize: readInteger(env, INSTRUMENTATION_ENV.maxQueueSize, 1, 1_000_000),
    scheduledDelayMs: readInteger(env, INSTRUMENTATION_ENV.analyzerScheduleDelayMs, 0, 60_000),
    otlpMaxQueueSize: readInteger(env, 'OTEL_BSP_MAX_QUEUE_SIZE', 1, 1_000_000),
    otlpMaxExportBatchSize: readInteger(env, 'OTEL_BSP_MAX_EXPORT_BATCH_SIZE', 1, 1_000_000),
    otlpScheduledDelayMs: readInteger(env, 'OTEL_BSP_SCHEDULE_DELAY', 0, 3_600_000),
    otlpExportTimeoutMs: readInteger(env, 'OTEL_BSP_EXPORT_TIMEOUT', 1, 3_600_000),
    cardinalityLimit: readInteger(env, INSTRUMENTATION_ENV.cardinalityLimit, 10, 10_000_000),
  };
  const merged = { ...DEFAULTS, ...withoutUndefined(fromEnv), ...withoutUndefined(options) };
  return Object.freeze({
    ...merged,
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

function readBoolean(env: Env, key: string): boolean | undefined {
  const raw = env[key]?.trim().toLowerCase();
  if (!raw) return undefined;
  if (raw === 'true') return true;
  if (raw === 'false') return false;
  diag.warn(`${key}=${env[key]} is not true or false; ignored`);
  return undefined;
}

function readInteger(env: Env, key: string, min: number, max: number): number | undefined {
  const raw = env[key]?.trim();
  if (!raw) return undefined;
  const value = Number(raw);
  if (Number.isInteger(value) && value >= min && value <= max) return value;
  diag.warn(`${key}=${raw} is not an integer in [${min}, ${max}]; using the default`);
  return undefined;
}

function readUrl(env: Env, key: string): string | undefined {
  const raw = env[key]?.trim();
  if (!raw) return undefined;
  try {
    const url = new URL(raw);
    if (url.protocol === 'http:' || url.protocol === 'https:') return raw;
  } catch {
    // reported below
  }
  diag.warn(`${key}=${raw} is not an http(s) URL; ignored`);
  return undefined;
}

/** OpenTelemetry's rule: the per-signal endpoint is used as is, the base one gets `/v1/traces`. */
function readTracesUrl(env: Env): string | undefined {
  const signal = readUrl(env, 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT');
  if (signal) return signal;
  const base = readUrl(env, 'OTEL_EXPORTER_OTLP_ENDPOINT');
  return base ? base.replace(/\/+$/, '') + ANALYZER.tracesPath : undefined;
}

/** Parses the `OTEL_EXPORTER_OTLP_HEADERS` format: `key=value` pairs, comma-separated, URL-encoded. */
export function parseHeaders(raw: string): Record<string, string> | undefined {
  const headers: Record<string, string> = {};
  for (const pair of raw.split(',')) {
    if (!pair.trim()) continue;
    const eq = pair.indexOf('=');
    if (eq <= 0) return undefined;
    try {
      headers[decodeURIComponent(pair.slice(0, eq).trim())] = decodeURIComponent(pair.slice(eq + 1).trim());
    } catch {
      return undefined;
    }
  }
  return headers;
}

function readHeaders(env: Env, key: string): Record<string, string> | undefined {
  const raw = env[key];
  if (!raw?.trim()) return undefined;
  const headers = parseHeaders(raw);
  if (!headers) diag.warn(`${key} is not a list of key=value pairs; ignored`);
  return headers;
}
