import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildApp } from '../app';
import { analysisHistory, DEGRADING_WORKFLOW, HISTORY_DAY } from '../test-support/analysis-history';
import { bearer, startTestApp, type TestApp } from '../test-support/test-app';
import { makeStep } from '../analysis/test-support/records';

const NOW = Date.now();
const ANALYSIS = {
  degradationCurrentMs: HISTORY_DAY,
  degradationBaselineMs: 3 * HISTORY_DAY - 60_000,
  anomalyLookbackMs: 5 * HISTORY_DAY,
};

describe('anomaly and insight routes, alert gauges', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ analysis: ANALYSIS });
    await t.app.analyzer.writer.submit(analysisHistory(NOW));
  });
  afterAll(() => t.close());

  const get = async (url: string) => {
    const response = await t.app.inject({ url, headers: bearer('viewer') });
    return { status: response.statusCode, body: response.json() };
  };
  const implement = (id: string, role: 'viewer' | 'editor', payload: object = {}) =>
    t.app.inject({
      method: 'POST',
      url: `/analytics/insights/${id}/implementation`,
      headers: bearer(role),
      payload,
    });

  it('lists anomalies with correlated groups and RFC 3339 times', async () => {
    const { status, body } = await get('/analytics/anomalies');
    expect(status).toBe(200);
    expect(body).toEqual(
      expect.objectContaining({ items: expect.any(Array), correlated_groups: expect.any(Array) }),
    );
    expect(body.total).toBe(body.items.length);
    for (const a of body.items) {
      expect(a.started_at).toMatch(/Z$/);
      expect(a.severity).toBeGreaterThanOrEqual(0);
      expect(a.severity).toBeLessThanOrEqual(1);
    }
  });

  it('lists insights highest priority first, including the degraded workflow', async () => {
    const { body } = await get('/analytics/insights?limit=1000');
    expect(body.total).toBe(body.items.length);
    const scores = body.items.map((i: { priority_score: number }) => i.priority_score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(
      body.items.some((i: { workflow_id: string; title: string }) => i.workflow_id === DEGRADING_WORKFLOW),
    ).toBe(true);
    expect(body.items[0].implementation).toBeNull();
  });

  it('needs the editor role to record an implementation, and a known insight', async () => {
    const [first] = (await get('/analytics/insights?limit=1')).body.items;
    expect((await implement(first.insight_id, 'viewer')).statusCode).toBe(403);
    const missing = await implement('ins-nope', 'editor');
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ error: 'not_found' });
    const bad = await implement(first.insight_id, 'editor', { implemented_at: 'soon' });
    expect(bad.json()).toMatchObject({ field: 'implemented_at' });
  });

  it('measures an implemented insight over the following period, and keeps it across restarts', async () => {
    const [first] = (await get(`/analytics/insights?workflow_id=${DEGRADING_WORKFLOW}`)).body.items;
    const at = NOW - 2 * HISTORY_DAY;
    const response = await implement(first.insight_id, 'editor', {
      note: 'fixed waits',
      implemented_at: String(at),
    });
    expect(response.statusCode).toBe(200);
    const implementation = response.json().implementation;
    expect(implementation).toMatchObject({
      implemented_at: new Date(at).toISOString(),
      note: 'fixed waits',
      impact: { insight_id: first.insight_id, metric: first.expected_change.metric },
    });
    expect(implementation.impact.actual_value).not.toBeNull();
    expect(['met', 'partial', 'none', 'worse']).toContain(implementation.impact.verdict);

    const config = t.app.analyzer.config;
    await t.app.close();
    t.app = await buildApp({ config });
    const listed = (await get(`/analytics/insights?workflow_id=${DEGRADING_WORKFLOW}&limit=1000`)).body.items;
    const again = listed.find((i: { insight_id: string }) => i.insight_id === first.insight_id);
    expect(again.implementation).toMatchObject({ note: 'fixed waits', impact: implementation.impact });
  });

  it("accepts the Grafana app's { implemented } body, and withdraws with implemented: false", async () => {
    const [insight] = (await get('/analytics/insights?workflow_id=wf-mid&workflow_id=wf-fast')).body.items;
    const marked = await implement(insight.insight_id, 'editor', {
      implemented: true,
      actual_impact: { observed: 'faster' },
    });
    expect(marked.json()).toMatchObject({
      implemented: true,
      implementation: { reported_impact: { observed: 'faster' } },
    });
    const withdrawn = await implement(insight.insight_id, 'editor', { implemented: false });
    expect(withdrawn.json()).toMatchObject({ implemented: false, implementation: null });
    const listed = (await get('/analytics/insights?limit=1000')).body.items;
    expect(listed.find((i: { insight_id: string }) => i.insight_id === insight.insight_id).implemented).toBe(
      false,
    );
  });

  it('publishes the alert gauges per workflow after a refresh', async () => {
    await t.app.analyzer.writer.submit({
      executions: [],
      steps: [
        makeStep({
          step_id: 'stuck/1',
          execution_id: 'stuck',
          workflow_id: 'wf-fast',
          started_at: NOW - 120_000,
          completed_at: NOW - 119_000,
        }),
      ],
      recoveries: [],
      resources: [],
    });
    await t.app.analysis.refresh();
    const text = (await t.app.inject({ url: '/metrics' })).body;
    const value = (name: string, labels: string) => {
      const line = text.split('\n').find((l) => l.startsWith(`${name}{${labels}}`));
      return line === undefined ? undefined : Number(line.split(' ').pop());
    };
    const successRatio = value('rpa_analyzer_workflow_success_ratio', 'rpa_workflow_id="wf-fast"');
    expect(successRatio).toBeGreaterThan(0.5);
    expect(successRatio).toBeLessThanOrEqual(1);
    expect(
      value('rpa_analyzer_workflow_degradation_ratio', `rpa_workflow_id="${DEGRADING_WORKFLOW}"`),
    ).toBeGreaterThan(0.2);
    expect(value('rpa_analyzer_workflow_degradation_ratio', 'rpa_workflow_id="wf-mid"')).toBeLessThan(0.2);
    expect(value('rpa_analyzer_workflow_p99_duration_seconds', 'rpa_workflow_id="wf-mid"')).toBeGreaterThan(
      1,
    );
    expect(
      value('rpa_analyzer_running_execution_max_age_seconds', 'rpa_workflow_id="wf-fast"'),
    ).toBeGreaterThanOrEqual(120);
    expect(
      value('rpa_analyzer_running_execution_max_age_seconds', 'rpa_workflow_id="wf-mid"'),
    ).toBeUndefined();
    for (const band of ['low', 'medium', 'high'])
      expect(
        value('rpa_analyzer_anomalies_open', `rpa_workflow_id="wf-mid",severity="${band}"`),
      ).toBeGreaterThanOrEqual(0);
  });
});

