/**
 * Live alerts end to end: the analyzer CLI configured by RPA_ANALYZER_ALERTMANAGER_URL
 * pushes its own alerts to a real Alertmanager (the repository's routing), fed
 * by the real instrumentation. One single extreme run after an ordinary
 * history opens a high-severity anomaly: the alert reaches Alertmanager,
 * which routes it (critical: the on-call webhook), and resolves when the next
 * ordinary run arrives. The time from the executor's flush to Alertmanager is
 * printed (the benchmark measures it; no timed assertion).
 */
import { execFile } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Alertmanager } from './support/prometheus-stack';
import { startAnalyzer, temporaryDataDir } from './support/rpa-processes';
import { freePort, type RunningProcess, waitFor } from './support/system';
import { WebhookReceiver } from './support/webhook-receiver';

const FEEDER = `
const { readFileSync } = require('node:fs');
const { createRpa } = require('@rpa-analytics/instrumentation');
(async () => {
  const rpa = createRpa({ metricsPort: -1, resourceIntervalMs: 0, analyzerUrl: process.argv[1] });
  for (const e of JSON.parse(readFileSync(process.argv[2], 'utf8'))) rpa.recordExecution(e);
  await rpa.forceFlush();
  await rpa.shutdown();
})();
`;

const T0 = Date.now() - 2 * 86_400_000;

function runs(from: number, to: number, spikeAt?: number): object[] {
  return Array.from({ length: to - from }, (_, k) => {
    const i = from + k;
    const duration = i === spikeAt ? 120_000 : Math.round(2000 * Math.exp(0.2 * Math.sin(i * 12.9898)));
    const startedAt = T0 + i * 60_000;
    return {
      executionId: `live-e2e-${i}`,
      workflowId: 'invoice-entry',
      startedAt,
      completedAt: startedAt + duration,
      status: 'completed',
      stepsTotal: 1,
      steps: [
        {
          stepId: `s-${i}`,
          nodeId: 'submit',
          actionType: 'click',
          startedAt,
          completedAt: startedAt + duration,
          status: 'completed',
        },
      ],
    };
  });
}

describe('analyzer alerts pushed to a real Alertmanager', () => {
  const webhook = new WebhookReceiver();
  let alertmanager: Alertmanager;
  let analyzer: RunningProcess;
  let analyzerUrl = '';
  const dataDir = temporaryDataDir();

  async function feed(executions: object[]): Promise<number> {
    const file = join(dataDir, `feed-${Date.now()}.json`);
    writeFileSync(file, JSON.stringify(executions));
    await promisify(execFile)(process.execPath, ['-e', FEEDER, analyzerUrl, file], { cwd: __dirname });
    return Date.now();
  }

  beforeAll(async () => {
    alertmanager = await Alertmanager.start(await webhook.start());
    const port = await freePort();
    analyzerUrl = `http://127.0.0.1:${port}`;
    analyzer = await startAnalyzer(port, dataDir, {
      RPA_ANALYZER_ALERTMANAGER_URL: alertmanager.url,
      RPA_ANALYZER_ALERT_RESEND_INTERVAL_MS: '1000',
    });
  });

  afterAll(async () => {
    await analyzer?.stop();
    await alertmanager?.stop();
    await webhook.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('fires RpaAnalyzerAnomaly for a single extreme run, routes it, and resolves it', async () => {
    await feed(runs(0, 240));
    const flushed = await feed(runs(240, 241, 240));
    const alert = await waitFor(
      `RpaAnalyzerAnomaly in Alertmanager\n${analyzer.log}`,
      async () =>
        (await alertmanager.alerts()).find(
          (a) => a.labels.alertname === 'RpaAnalyzerAnomaly' && a.status.state === 'active',
        ),
      60_000,
      50,
    );
    console.log(`executor flush -> alert active in Alertmanager: ${Date.now() - flushed} ms`);
    expect(alert.labels).toMatchObject({
      workflow: 'invoice-entry',
      component: 'analyzer',
      severity: 'critical',
    });
    await waitFor('the on-call webhook', async () =>
      webhook.deliveries.find((d) => d.alerts.some((a) => a.labels.alertname === 'RpaAnalyzerAnomaly')),
    );

    await feed(runs(241, 243));
    await waitFor('the alert to resolve', async () =>
      (await alertmanager.alerts()).some((a) => a.labels.alertname === 'RpaAnalyzerAnomaly')
        ? undefined
        : true,
    );
  });
});
