/**
 * The push against a real Alertmanager: a single extreme run opens a
 * high-severity anomaly, whose alert reaches Alertmanager's v2 API with the
 * contract's labels; the next ordinary run resolves it there.
 */
import { ATTR, SPAN_NAMES } from '@rpa-analytics/conventions';
import { Alertmanager } from '../../test-support/alertmanager';
import { poll } from '../../test-support/local-server';
import { protobufBody, recordSpans, type SpanSpec } from '../../test-support/sdk-spans';
import { startTestApp, type TestApp } from '../../test-support/test-app';

const T0 = Date.UTC(2026, 10, 20, 8);

function run(i: number, durationMs: number): SpanSpec {
  return {
    name: SPAN_NAMES.execution,
    startMs: T0 + i * 60_000,
    durationMs,
    attributes: {
      [ATTR.workflowId]: 'wf-am',
      [ATTR.executionId]: `am-${i}`,
      [ATTR.executionStatus]: 'completed',
    },
  };
}

describe('Alertmanager push', () => {
  let am: Alertmanager;
  let t: TestApp;
  const post = (specs: SpanSpec[]) =>
    t.app.inject({
      method: 'POST',
      url: '/v1/traces',
      headers: { 'content-type': 'application/x-protobuf' },
      payload: protobufBody(recordSpans(specs)),
    });

  beforeAll(async () => {
    am = await Alertmanager.start();
    t = await startTestApp({ analysis: { alertmanagerUrl: am.url, alertResendIntervalMs: 500 } });
  });
  afterAll(async () => {
    await t?.close();
    await am?.stop();
  });

  it('posts a high-severity anomaly as an alert and resolves it when the anomaly ends', async () => {
    const specs = Array.from({ length: 253 }, (_, i) =>
      run(i, i === 250 ? 80_000 : 1000 * Math.exp(0.2 * Math.sin(i * 12.9898))),
    );
    await post(specs.slice(0, 251));
    const firing = await poll(async () => {
      const found = (await am.alerts()).find((a) => a.labels.alertname === 'RpaAnalyzerAnomaly');
      return found?.status.state === 'active' ? found : undefined;
    }, 'the anomaly alert in Alertmanager');
    expect(firing.labels).toMatchObject({
      workflow: 'wf-am',
      component: 'analyzer',
      metric: 'execution_duration_ms',
    });
    expect(['warning', 'critical']).toContain(firing.labels.severity);

    await post(specs.slice(251));
    await poll(async () => {
      const still = (await am.alerts()).filter((a) => a.labels.alertname === 'RpaAnalyzerAnomaly');
      return still.length === 0 ? true : undefined;
    }, 'the anomaly alert to resolve');
  });
});