describe('the alert rules and the gauges', () => {
  it('exposes every per-workflow analyzer metric the alert rules read', async () => {
    const rules = readFileSync(
      join(__dirname, '../../../provisioning/prometheus/rules/rpa-alerts.yml'),
      'utf8',
    );
    const read = new Set(rules.match(/rpa_analyzer_(workflow|running|anomalies)_\w+/g));
    expect(read.size).toBeGreaterThanOrEqual(4);
    const t = await startTestApp({ analysis: ANALYSIS });
    try {
      await t.app.analyzer.writer.submit(analysisHistory(NOW));
      await t.app.analyzer.writer.submit({
        executions: [],
        steps: [
          makeStep({ step_id: 'r/1', execution_id: 'r', workflow_id: 'wf-fast', started_at: NOW - 1000 }),
        ],
        recoveries: [],
        resources: [],
      });
      await t.app.analysis.refresh();
      const text = (await t.app.inject({ url: '/metrics' })).body;
      for (const name of read) expect(text).toMatch(new RegExp(`^${name}\\{rpa_workflow_id="`, 'm'));
    } finally {
      await t.close();
    }
  });
});

describe('the refresh timer', () => {
  it('publishes the alert gauges by itself every refreshIntervalMs', async () => {
    const t = await startTestApp({ analysis: { ...ANALYSIS, refreshIntervalMs: 50 } });
    try {
      await t.app.analyzer.writer.submit(analysisHistory(NOW));
      const deadline = Date.now() + 20_000;
      let text = '';
      while (
        !text.includes(`rpa_analyzer_workflow_degradation_ratio{rpa_workflow_id="${DEGRADING_WORKFLOW}"}`)
      ) {
        if (Date.now() > deadline) throw new Error('no gauges after 20 s');
        await new Promise((resolve) => setTimeout(resolve, 50));
        text = (await t.app.inject({ url: '/metrics' })).body;
      }
    } finally {
      await t.close();
    }
  });
});
