/**
 * The analyzer's configuration, merged once from CLI flags > environment
 * (`RPA_ANALYZER_*`) > JSON config file > defaults, validated, frozen. The only
 * module that reads `process.env`.
 */
import { readFileSync } from 'node:fs';
import { ANALYZER } from '@rpa-analytics/conventions';
import type { FailureRuleConfig } from '../analysis/failure-categories';
import { DEFAULT_FAILED_AUTH, type FailedAuthOptions } from '../api/failed-auth-limiter';
import { ConfigError, ConfigSource, type Env, type FileConfig } from './config-source';
import { DELIVERY_FILE_KEYS, deliveryConfig, type DeliveryConfig } from './delivery-config';
import { parseFailureRules } from './failure-rules-config';
import { INGEST_FILE_KEYS, ingestConfig, type IngestConfig } from './ingest-config';
import { STORE_FILE_KEYS, storeConfig, type StoreConfig } from './store-config';
import { parseTokens, type RoleToken } from './tokens';
import type { WalRecovery } from '../store/duckdb/store-corruption';
import { DEFAULT_MAX_SESSIONS, DEFAULT_UI, type UiConfig } from './ui-config';

export { ConfigError } from './config-source';
export { DEFAULT_INGEST, type IngestConfig } from './ingest-config';
export { NO_DELIVERY, type DeliveryConfig } from './delivery-config';
export type { ClickHouseConfig, StoreConfig } from './store-config';

export interface DuckDbConfig {
  /** DuckDB `memory_limit`, e.g. `1GB`. */
  readonly memoryLimit: string;
  readonly threads: number;
  /** DuckDB `temp_directory` for spilling; defaults under the data directory. */
  readonly tempDir: string | undefined;
  /** A write-ahead log DuckDB cannot apply: refuse to start (default) or move it aside and start. */
  readonly walRecovery?: WalRecovery;
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
  /** Period of the missing-run check (and, every fifth, of the drift gauge); 0 disables the timer. */
  readonly expectedRunCheckIntervalMs: number;
}

export interface AnalyzerConfig {
  readonly port: number;
  readonly host: string;
  readonly dataDir: string;
  readonly insecureLocal: boolean;
  readonly logLevel: string;
  readonly tokens: readonly RoleToken[];
  readonly ingestToken: string | undefined;
  /** Accept unauthenticated OTLP on a non-loopback address (otherwise the start is refused without an ingest token). */
  readonly ingestOpen?: boolean;
  readonly duckdb: DuckDbConfig;
  readonly ingest: IngestConfig;
  /** Period of the retention job; 0 disables it. */
  readonly retentionIntervalMs: number;
  /** How often the clustering job checks whether the hot executions are due; 0 disables it. Default 60 s. */
  readonly clusteringIntervalMs?: number;
  readonly analysis: AnalysisConfig;
  /** The standalone UI at /ui; DEFAULT_UI when absent. */
  readonly ui?: UiConfig;
  /** Failed authentications allowed per client address per window; DEFAULT_FAILED_AUTH when absent. */
  readonly authFailures?: FailedAuthOptions;
  /** SMTP of scheduled report e-mails; none (NO_DELIVERY) when absent. */
  readonly delivery?: DeliveryConfig;
  /** Where the records live; the embedded DuckDB file under dataDir when absent. */
  readonly store?: StoreConfig;
}

/** What the CLI passes (flags win over everything). */
export interface ConfigOverrides {
  readonly port?: number;
  readonly dataDir?: string;
  readonly configFile?: string;
  readonly insecureLocal?: boolean;
  /** `--store duckdb|clickhouse`. */
  readonly store?: string;
}

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
  expectedRunCheckIntervalMs: 60_000,
};

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
    ingestOpen: source.boolean('RPA_ANALYZER_INGEST_OPEN', 'ingestOpen') ?? false,
    duckdb: {
      memoryLimit:
        source.pattern(
          'RPA_ANALYZER_DUCKDB_MEMORY_LIMIT',
          'duckdbMemoryLimit',
          /^\d+(\.\d+)?\s?[KMGT]i?B$/,
        ) ?? '1GB',
      threads: source.integer('RPA_ANALYZER_DUCKDB_THREADS', 'duckdbThreads', 1, 256) ?? 2,
      tempDir: source.string('RPA_ANALYZER_DUCKDB_TEMP_DIR', 'duckdbTempDir'),
      walRecovery:
        (source.pattern('RPA_ANALYZER_WAL_RECOVERY', 'walRecovery', /^(refuse|quarantine)$/) as
          WalRecovery | undefined) ?? 'refuse',
    },
    ingest: ingestConfig(source),
    retentionIntervalMs:
      source.integer('RPA_ANALYZER_RETENTION_INTERVAL_MS', 'retentionIntervalMs', 0, 7 * 86_400_000) ??
      3_600_000,
    clusteringIntervalMs:
      source.integer('RPA_ANALYZER_CLUSTERING_INTERVAL_MS', 'clusteringIntervalMs', 0, 86_400_000) ?? 60_000,
    analysis: analysisConfig(source),
    authFailures: {
      max:
        source.integer('RPA_ANALYZER_AUTH_FAILURE_LIMIT', 'authFailureLimit', 1, 1_000_000) ??
        DEFAULT_FAILED_AUTH.max,
      windowMs:
        source.integer('RPA_ANALYZER_AUTH_FAILURE_WINDOW_MS', 'authFailureWindowMs', 1000, DAY_MS) ??
        DEFAULT_FAILED_AUTH.windowMs,
    },
    ui: {
      dir: source.string('RPA_ANALYZER_UI_DIR', 'uiDir') ?? DEFAULT_UI.dir,
      sessionTtlMs:
        source.integer('RPA_ANALYZER_UI_SESSION_TTL_MS', 'uiSessionTtlMs', 60_000, 30 * DAY_MS) ??
        DEFAULT_UI.sessionTtlMs,
      maxSessions:
        source.integer('RPA_ANALYZER_UI_MAX_SESSIONS', 'uiMaxSessions', 1, 1_000_000) ?? DEFAULT_MAX_SESSIONS,
      grafanaUrl: source.pattern('RPA_ANALYZER_GRAFANA_URL', 'grafanaUrl', /^https?:\/\/[^\s"<>]+$/),
    },
    delivery: deliveryConfig(source),
    store: storeConfig(source, overrides.store),
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
    expectedRunCheckIntervalMs: period(
      'RPA_ANALYZER_EXPECTED_RUN_CHECK_INTERVAL_MS',
      'expectedRunCheckIntervalMs',
      0,
    ),
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
  'ingestOpen',
  'duckdbMemoryLimit',
  'duckdbThreads',
  'duckdbTempDir',
  'walRecovery',
  ...INGEST_FILE_KEYS,
  'retentionIntervalMs',
  'clusteringIntervalMs',
  'degradationBaselineMs',
  'degradationCurrentMs',
  'successRateWindowMs',
  'anomalyLookbackMs',
  'refreshIntervalMs',
  'impactPeriodMs',
  'uiDir',
  'uiSessionTtlMs',
  'uiMaxSessions',
  'grafanaUrl',
  'authFailureLimit',
  'authFailureWindowMs',
  'failureRules',
  'alertmanagerUrl',
  'alertResendIntervalMs',
  'stuckExecutionMs',
  'expectedRunCheckIntervalMs',
  ...DELIVERY_FILE_KEYS,
  ...STORE_FILE_KEYS,
];

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}
