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
  /** What Prometheus and the executor say, for a failure message. */
  const diagnose = async (): Promise<string> => {
    const up = await prometheus.query('up');
    const executions = await prometheus.query(
      'sum by (rpa_workflow_id, rpa_execution_status) (rpa_executions_total)',
    );
    const alerts = await prometheus.alerts();
    return JSON.stringify({ up, executions, alerts }, null, 1) + `\nexecutor log:\n${executor?.log ?? ''}`;
  };
  const explained = <T>(promise: Promise<T>): Promise<T> =>
    promise.catch(async (error: Error) => {
      throw new Error(`${error.message}\n${await diagnose()}`);
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

  let planted = 0;

  it('a planted degradation fires RpaWorkflowDegraded for that workflow only, routed to the team', async () => {
    planted = Date.now();
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
    const degraded = await explained(
      waitFor(
        'RpaWorkflowDegraded for report-export',
        () => find('RpaWorkflowDegraded', 'report-export'),
        300_000,
        2000,
      ),
    );
    timings.push(
      `planted degradation -> RpaWorkflowDegraded in Alertmanager: ${((Date.now() - planted) / 1000).toFixed(0)} s`,
    );
    expect(degraded.labels).toMatchObject({
      severity: 'warning',
      workflow: 'report-export',
      needs: 'analyzer',
    });
    expect(await find('RpaWorkflowDegraded', 'email-triage')).toBeUndefined();
    await waitFor('a delivery of RpaWorkflowDegraded on the team route', async () =>
      webhook.deliveries.some(
        (d) => d.path === '/rpa-team' && d.alerts.some((a) => a.labels.alertname === 'RpaWorkflowDegraded'),
      )
        ? true
        : undefined,
    );
  });

  it('the degradation alert resolves once the workflow is back to normal', async () => {
    expect(await find('RpaWorkflowDegraded', 'report-export')).toBeDefined();
    await executor?.stop();
    const healed = Date.now();
    executor = startDemoExecutor(['--rate', '3', '--time-scale', '1', '--concurrency', '96'], executorEnv());
    await explained(
      waitFor(
        'RpaWorkflowDegraded to resolve',
        async () => ((await find('RpaWorkflowDegraded', 'report-export')) ? undefined : true),
        300_000,
        2000,
      ),
    );
    timings.push(
      `back to normal -> RpaWorkflowDegraded resolved: ${((Date.now() - healed) / 1000).toFixed(0)} s`,
    );
    await waitFor('the resolved notification on the team route', async () =>
      webhook.deliveries.some(
        (d) =>
          d.path === '/rpa-team' &&
          d.status === 'resolved' &&
          d.alerts.some((a) => a.labels.alertname === 'RpaWorkflowDegraded'),
      )
        ? true
        : undefined,
    );
  });

  it('the failure burst fires RpaWorkflowSuccessRateLow, routed to on-call and the team', async () => {
    const failing = await explained(
      waitFor(
        'RpaWorkflowSuccessRateLow for invoice-entry',
        () => find('RpaWorkflowSuccessRateLow', 'invoice-entry'),
        420_000,
        2000,
      ),
    );
    timings.push(
      `failure burst -> RpaWorkflowSuccessRateLow in Alertmanager: ${((Date.now() - planted) / 1000).toFixed(0)} s`,
    );
    expect(failing.labels).toMatchObject({ severity: 'critical', workflow: 'invoice-entry' });
    await waitFor('deliveries on the on-call and team routes', async () => {
      const routes = new Set(
        webhook.deliveries
          .filter((d) => d.alerts.some((a) => a.labels.alertname === 'RpaWorkflowSuccessRateLow'))
          .map((d) => d.path),
      );
      return routes.has('/oncall') && routes.has('/rpa-team') ? true : undefined;
    });
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
