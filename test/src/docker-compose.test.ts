import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import yaml from 'js-yaml';
import { PROVISIONING, REPO } from './support/prometheus-stack';
import { requireBinary, runTool } from './support/system';

interface ComposeService {
  image?: string;
  build?: { target?: string };
  healthcheck?: { test?: string[] };
  profiles?: string[];
  command?: string[];
  environment?: Record<string, string>;
}
const compose = yaml.load(readFileSync(join(REPO, 'docker-compose.yml'), 'utf8')) as {
  services: Record<string, ComposeService>;
};

/** The variables docker-compose.yml requires (`${VAR:?message}`), with no default. */
const TOKEN_VARIABLES = [
  'RPA_ANALYZER_VIEWER_TOKEN',
  'RPA_ANALYZER_EDITOR_TOKEN',
  'RPA_ANALYZER_ADMIN_TOKEN',
  'RPA_ANALYZER_INGEST_TOKEN',
] as const;
const TOKENS = Object.fromEntries(TOKEN_VARIABLES.map((name) => [name, `${name.toLowerCase()}-for-test`]));

/**
 * `docker-compose config -q` with exactly `tokens` set: the tokens are removed
 * from the inherited environment, and an empty --env-file stands in for the
 * repository's .env, which a developer may have filled.
 */
function composeConfig(
  tokens: Record<string, string>,
  profile?: string,
): { status: number | null; output: string } {
  const envFile = join(mkdtempSync(join(tmpdir(), 'rpa-compose-')), 'empty.env');
  writeFileSync(envFile, '');
  const env = { ...process.env };
  for (const name of TOKEN_VARIABLES) delete env[name];
  return runTool(
    requireBinary('docker-compose', 'docker-compose'),
    ['--env-file', envFile, ...(profile ? ['--profile', profile] : []), 'config', '-q'],
    REPO,
    { ...env, ...tokens },
  );
}

describe('docker-compose.yml', () => {
  it('passes docker-compose config -q with the tokens set', () => {
    const result = composeConfig(TOKENS);
    expect(result.output).toBe('');
    expect(result.status).toBe(0);
  });

  it.each(TOKEN_VARIABLES)('fails docker-compose config -q without %s, naming it', (missing) => {
    const rest = Object.fromEntries(Object.entries(TOKENS).filter(([name]) => name !== missing));
    const result = composeConfig(rest);
    expect(result.status).not.toBe(0);
    // The `?message` of the variable, as docker-compose (v1 and v2) reports it: ": set VAR (…".
    expect(result.output).toMatch(new RegExp(`: set ${missing} \\(`));
  });

  it('fails docker-compose config -q with no token set', () => {
    const result = composeConfig({});
    expect(result.status).not.toBe(0);
    expect(result.output).toMatch(/: set RPA_ANALYZER_\w+_TOKEN \(/);
  });

  it('pins every image, and Grafana at 12.4 or newer', () => {
    for (const [name, service] of Object.entries(compose.services)) {
      if (service.build) continue;
      expect([name, service.image]).toEqual([name, expect.stringMatching(/:v?\d+\.\d+\.\d+(\.\d+)?$/)]);
    }
    const [major, minor] = (compose.services.grafana?.image?.split(':')[1] ?? '0.0').split('.').map(Number);
    expect((major as number) * 100 + (minor as number)).toBeGreaterThanOrEqual(1204);
  });

  it('gives every service a healthcheck', () => {
    for (const [name, service] of Object.entries(compose.services)) {
      expect([name, service.healthcheck?.test?.[0]]).toEqual([name, 'CMD']);
    }
  });

  it('builds every built service from a target of the Dockerfile', () => {
    const targets = [...readFileSync(join(REPO, 'Dockerfile'), 'utf8').matchAll(/^FROM \S+ AS (\S+)$/gm)].map(
      (m) => m[1],
    );
    for (const [name, service] of Object.entries(compose.services)) {
      if (service.build) expect([name, targets.includes(service.build.target)]).toEqual([name, true]);
    }
  });

  it('points every Alertmanager receiver and Prometheus target at a service of the stack', () => {
    const alertmanager = yaml.load(
      readFileSync(join(PROVISIONING, 'alertmanager', 'alertmanager.yml'), 'utf8'),
    ) as { receivers: Array<{ name: string; webhook_configs?: Array<{ url: string }> }> };
    const prometheus = yaml.load(
      readFileSync(join(PROVISIONING, 'prometheus', 'prometheus.yml'), 'utf8'),
    ) as { scrape_configs: Array<{ job_name: string; static_configs: Array<{ targets: string[] }> }> };
    const hosts = [
      ...alertmanager.receivers.flatMap((r) => (r.webhook_configs ?? []).map((w) => new URL(w.url).hostname)),
      ...prometheus.scrape_configs
        .filter((job) => job.job_name !== 'prometheus')
        .flatMap((job) => job.static_configs.flatMap((s) => s.targets.map((t) => t.split(':')[0]))),
    ];
    expect(alertmanager.receivers.every((r) => (r.webhook_configs ?? []).length > 0)).toBe(true);
    for (const host of hosts)
      expect([host, compose.services[host as string] !== undefined]).toEqual([host, true]);
  });

  describe('profile clickhouse', () => {
    const inProfile = Object.entries(compose.services).filter(([, s]) => s.profiles?.includes('clickhouse'));
    const analyzers = inProfile.filter(([, s]) => s.command?.includes('--store'));

    it('passes docker-compose config -q with the tokens set', () => {
      const result = composeConfig(TOKENS, 'clickhouse');
      expect(result.output).toBe('');
      expect(result.status).toBe(0);
    });

    it('starts two analyzers on the ClickHouse store, with distinct instance ids, sharing one router', () => {
      expect(analyzers).toHaveLength(2);
      const ids = analyzers.map(([, s]) => s.environment?.RPA_ANALYZER_INSTANCE_ID);
      expect(new Set(ids).size).toBe(2);
      for (const [, service] of analyzers) {
        expect(
          service.command?.slice(service.command.indexOf('--store'), service.command.indexOf('--store') + 2),
        ).toEqual(['--store', 'clickhouse']);
        const router = new URL(service.environment?.RPA_ANALYZER_CLICKHOUSE_URL ?? '').hostname;
        expect(compose.services[router]?.profiles).toContain('clickhouse');
      }
    });

    it('lists in the cluster config exactly the shards the analyzers name, under the cluster they name', () => {
      const xml = readFileSync(join(PROVISIONING, 'clickhouse', 'cluster.xml'), 'utf8');
      for (const [, service] of analyzers) {
        const env = service.environment ?? {};
        const shards = (env.RPA_ANALYZER_CLICKHOUSE_SHARDS ?? '').split(',').map((u) => new URL(u).hostname);
        expect(shards).toHaveLength(2);
        for (const shard of shards) expect(compose.services[shard]?.profiles).toContain('clickhouse');
        expect([...xml.matchAll(/<host>([^<]+)<\/host>/g)].map((m) => m[1]).sort()).toEqual(
          [...shards].sort(),
        );
        expect(xml).toContain(`<${env.RPA_ANALYZER_CLICKHOUSE_CLUSTER}>`);
      }
    });

    it('keeps the default stack free of the profile', () => {
      const defaults = Object.entries(compose.services).filter(([, s]) => !s.profiles);
      expect(defaults.map(([name]) => name)).toContain('analyzer');
      expect(defaults.map(([name]) => name).filter((n) => n.includes('clickhouse'))).toEqual([]);
    });
  });
});
