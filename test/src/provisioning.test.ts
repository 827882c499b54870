import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import yaml from 'js-yaml';
import { PROVISIONING, rewritePrometheusConfig } from './support/prometheus-stack';
import { requireBinary, runTool as run } from './support/system';

const rulesDir = join(PROVISIONING, 'prometheus', 'rules');
const ruleFiles = readdirSync(rulesDir).map((name) => join(rulesDir, name));
const alertmanagerConfig = join(PROVISIONING, 'alertmanager', 'alertmanager.yml');

describe('Prometheus provisioning', () => {
  const promtool = () => requireBinary('promtool', 'prometheus');

  it('passes promtool check config (with the rules where the stack mounts them)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rpa-check-'));
    writeFileSync(join(dir, 'prometheus.yml'), rewritePrometheusConfig({}, rulesDir, 15));
    const result = run(promtool(), ['check', 'config', join(dir, 'prometheus.yml')]);
    expect(result.output).toContain('SUCCESS');
    expect(result.status).toBe(0);
  });

  it('passes promtool check rules', () => {
    const result = run(promtool(), ['check', 'rules', ...ruleFiles]);
    expect(result.status).toBe(0);
  });

  it('passes its promtool rule unit tests', () => {
    const result = run(
      promtool(),
      ['test', 'rules', 'rpa-alerts.test.yml'],
      join(PROVISIONING, 'prometheus', 'tests'),
    );
    expect(result.output).toContain('SUCCESS');
    expect(result.status).toBe(0);
  });

  it('has, for every alert rule, a unit test that fires it and one that does not', () => {
    type RuleFile = { groups: Array<{ rules: Array<{ alert?: string; labels?: Record<string, string> }> }> };
    type TestFile = {
      tests: Array<{ alert_rule_test?: Array<{ alertname: string; exp_alerts: unknown[] }> }>;
    };
    const alerts = ruleFiles.flatMap((file) =>
      (yaml.load(readFileSync(file, 'utf8')) as RuleFile).groups.flatMap((g) =>
        g.rules.filter((r) => r.alert),
      ),
    );
    const cases = (
      yaml.load(
        readFileSync(join(PROVISIONING, 'prometheus', 'tests', 'rpa-alerts.test.yml'), 'utf8'),
      ) as TestFile
    ).tests.flatMap((t) => t.alert_rule_test ?? []);
    for (const rule of alerts) {
      const mine = cases.filter((c) => c.alertname === rule.alert);
      expect([rule.alert, mine.some((c) => c.exp_alerts.length > 0)]).toEqual([rule.alert, true]);
      expect([rule.alert, mine.some((c) => c.exp_alerts.length === 0)]).toEqual([rule.alert, true]);
      expect(rule.labels?.severity).toMatch(/^(warning|critical)$/);
    }
  });

  it('links every alert rule to its own section of docs/runbooks.md', () => {
    type RuleFile = {
      groups: Array<{ rules: Array<{ alert?: string; annotations?: Record<string, string> }> }>;
    };
    const runbooks = readFileSync(join(PROVISIONING, '..', 'docs', 'runbooks.md'), 'utf8');
    // GitHub's heading anchors: lower case, spaces to dashes, punctuation dropped.
    const anchors = new Set(
      [...runbooks.matchAll(/^#{2,3} (.+)$/gm)].map((m) =>
        (m[1] as string)
          .toLowerCase()
          .replace(/[^\w\- ]/g, '')
          .replace(/ /g, '-'),
      ),
    );
    const alerts = ruleFiles.flatMap((file) =>
      (yaml.load(readFileSync(file, 'utf8')) as RuleFile).groups.flatMap((g) =>
        g.rules.filter((r) => r.alert),
      ),
    );
    for (const rule of alerts) {
      const url = rule.annotations?.runbook_url ?? '';
      expect([rule.alert, url]).toEqual([
        rule.alert,
        expect.stringMatching(new RegExp(`/docs/runbooks\\.md#${(rule.alert as string).toLowerCase()}$`)),
      ]);
      expect([rule.alert, anchors.has(url.split('#')[1] as string)]).toEqual([rule.alert, true]);
    }
  });
});

describe('Alertmanager provisioning', () => {
  const amtool = () => requireBinary('amtool', 'prometheus-alertmanager');

  it('passes amtool check-config', () => {
    const result = run(amtool(), ['check-config', alertmanagerConfig]);
    expect(result.output).toContain('SUCCESS');
    expect(result.status).toBe(0);
  });

  it.each([
    [
      'severity=critical workflow=invoice-entry alertname=RpaWorkflowSuccessRateLow',
      'rpa-oncall-webhook,rpa-team-webhook',
    ],
    ['severity=warning workflow=invoice-entry alertname=RpaWorkflowDegraded', 'rpa-team-webhook'],
    ['severity=critical component=analyzer alertname=RpaAnalyzerDown', 'rpa-oncall-webhook,platform-webhook'],
    ['severity=warning component=analyzer alertname=RpaAnalyzerRejectingData', 'platform-webhook'],
    [
      'severity=warning component=telemetry reason=queue_full alertname=RpaTelemetryDropped',
      'platform-webhook',
    ],
    ['severity=critical component=executor alertname=RpaExecutorDown', 'rpa-oncall-webhook,platform-webhook'],
  ])('routes %s to %s', (labels, receivers) => {
    const result = run(amtool(), [
      'config',
      'routes',
      'test',
      `--config.file=${alertmanagerConfig}`,
      ...labels.split(' '),
    ]);
    expect(
      result.output
        .split('\n')
        .find((line) => line.includes('webhook') || line.includes('email'))
        ?.trim(),
    ).toBe(receivers);
  });
});

describe('Grafana provisioning', () => {
  type DataSources = {
    datasources: Array<{ uid: string; type: string; jsonData?: Record<string, unknown> }>;
  };
  const sources = (
    yaml.load(
      readFileSync(join(PROVISIONING, 'grafana', 'datasources', 'rpa-datasources.yaml'), 'utf8'),
    ) as DataSources
  ).datasources;

  it('provisions Prometheus (exemplars to Tempo), Tempo (traces to metrics, service map), Alertmanager and the analyzer', () => {
    const byUid = Object.fromEntries(sources.map((s) => [s.uid, s]));
    expect(byUid.prometheus?.jsonData?.exemplarTraceIdDestinations).toEqual([
      expect.objectContaining({ datasourceUid: 'tempo' }),
    ]);
    expect(byUid.tempo?.jsonData).toMatchObject({
      tracesToMetrics: { datasourceUid: 'prometheus' },
      serviceMap: { datasourceUid: 'prometheus' },
    });
    expect(byUid.alertmanager?.jsonData).toMatchObject({ implementation: 'prometheus' });
    expect(byUid['rpa-analyzer']?.type).toBe('rpaanalytics-analyzer-datasource');
  });
});
