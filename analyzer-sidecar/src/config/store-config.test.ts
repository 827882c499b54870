import { ConfigError, loadConfig } from './config';

const CH = {
  RPA_ANALYZER_STORE: 'clickhouse',
  RPA_ANALYZER_CLICKHOUSE_URL: 'http://router:8123',
};

describe('store configuration', () => {
  it('defaults to the embedded DuckDB store, with an instance id of its own', () => {
    const store = loadConfig({}, {}).store;
    expect(store).toMatchObject({ kind: 'duckdb', clickhouse: undefined });
    expect(store?.instanceId).toMatch(/^[A-Za-z0-9._:-]+$/);
    expect(loadConfig({}, {}).store?.instanceId).not.toBe(store?.instanceId);
  });

  it('reads a ClickHouse cluster from the environment, and --store wins over it', () => {
    const config = loadConfig(
      {},
      {
        ...CH,
        RPA_ANALYZER_CLICKHOUSE_CLUSTER: 'rpa',
        RPA_ANALYZER_CLICKHOUSE_SHARDS: 'http://s1:8123, http://s2:8123',
        RPA_ANALYZER_CLICKHOUSE_USER: 'rpa',
        RPA_ANALYZER_INSTANCE_ID: 'analyzer-1',
      },
    );
    expect(config.store).toEqual({
      kind: 'clickhouse',
      instanceId: 'analyzer-1',
      clickhouse: {
        url: 'http://router:8123',
        username: 'rpa',
        password: undefined,
        database: 'default',
        cluster: { name: 'rpa', shards: ['http://s1:8123', 'http://s2:8123'] },
      },
    });
    expect(loadConfig({ store: 'duckdb' }, CH).store?.kind).toBe('duckdb');
  });

  it.each([
    [{}, { store: 'postgres' }, '--store'],
    [{ RPA_ANALYZER_STORE: 'mysql' }, {}, 'RPA_ANALYZER_STORE'],
    [{ RPA_ANALYZER_STORE: 'clickhouse' }, {}, 'RPA_ANALYZER_CLICKHOUSE_URL'],
    [{ ...CH, RPA_ANALYZER_CLICKHOUSE_URL: 'router:8123' }, {}, 'RPA_ANALYZER_CLICKHOUSE_URL'],
    [{ ...CH, RPA_ANALYZER_CLICKHOUSE_CLUSTER: 'rpa' }, {}, 'RPA_ANALYZER_CLICKHOUSE_SHARDS'],
    [{ ...CH, RPA_ANALYZER_CLICKHOUSE_SHARDS: 'http://s1:8123' }, {}, 'RPA_ANALYZER_CLICKHOUSE_CLUSTER'],
    [
      { ...CH, RPA_ANALYZER_CLICKHOUSE_CLUSTER: 'rpa', RPA_ANALYZER_CLICKHOUSE_SHARDS: 'http://s1:8123,s2' },
      {},
      'RPA_ANALYZER_CLICKHOUSE_SHARDS',
    ],
    [{ ...CH, RPA_ANALYZER_CLICKHOUSE_CLUSTER: 'r;DROP' }, {}, 'RPA_ANALYZER_CLICKHOUSE_CLUSTER'],
    [{ RPA_ANALYZER_INSTANCE_ID: 'a b' }, {}, 'RPA_ANALYZER_INSTANCE_ID'],
  ])('names the bad key in %j %j', (env, overrides, key) => {
    expect(() => loadConfig(overrides, env)).toThrow(ConfigError);
    expect(() => loadConfig(overrides, env)).toThrow(new RegExp(`^${key}:`));
  });
});
