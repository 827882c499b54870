/**
 * The analyzer's configuration, merged once from CLI flags > environment
 * (`RPA_ANALYZER_*`) > JSON config file > defaults, validated, frozen. The only
 * module that reads `process.env`.
 */
import { readFileSync } from 'node:fs';
import { ANALYZER } from '@rpa-analytics/instrumentation/conventions';
import type { FailureRuleConfig } from '../analysis/failure-categories';
import { parseFailureRules } from './failure-rules-config';
import { parseTokens, type RoleToken } from './tokens';
import { DEFAULT_UI, type UiConfig } from './ui-config';

export interface DuckDbConfig {
  /** DuckDB `memory_limit`, e.g. `1GB`. */
  readonly memoryLimit: string;
  readonly threads: number;
  /** DuckDB `temp_directory` for spilling; defaults under the data directory. */
  readonly tempDir: string | undefined;
}

export interface IngestConfig {
  /** Largest request body as sent (compressed or not). */
  readonly maxBodyBytes: number;
  /** Largest body after gzip decompression, enforced while streaming. */
  readonly maxDecompressedBytes: number;
  /** How long the writer waits to group requests into one commit. */
  readonly flushIntervalMs: number;
  /** Rows that trigger a flush before the interval. */
  readonly maxBatchRows: number;
  /** Rows waiting for a commit beyond which requests are shed with 429. */
  readonly maxPendingRows: number;
}

/** Periods of the analyses the API and the alert gauges serve (see config/analysis-defaults). */
export interface AnalysisConfig {
  /** Degradation: the period compared against, just before the current one. */
  readonly degradationBaselineMs: number;
  /** Degradation and the success-rate gauge: the most recent period. */
  readonly degradationCurrentMs: number;
  /** Default window of `/analytics/success-rates` (and of the success-rate gauge). */
  readonly successRateWindowMs: number;
  /** How much history each anomaly pass reads. */
  readonly anomalyLookbackMs: number;
  /** Period of the anomaly, insight and alert-gauge refresh; 0 disables the timer. */
  readonly refreshIntervalMs: number;
  /** Insight impact: the period after an implementation that is measured. */
  readonly impactPeriodMs: number;
  /** User failure categories, tried in order before the built-in rules. */
  readonly failureRules: readonly FailureRuleConfig[];
  /** Alertmanager base URL the analyzer pushes its live alerts to (v2 API); none: no push. */
  readonly alertmanagerUrl: string | undefined;
  /** Period of the re-post of active alerts (and of the stuck-execution check). */
  readonly alertResendIntervalMs: number;
  /** A running execution without a new step for this long raises RpaAnalyzerExecutionStuck. */
  readonly stuckExecutionMs: number;
}

export interface AnalyzerConfig {
  readonly port: number;
  readonly host: string;
  readonly dataDir: string;
  readonly insecureLocal: boolean;
  readonly logLevel: string;
  readonly tokens: readonly RoleToken[];
  readonly ingestToken: string | undefined;
  readonly duckdb: DuckDbConfig;
  readonly ingest: IngestConfig;
  /** Period of the retention job; 0 disables it. */
  readonly retentionIntervalMs: number;
  readonly analysis: AnalysisConfig;
  /** The standalone UI at /ui; DEFAULT_UI when absent. */
  readonly ui?: UiConfig;
}

/** What the CLI passes (flags win over everything). */
export interface ConfigOverrides {
  readonly port?: number;
  readonly dataDir?: string;
  readonly configFile?: string;
  readonly insecureLocal?: boolean;
}

export class ConfigError extends Error {
  constructor(
    readonly key: string,
    message: string,
  ) {
    super(`${key}: ${message}`);
    this.name = 'ConfigError';
  }
}

export const DEFAULT_INGEST: IngestConfig = {
  maxBodyBytes: 16 * 1024 * 1024,
  maxDecompressedBytes: 64 * 1024 * 1024,
  flushIntervalMs: 20,
  maxBatchRows: 20_000,
  maxPendingRows: 200_000,
};

const DAY_MS = 86_400_000;

export const DEFAULT_ANALYSIS: AnalysisConfig = {
  degradationBaselineMs: 7 * DAY_MS,
  degradationCurrentMs: DAY_MS,
  successRateWindowMs: DAY_MS,
  anomalyLookbackMs: 7 * DAY_MS,
  refreshIntervalMs: 60_000,
  impactPeriodMs: 7 * DAY_MS,
  failureRules: [],
  alertmanagerUrl: undefined,
  alertResendIntervalMs: 30_000,
  stuckExecutionMs: 15 * 60_000,
};

type Env = Readonly<Record<string, string | undefined>>;
type FileConfig = Readonly<Record<string, unknown>>;

