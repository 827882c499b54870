import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from './config';
import { parseTokens, roleAllows } from './tokens';

describe('loadConfig', () => {
  it('merges flags over environment over file over defaults, frozen', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'rpa-config-')), 'config.json');
    writeFileSync(
      file,
      JSON.stringify({ port: 5000, duckdbThreads: 3, tokens: 'viewer:viewer-token-from-file' }),
    );
    const config = loadConfig(
      { configFile: file, dataDir: '/data' },
      { RPA_ANALYZER_PORT: '6000', RPA_ANALYZER_DUCKDB_MEMORY_LIMIT: '2GB' },
    );
    expect(config).toMatchObject({
      port: 6000,
      dataDir: '/data',
      duckdb: { threads: 3, memoryLimit: '2GB' },
    });
    expect(config.tokens).toEqual([{ role: 'viewer', token: 'viewer-token-from-file' }]);
    expect(Object.isFrozen(config.duckdb)).toBe(true);
  });

  it('binds 127.0.0.1 with --insecure-local', () => {
    expect(loadConfig({ insecureLocal: true }, { RPA_ANALYZER_HOST: '0.0.0.0' }).host).toBe('127.0.0.1');
  });

  it.each([
    [{ RPA_ANALYZER_PORT: 'eighty' }, 'RPA_ANALYZER_PORT'],
    [{ RPA_ANALYZER_DUCKDB_THREADS: '0' }, 'RPA_ANALYZER_DUCKDB_THREADS'],
    [{ RPA_ANALYZER_DUCKDB_MEMORY_LIMIT: 'lots' }, 'RPA_ANALYZER_DUCKDB_MEMORY_LIMIT'],
    [{ RPA_ANALYZER_TOKENS: 'root:secret-secret' }, 'RPA_ANALYZER_TOKENS'],
    [{ RPA_ANALYZER_TOKENS: 'admin:short' }, 'RPA_ANALYZER_TOKENS'],
    [{ RPA_ANALYZER_INSECURE_LOCAL: 'yes' }, 'RPA_ANALYZER_INSECURE_LOCAL'],
    [{ RPA_ANALYZER_CLUSTERING_INTERVAL_MS: '-1' }, 'RPA_ANALYZER_CLUSTERING_INTERVAL_MS'],
  ])('names the bad key in %j', (env, key) => {
    expect(() => loadConfig({}, env)).toThrow(ConfigError);
    expect(() => loadConfig({}, env)).toThrow(new RegExp(`^${key}:`));
  });

  it('names an unknown key of the config file', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'rpa-config-')), 'config.json');
    writeFileSync(file, JSON.stringify({ prot: 1 }));
    expect(() => loadConfig({ configFile: file }, {})).toThrow(/^prot:/);
  });
});

describe('tokens', () => {
  it('parses role:token lists and orders roles viewer < editor < admin', () => {
    expect(parseTokens('viewer:aaaaaaaa, admin:bbbbbbbb')).toEqual({
      ok: true,
      tokens: [
        { role: 'viewer', token: 'aaaaaaaa' },
        { role: 'admin', token: 'bbbbbbbb' },
      ],
    });
    expect(roleAllows('admin', 'viewer')).toBe(true);
    expect(roleAllows('editor', 'admin')).toBe(false);
  });
});

describe('RPA_ANALYZER_GRAFANA_URL', () => {
  it('takes an http(s) URL for the standalone UI trace links', () => {
    const env = { RPA_ANALYZER_GRAFANA_URL: 'https://grafana.example:3000' };
    expect(loadConfig({ insecureLocal: true }, env).ui?.grafanaUrl).toBe('https://grafana.example:3000');
  });

  it.each(['javascript:alert(1)', 'http://x/"><script>'])('refuses %s naming the variable', (url) => {
    expect(() => loadConfig({ insecureLocal: true }, { RPA_ANALYZER_GRAFANA_URL: url })).toThrow(
      /RPA_ANALYZER_GRAFANA_URL/,
    );
  });
});

describe('RPA_ANALYZER_SMTP_URL / RPA_ANALYZER_SMTP_FROM', () => {
  it('takes an smtp(s) URL and a From address; none means no e-mail deliveries', () => {
    const env = {
      RPA_ANALYZER_SMTP_URL: 'smtps://u:p@mail.example:465',
      RPA_ANALYZER_SMTP_FROM: 'RPA <r@example.com>',
    };
    expect(loadConfig({ insecureLocal: true }, env).delivery).toEqual({
      smtpUrl: 'smtps://u:p@mail.example:465',
      smtpFrom: 'RPA <r@example.com>',
    });
    expect(loadConfig({ insecureLocal: true }, {}).delivery).toEqual({
      smtpUrl: undefined,
      smtpFrom: undefined,
    });
  });

  it.each([
    [{ RPA_ANALYZER_SMTP_URL: 'http://mail.example' }, /^RPA_ANALYZER_SMTP_URL:/],
    [{ RPA_ANALYZER_SMTP_URL: 'smtp://mail.example' }, /^RPA_ANALYZER_SMTP_FROM: is required/],
    [{ RPA_ANALYZER_SMTP_URL: 'smtp://m', RPA_ANALYZER_SMTP_FROM: 'no address' }, /^RPA_ANALYZER_SMTP_FROM:/],
  ])('refuses %j naming the variable', (env, message) => {
    expect(() => loadConfig({ insecureLocal: true }, env)).toThrow(message);
  });
});
