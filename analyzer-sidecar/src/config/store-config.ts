/**
 * Which backend keeps the records: the embedded DuckDB file (default: one
 * analyzer) or a ClickHouse cluster that several analyzers share.
 */
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { ConfigError, type ConfigSource } from './config-source';

export type StoreKind = 'duckdb' | 'clickhouse';

export interface ClickHouseConfig {
  /** The router every query and insert goes to (`http://host:8123`). */
  readonly url: string;
  readonly username: string | undefined;
  readonly password: string | undefined;
  readonly database: string;
  /**
   * The cluster of the router's `remote_servers` and its shards' URLs: the
   * analyzer creates the shard-local tables on each and Distributed tables on
   * the router. None: the router keeps every row itself.
   */
  readonly cluster: { readonly name: string; readonly shards: readonly string[] } | undefined;
}

export interface StoreConfig {
  readonly kind: StoreKind;
  /** Set when kind is clickhouse. */
  readonly clickhouse: ClickHouseConfig | undefined;
  /**
   * This analyzer among those sharing the cluster: names its leases on
   * workflows' detection. Unique per process by default.
   */
  readonly instanceId: string;
}

export const STORE_FILE_KEYS = [
  'store',
  'clickhouseUrl',
  'clickhouseUser',
  'clickhousePassword',
  'clickhouseDatabase',
  'clickhouseCluster',
  'clickhouseShards',
  'instanceId',
];

const HTTP_URL = /^https?:\/\/[^\s"<>]+$/;

export function storeConfig(source: ConfigSource, storeFlag: string | undefined): StoreConfig {
  const kind =
    storeFlag ?? source.pattern('RPA_ANALYZER_STORE', 'store', /^(duckdb|clickhouse)$/) ?? 'duckdb';
  if (kind !== 'duckdb' && kind !== 'clickhouse')
    throw new ConfigError('--store', 'must be duckdb or clickhouse');
  const instanceId =
    source.pattern('RPA_ANALYZER_INSTANCE_ID', 'instanceId', /^[A-Za-z0-9._:-]{1,128}$/) ??
    defaultInstanceId();
  return { kind, clickhouse: kind === 'clickhouse' ? clickhouseConfig(source) : undefined, instanceId };
}

function clickhouseConfig(source: ConfigSource): ClickHouseConfig {
  const url = source.pattern('RPA_ANALYZER_CLICKHOUSE_URL', 'clickhouseUrl', HTTP_URL);
  if (url === undefined)
    throw new ConfigError('RPA_ANALYZER_CLICKHOUSE_URL', 'is required with the clickhouse store');
  const name = source.pattern(
    'RPA_ANALYZER_CLICKHOUSE_CLUSTER',
    'clickhouseCluster',
    /^[A-Za-z_][A-Za-z0-9_]*$/,
  );
  const shardsRaw = source.string('RPA_ANALYZER_CLICKHOUSE_SHARDS', 'clickhouseShards');
  const shards = shardsRaw === undefined ? [] : parseShards(shardsRaw);
  if ((name === undefined) !== (shards.length === 0))
    throw new ConfigError(
      name === undefined ? 'RPA_ANALYZER_CLICKHOUSE_CLUSTER' : 'RPA_ANALYZER_CLICKHOUSE_SHARDS',
      'the cluster name and its shard URLs go together',
    );
  return {
    url,
    username: source.string('RPA_ANALYZER_CLICKHOUSE_USER', 'clickhouseUser'),
    password: source.string('RPA_ANALYZER_CLICKHOUSE_PASSWORD', 'clickhousePassword'),
    database:
      source.pattern('RPA_ANALYZER_CLICKHOUSE_DATABASE', 'clickhouseDatabase', /^[A-Za-z_][A-Za-z0-9_]*$/) ??
      'default',
    cluster: name === undefined ? undefined : { name, shards },
  };
}

function parseShards(raw: string): string[] {
  const shards = raw
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  for (const shard of shards) {
    if (!HTTP_URL.test(shard))
      throw new ConfigError('RPA_ANALYZER_CLICKHOUSE_SHARDS', `"${shard}" is not an http(s) URL`);
  }
  if (shards.length === 0) throw new ConfigError('RPA_ANALYZER_CLICKHOUSE_SHARDS', 'lists no shard URL');
  return shards;
}

function defaultInstanceId(): string {
  const host =
    hostname()
      .replace(/[^A-Za-z0-9._-]/g, '_')
      .slice(0, 64) || 'analyzer';
  return `${host}-${process.pid}-${randomBytes(3).toString('hex')}`;
}

/** The instance id of a configuration (tests build configurations without a store section). */
export function instanceIdOf(config: { readonly store?: StoreConfig }): string {
  return config.store?.instanceId ?? 'analyzer';
}