/** Reads and validates the configuration; throws a ConfigError naming the bad key. */
export function loadConfig(overrides: ConfigOverrides = {}, env: Env = process.env): AnalyzerConfig {
  const file = overrides.configFile ? readConfigFile(overrides.configFile) : {};
  const source = new ConfigSource(env, file);
  const dataDir = overrides.dataDir ?? source.string('RPA_ANALYZER_DATA_DIR', 'dataDir') ?? '.data';
  const insecureLocal =
    overrides.insecureLocal ?? source.boolean('RPA_ANALYZER_INSECURE_LOCAL', 'insecureLocal') ?? false;
  const tokensRaw = source.string('RPA_ANALYZER_TOKENS', 'tokens');
  const config: AnalyzerConfig = {
    port: overrides.port ?? source.integer('RPA_ANALYZER_PORT', 'port', 0, 65535) ?? ANALYZER.defaultPort,
    host: insecureLocal ? '127.0.0.1' : (source.string('RPA_ANALYZER_HOST', 'host') ?? '0.0.0.0'),
    dataDir,
    insecureLocal,
    logLevel:
      source.pattern('RPA_ANALYZER_LOG_LEVEL', 'logLevel', /^(fatal|error|warn|info|debug|trace|silent)$/) ??
      'info',
    tokens: tokensRaw === undefined ? [] : parseTokensNamed(tokensRaw),
    ingestToken: source.string('RPA_ANALYZER_INGEST_TOKEN', 'ingestToken'),
    duckdb: {
      memoryLimit:
        source.pattern(
          'RPA_ANALYZER_DUCKDB_MEMORY_LIMIT',
          'duckdbMemoryLimit',
          /^\d+(\.\d+)?\s?[KMGT]i?B$/,
        ) ?? '1GB',
      threads: source.integer('RPA_ANALYZER_DUCKDB_THREADS', 'duckdbThreads', 1, 256) ?? 2,
      tempDir: source.string('RPA_ANALYZER_DUCKDB_TEMP_DIR', 'duckdbTempDir'),
    },
    ingest: {
      maxBodyBytes:
        source.integer('RPA_ANALYZER_MAX_BODY_BYTES', 'maxBodyBytes', 1024, 2 ** 31) ??
        DEFAULT_INGEST.maxBodyBytes,
      maxDecompressedBytes:
        source.integer('RPA_ANALYZER_MAX_DECOMPRESSED_BYTES', 'maxDecompressedBytes', 1024, 2 ** 31) ??
        DEFAULT_INGEST.maxDecompressedBytes,
      flushIntervalMs:
        source.integer('RPA_ANALYZER_FLUSH_INTERVAL_MS', 'flushIntervalMs', 0, 60_000) ??
        DEFAULT_INGEST.flushIntervalMs,
      maxBatchRows:
        source.integer('RPA_ANALYZER_MAX_BATCH_ROWS', 'maxBatchRows', 1, 10_000_000) ??
        DEFAULT_INGEST.maxBatchRows,
      maxPendingRows:
        source.integer('RPA_ANALYZER_MAX_PENDING_ROWS', 'maxPendingRows', 1, 100_000_000) ??
        DEFAULT_INGEST.maxPendingRows,
    },
    retentionIntervalMs:
      source.integer('RPA_ANALYZER_RETENTION_INTERVAL_MS', 'retentionIntervalMs', 0, 7 * 86_400_000) ??
      3_600_000,
    analysis: analysisConfig(source),
    ui: {
      dir: source.string('RPA_ANALYZER_UI_DIR', 'uiDir') ?? DEFAULT_UI.dir,
      sessionTtlMs:
        source.integer('RPA_ANALYZER_UI_SESSION_TTL_MS', 'uiSessionTtlMs', 60_000, 30 * DAY_MS) ??
        DEFAULT_UI.sessionTtlMs,
    },
  };
  return deepFreeze(config);
}

function analysisConfig(source: ConfigSource): AnalysisConfig {
  const period = (
    envKey: string,
    fileKey: Exclude<keyof AnalysisConfig, 'failureRules' | 'alertmanagerUrl'>,
    min: number,
  ) => source.integer(envKey, fileKey, min, 366 * DAY_MS) ?? DEFAULT_ANALYSIS[fileKey];
  return {
    degradationBaselineMs: period('RPA_ANALYZER_DEGRADATION_BASELINE_MS', 'degradationBaselineMs', 1000),
    degradationCurrentMs: period('RPA_ANALYZER_DEGRADATION_CURRENT_MS', 'degradationCurrentMs', 1000),
    successRateWindowMs: period('RPA_ANALYZER_SUCCESS_RATE_WINDOW_MS', 'successRateWindowMs', 1000),
    anomalyLookbackMs: period('RPA_ANALYZER_ANOMALY_LOOKBACK_MS', 'anomalyLookbackMs', 1000),
    refreshIntervalMs: period('RPA_ANALYZER_REFRESH_INTERVAL_MS', 'refreshIntervalMs', 0),
    impactPeriodMs: period('RPA_ANALYZER_IMPACT_PERIOD_MS', 'impactPeriodMs', 1000),
    failureRules: failureRules(source),
    alertmanagerUrl: source.pattern('RPA_ANALYZER_ALERTMANAGER_URL', 'alertmanagerUrl', /^https?:\/\/\S+$/),
    alertResendIntervalMs: period('RPA_ANALYZER_ALERT_RESEND_INTERVAL_MS', 'alertResendIntervalMs', 100),
    stuckExecutionMs: period('RPA_ANALYZER_STUCK_EXECUTION_MS', 'stuckExecutionMs', 1000),
  };
}

