import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import yaml from 'js-yaml';
import { freePort, httpOk, requireBinary, RunningProcess, waitFor } from './system';

export const REPO = join(__dirname, '..', '..', '..');
export const PROVISIONING = join(REPO, 'provisioning');

interface ScrapeConfig {
  job_name: string;
  scrape_interval?: string;
  static_configs: Array<{ targets: string[] }>;
}
interface PrometheusConfig {
  global: Record<string, string>;
  rule_files: string[];
  alerting: { alertmanagers: Array<{ static_configs: Array<{ targets: string[] }> }> };
  scrape_configs: ScrapeConfig[];
}

/** Where the stack's host names point in a test: host:port as docker-compose names them → 127.0.0.1:port. */
export type TargetMap = Record<string, string>;

/**
 * The repository's prometheus.yml with only what a test must change: targets and
 * Alertmanager on 127.0.0.1 ports, the rules' path, and a short scrape and
 * evaluation interval (the rules themselves are the repository's, unchanged).
 */
export function rewritePrometheusConfig(
  targets: TargetMap,
  rulesDir: string,
  intervalSeconds: number,
): string {
  const config = yaml.load(
    readFileSync(join(PROVISIONING, 'prometheus', 'prometheus.yml'), 'utf8'),
  ) as PrometheusConfig;
  const map = (target: string) => targets[target] ?? target;
  config.global = {
    ...config.global,
    scrape_interval: `${intervalSeconds}s`,
    evaluation_interval: `${intervalSeconds}s`,
  };
  config.rule_files = [join(rulesDir, '*.yml')];
  for (const manager of config.alerting.alertmanagers) {
    for (const statics of manager.static_configs) statics.targets = statics.targets.map(map);
  }
  for (const job of config.scrape_configs) {
    for (const statics of job.static_configs) statics.targets = statics.targets.map(map);
  }
  return yaml.dump(config);
}

/** The repository's alertmanager.yml with its webhooks pointed at `webhookBase`. */
export function rewriteAlertmanagerConfig(webhookBase: string): string {
  const text = readFileSync(join(PROVISIONING, 'alertmanager', 'alertmanager.yml'), 'utf8');
  return text.replaceAll('http://alert-webhook:5001', webhookBase);
}

export class Alertmanager {
  private constructor(
    readonly url: string,
    private readonly process: RunningProcess,
  ) {}

  static async start(webhookBase: string): Promise<Alertmanager> {
    const binary = requireBinary('prometheus-alertmanager', 'prometheus-alertmanager');
    const dir = mkdtempSync(join(tmpdir(), 'rpa-am-'));
    writeFileSync(join(dir, 'alertmanager.yml'), rewriteAlertmanagerConfig(webhookBase));
    const port = await freePort();
    const process = new RunningProcess(binary, [
      `--config.file=${join(dir, 'alertmanager.yml')}`,
      `--storage.path=${join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--cluster.listen-address=',
    ]);
    const url = `http://127.0.0.1:${port}`;
    await waitFor(`Alertmanager at ${url}\n${process.log}`, () => httpOk(`${url}/-/ready`), 30_000);
    return new Alertmanager(url, process);
  }

  /** Alerts as Alertmanager's API v2 lists them (active, silenced and inhibited ones). */
  async alerts(): Promise<
    Array<{ labels: Record<string, string>; status: { state: string }; endsAt: string }>
  > {
    const response = await fetch(`${this.url}/api/v2/alerts`);
    return (await response.json()) as Array<{
      labels: Record<string, string>;
      status: { state: string };
      endsAt: string;
    }>;
  }

  stop(): Promise<void> {
    return this.process.stop();
  }
}

export class Prometheus {
  private constructor(
    readonly url: string,
    private readonly process: RunningProcess,
  ) {}

  static async start(targets: TargetMap, intervalSeconds: number): Promise<Prometheus> {
    const binary = requireBinary('prometheus', 'prometheus');
    const dir = mkdtempSync(join(tmpdir(), 'rpa-prom-'));
    const rulesDir = join(dir, 'rules');
    cpSync(join(PROVISIONING, 'prometheus', 'rules'), rulesDir, { recursive: true });
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    writeFileSync(
      join(dir, 'prometheus.yml'),
      rewritePrometheusConfig(
        { 'localhost:9090': `127.0.0.1:${port}`, ...targets },
        rulesDir,
        intervalSeconds,
      ),
    );
    const process = new RunningProcess(binary, [
      `--config.file=${join(dir, 'prometheus.yml')}`,
      `--storage.tsdb.path=${join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--web.enable-lifecycle',
    ]);
    await waitFor(`Prometheus at ${url}\n${process.log}`, () => httpOk(`${url}/-/ready`), 60_000);
    return new Prometheus(url, process);
  }

  /** Alerts as Prometheus evaluates them (pending or firing). */
  async alerts(): Promise<Array<{ labels: Record<string, string>; state: string }>> {
    const response = await fetch(`${this.url}/api/v1/alerts`);
    const body = (await response.json()) as {
      data: { alerts: Array<{ labels: Record<string, string>; state: string }> };
    };
    return body.data.alerts;
  }

  async query(
    expression: string,
  ): Promise<Array<{ metric: Record<string, string>; value: [number, string] }>> {
    const response = await fetch(`${this.url}/api/v1/query?query=${encodeURIComponent(expression)}`);
    const body = (await response.json()) as {
      data: { result: Array<{ metric: Record<string, string>; value: [number, string] }> };
    };
    return body.data.result;
  }

  get log(): string {
    return this.process.log;
  }

  stop(): Promise<void> {
    return this.process.stop();
  }
}
