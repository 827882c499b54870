import { join } from 'node:path';
import { Alertmanager, Prometheus, REPO } from './support/prometheus-stack';
import { freePort, RunningProcess, waitFor } from './support/system';
import { WebhookReceiver } from './support/webhook-receiver';

/**
 * Real Prometheus scrapes the instrumented demo executor with the repository's
 * rules; a failure burst must reach a real Alertmanager routed as configured.
 */
describe('alerts from an instrumented executor', () => {
  const webhook = new WebhookReceiver();
  let alertmanager: Alertmanager;
  let prometheus: Prometheus;
  let executor: RunningProcess;
  let burstStartedAt: number;

  beforeAll(async () => {
    const webhookBase = await webhook.start();
    alertmanager = await Alertmanager.start(webhookBase);
    const executorPort = await freePort();
    burstStartedAt = Date.now();
    executor = new RunningProcess(
      process.execPath,
      [
        join(REPO, 'instrumentation', 'dist-examples', 'cli.js'),
        '--rate',
        '8',
        '--time-scale',
        '0.01',
        '--fail',
        'invoice-entry=0.9',
      ],
      { RPA_METRICS_PORT: String(executorPort), RPA_METRICS_HOST: '127.0.0.1' },
    );
    prometheus = await Prometheus.start(
      {
        'demo-executor:9464': `127.0.0.1:${executorPort}`,
        'alertmanager:9093': alertmanager.url.replace('http://', ''),
      },
      5,
    );
  });

  afterAll(async () => {
    await Promise.all([executor?.stop(), prometheus?.stop(), alertmanager?.stop()]);
    await webhook.stop();
  });

  it('fires RpaWorkflowSuccessRateLow for the failing workflow, routed to on-call and the team', async () => {
    const alert = await waitFor(
      'RpaWorkflowSuccessRateLow in Alertmanager',
      async () =>
        (await alertmanager.alerts()).find(
          (a) => a.labels.alertname === 'RpaWorkflowSuccessRateLow' && a.labels.workflow === 'invoice-entry',
        ),
      240_000,
      2000,
    );
    const seconds = ((Date.now() - burstStartedAt) / 1000).toFixed(0);
    console.log(
      `RpaWorkflowSuccessRateLow reached Alertmanager ${seconds} s after the failure burst started`,
    );
    expect(alert.labels).toMatchObject({
      severity: 'critical',
      workflow: 'invoice-entry',
      rpa_workflow_id: 'invoice-entry',
    });
    expect(alert.status.state).toBe('active');
    await waitFor(
      'webhook deliveries on both routes',
      async () => {
        const paths = new Set(
          webhook.deliveries
            .filter((d) => d.alerts.some((a) => a.labels.alertname === 'RpaWorkflowSuccessRateLow'))
            .map((d) => d.path),
        );
        return paths.has('/oncall') && paths.has('/rpa-team') ? paths : undefined;
      },
      60_000,
    );
  });
});