function failureRules(source: ConfigSource): FailureRuleConfig[] {
  const entry = source.raw('RPA_ANALYZER_FAILURE_RULES', 'failureRules');
  if (!entry) return [];
  const parsed = parseFailureRules(entry[1]);
  if ('error' in parsed) throw new ConfigError(entry[0], parsed.error);
  return parsed.rules;
}

function parseTokensNamed(raw: string): RoleToken[] {
  const parsed = parseTokens(raw);
  if (!parsed.ok) throw new ConfigError('RPA_ANALYZER_TOKENS', parsed.error);
  return parsed.tokens;
}

function readConfigFile(path: string): FileConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError('--config', `cannot read ${path}: ${(error as Error).message}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new ConfigError('--config', `${path} is not JSON: ${(error as Error).message}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new ConfigError('--config', `${path} must hold a JSON object`);
  }
  const known = new Set(FILE_KEYS);
  for (const key of Object.keys(parsed)) {
    if (!known.has(key)) throw new ConfigError(key, `unknown key in ${path}`);
  }
  return parsed as FileConfig;
}

const FILE_KEYS = [
  'port',
  'host',
  'dataDir',
  'insecureLocal',
  'logLevel',
  'tokens',
  'ingestToken',
  'duckdbMemoryLimit',
  'duckdbThreads',
  'duckdbTempDir',
  'maxBodyBytes',
  'maxDecompressedBytes',
  'flushIntervalMs',
  'maxBatchRows',
  'maxPendingRows',
  'retentionIntervalMs',
  'degradationBaselineMs',
  'degradationCurrentMs',
  'successRateWindowMs',
  'anomalyLookbackMs',
  'refreshIntervalMs',
  'impactPeriodMs',
  'uiDir',
  'uiSessionTtlMs',
  'failureRules',
  'alertmanagerUrl',
  'alertResendIntervalMs',
  'stuckExecutionMs',
];

/** Environment first, then the config file; each value validated and named when wrong. */
class ConfigSource {
  constructor(
    private readonly env: Env,
    private readonly file: FileConfig,
  ) {}

  /** The key it came from and its value, environment first. */
  raw(envKey: string, fileKey: string): [string, unknown] | undefined {
    const fromEnv = this.env[envKey];
    if (fromEnv !== undefined && fromEnv.trim() !== '') return [envKey, fromEnv.trim()];
    if (this.file[fileKey] !== undefined) return [fileKey, this.file[fileKey]];
    return undefined;
  }

  string(envKey: string, fileKey: string): string | undefined {
    const entry = this.raw(envKey, fileKey);
    if (!entry) return undefined;
    const [key, value] = entry;
    if (typeof value !== 'string' || value === '') throw new ConfigError(key, 'must be a non-empty string');
    return value;
  }

  pattern(envKey: string, fileKey: string, pattern: RegExp): string | undefined {
    const value = this.string(envKey, fileKey);
    if (value !== undefined && !pattern.test(value))
      throw new ConfigError(envKey, `"${value}" does not match ${pattern}`);
    return value;
  }

  integer(envKey: string, fileKey: string, min: number, max: number): number | undefined {
    const entry = this.raw(envKey, fileKey);
    if (!entry) return undefined;
    const [key, value] = entry;
    const number = typeof value === 'string' ? Number(value) : value;
    if (typeof number !== 'number' || !Number.isInteger(number) || number < min || number > max) {
      throw new ConfigError(key, `must be an integer in [${min}, ${max}], got ${JSON.stringify(value)}`);
    }
    return number;
  }

  boolean(envKey: string, fileKey: string): boolean | undefined {
    const entry = this.raw(envKey, fileKey);
    if (!entry) return undefined;
    const [key, value] = entry;
    if (value === true || value === 'true') return true;
    if (value === false || value === 'false') return false;
    throw new ConfigError(key, `must be true or false, got ${JSON.stringify(value)}`);
  }
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}
