import { Alertmanager, Prometheus } from './support/prometheus-stack';
import { runDemoExecutor, startAnalyzer, startDemoExecutor, temporaryDataDir } from './support/rpa-processes';
import { freePort, RunningProcess, waitFor } from './support/system';
import { WebhookReceiver } from './support/webhook-receiver';

/**
 * The whole alerting path with real parts: the instrumented demo executor and
 * the analyzer, scraped by a real Prometheus running the repository's rules,
 * alerting a real Alertmanager routed by the repository's configuration.
 * The analyzer compares the last minute with the ten before it, so that a
 * planted degradation shows within a test's patience.
 */
const ANALYSIS_WINDOWS = {
  RPA_ANALYZER_DEGRADATION_BASELINE_MS: String(10 * 60_000),
  RPA_ANALYZER_DEGRADATION_CURRENT_MS: String(60_000),
  RPA_ANALYZER_SUCCESS_RATE_WINDOW_MS: String(60_000),
  RPA_ANALYZER_REFRESH_INTERVAL_MS: '3000',
};

type AmAlert = Awaited<ReturnType<Alertmanager['alerts']>>[number];

describe('alerts through Prometheus and Alertmanager', () => {
  const webhook = new WebhookReceiver();
  const dataDir = temporaryDataDir();
  let alertmanager: Alertmanager;
  let prometheus: Prometheus;
  let analyzer: RunningProcess;
  let executor: RunningProcess | undefined;
  let analyzerPort: number;
  let executorPort: number;
  const timings: string[] = [];

  const analyzerEnv = () => ({ ...ANALYSIS_WINDOWS });
  const executorEnv = () => ({
    RPA_ANALYZER_URL: `http://127.0.0.1:${analyzerPort}`,
    RPA_METRICS_PORT: String(executorPort),
    RPA_METRICS_HOST: '127.0.0.1',
    OTEL_SERVICE_NAME: 'e2e-executor',
  });
  const find = async (alertname: string, workflow?: string): Promise<AmAlert | undefined> =>
    (await alertmanager.alerts()).find(
      (a) =>
        a.labels.alertname === alertname &&
        (!workflow || a.labels.workflow === workflow) &&
        a.status.state === 'active',
    );

  beforeAll(async () => {
    const webhookBase = await webhook.start();
    alertmanager = await Alertmanager.start(webhookBase);
    [analyzerPort, executorPort] = [await freePort(), await freePort()];
    analyzer = await startAnalyzer(analyzerPort, dataDir, analyzerEnv());
    // Ten minutes of normal history: the baseline the live executor is compared with.
    await runDemoExecutor(['--mode', 'recorded', '--history-hours', '0.17', '--executions', '400'], {
      ...executorEnv(),
      RPA_METRICS_PORT: '-1',
    });
    prometheus = await Prometheus.start(
      {
        'demo-executor:9464': `127.0.0.1:${executorPort}`,
        'analyzer:4319': `127.0.0.1:${analyzerPort}`,
        'alertmanager:9093': alertmanager.url.replace('http://', ''),
      },
      5,
    );
  });

  afterAll(async () => {
    await executor?.stop();
    await Promise.all([prometheus?.stop(), alertmanager?.stop(), analyzer?.stop()]);
    await webhook.stop();
    console.log(`alert timings:\n  ${timings.join('\n  ')}`);
  });

  it('a planted degradation and a failure burst fire their alerts, routed by severity and workflow', async () => {
    const planted = Date.now();
    executor = startDemoExecutor(
      [
        '--rate',
        '3',
        '--time-scale',
        '1',
        '--concurrency',
        '96',
        '--degrade',
        'report-export=4',
        '--fail',
        'invoice-entry=0.9',
      ],
      executorEnv(),
    );
    const [degraded, failing] = await Promise.all([
      waitFor(
        'RpaWorkflowDegraded for report-export',
        () => find('RpaWorkflowDegraded', 'report-export'),
        300_000,
        2000,
      ).then((a) => {
        timings.push(
          `planted degradation -> RpaWorkflowDegraded in Alertmanager: ${((Date.now() - planted) / 1000).toFixed(0)} s`,
        );
        return a;
      }),
      waitFor(
        'RpaWorkflowSuccessRateLow for invoice-entry',
        () => find('RpaWorkflowSuccessRateLow', 'invoice-entry'),
        300_000,
        2000,
      ).then((a) => {
        timings.push(
          `failure burst -> RpaWorkflowSuccessRateLow in Alertmanager: ${((Date.now() - planted) / 1000).toFixed(0)} s`,
        );
        return a;
      }),
    ]);
    expect(degraded.labels).toMatchObject({
      severity: 'warning',
      workflow: 'report-export',
      needs: 'analyzer',
    });
    expect(failing.labels).toMatchObject({ severity: 'critical', workflow: 'invoice-entry' });
    expect(await find('RpaWorkflowDegraded', 'email-triage')).toBeUndefined();
    await waitFor(
      'deliveries on the routes of both alerts',
      async () => {
        const routes = (name: string) =>
          new Set(
            webhook.deliveries
              .filter((d) => d.alerts.some((a) => a.labels.alertname === name))
              .map((d) => d.path),
          );
        const critical = routes('RpaWorkflowSuccessRateLow');
        const warning = routes('RpaWorkflowDegraded');
        return critical.has('/oncall') && critical.has('/rpa-team') && warning.has('/rpa-team')
          ? true
          : undefined;
      },
      90_000,
    );
  });

  it('the degradation alert resolves once the workflow is back to normal', async () => {
    await executor?.stop();
    const healed = Date.now();
    executor = startDemoExecutor(['--rate', '3', '--time-scale', '1', '--concurrency', '96'], executorEnv());
    await waitFor(
      'RpaWorkflowDegraded to resolve',
      async () => ((await find('RpaWorkflowDegraded', 'report-export')) ? undefined : true),
      300_000,
      2000,
    );
    timings.push(
      `back to normal -> RpaWorkflowDegraded resolved: ${((Date.now() - healed) / 1000).toFixed(0)} s`,
    );
    const resolved = webhook.deliveries.find(
      (d) => d.status === 'resolved' && d.alerts.some((a) => a.labels.alertname === 'RpaWorkflowDegraded'),
    );
    expect(resolved?.path).toBe('/rpa-team');
  });

  it('the analyzer going down fires RpaAnalyzerDown, which resolves when it is back with its data', async () => {
    await analyzer.stop('SIGKILL');
    const down = Date.now();
    const alert = await waitFor('RpaAnalyzerDown', () => find('RpaAnalyzerDown'), 240_000, 2000);
    timings.push(
      `analyzer killed -> RpaAnalyzerDown in Alertmanager: ${((Date.now() - down) / 1000).toFixed(0)} s`,
    );
    expect(alert.labels).toMatchObject({ severity: 'critical', component: 'analyzer' });
    analyzer = await startAnalyzer(analyzerPort, dataDir, analyzerEnv());
    const back = Date.now();
    await waitFor(
      'RpaAnalyzerDown to resolve',
      async () => ((await find('RpaAnalyzerDown')) ? undefined : true),
      240_000,
      2000,
    );
    timings.push(
      `analyzer restarted -> RpaAnalyzerDown resolved: ${((Date.now() - back) / 1000).toFixed(0)} s`,
    );
    const metrics = await (await fetch(`http://127.0.0.1:${analyzerPort}/analytics/metrics?limit=1`)).json();
    expect((metrics as { total: number }).total).toBeGreaterThan(400);
  });
});
