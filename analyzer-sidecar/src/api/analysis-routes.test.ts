import { identifyBottlenecks } from '../analysis/bottlenecks';
import { categorizeFailures, failuresFromRecords } from '../analysis/failure-breakdown';
import { analyzeWorkflow } from '../analysis/performance';
import { rankReliability } from '../analysis/reliability-ranking';
import { summarizeSteps } from '../analysis/step-summaries';
import { countOutcomes, successRateWindows } from '../analysis/success-rate';
import type { RecordBatch } from '../model/records';
import { analysisHistory, DEGRADING_WORKFLOW, HISTORY_DAY } from '../test-support/analysis-history';
import { bearer, startTestApp, type TestApp } from '../test-support/test-app';

const NOW = Date.now();
const ANALYSIS = {
  degradationCurrentMs: HISTORY_DAY,
  degradationBaselineMs: 3 * HISTORY_DAY - 60_000,
  successRateWindowMs: 2 * HISTORY_DAY,
  anomalyLookbackMs: 5 * HISTORY_DAY,
};

describe('analysis routes', () => {
  let t: TestApp;
  let history: RecordBatch;
  const get = async (url: string, role: 'viewer' | 'editor' = 'viewer') => {
    const response = await t.app.inject({ url, headers: bearer(role) });
    return { status: response.statusCode, body: response.json() };
  };
  const own = <T extends { workflow_id: string }>(rows: T[], wf: string) =>
    rows.filter((r) => r.workflow_id === wf);

  beforeAll(async () => {
    t = await startTestApp({ analysis: ANALYSIS });
    history = analysisHistory(NOW);
    await t.app.analyzer.writer.submit(history);
  });
  afterAll(() => t.close());

  it.each(['wf-fast', 'wf-slow', 'wf-mid'])(
    'serves the PerformanceStats of %s as the pure analysis computes them',
    async (wf) => {
      const { status, body } = await get(`/analytics/performance?workflow_id=${wf}`);
      expect(status).toBe(200);
      const expected = analyzeWorkflow(history.executions, {
        workflowId: wf,
        stepSummaries: summarizeSteps(own(history.steps, wf)),
      });
      const { slowest_steps, ...stats } = expected;
      for (const [key, value] of Object.entries(stats)) {
        if (typeof value === 'number') expect(body[key]).toBeCloseTo(value, 6);
        else expect(body[key]).toEqual(value);
      }
      expect(body.slowest_steps.map((s: { node_id: string }) => s.node_id)).toEqual(
        slowest_steps.map((s) => s.node_id),
      );
    },
  );

  it('lists bottlenecks slowest first, equal to identifyBottlenecks over the same steps', async () => {
    const { body } = await get(`/analytics/bottlenecks?workflow_id=${DEGRADING_WORKFLOW}`);
    const expected = identifyBottlenecks(summarizeSteps(own(history.steps, DEGRADING_WORKFLOW)), {
      thresholdPercentile: 0,
    });
    expect(body.items[0]).toMatchObject({ node_id: 'search', action_type: 'wait', rank: 1 });
    expect(body.items).toHaveLength(expected.length);
    body.items.forEach((item: Record<string, number>, i: number) => {
      expect(item.share_of_execution_time).toBeCloseTo(expected[i]!.share_of_execution_time, 9);
      expect(item.p95_duration_ms).toBeCloseTo(expected[i]!.p95_duration_ms, 6);
    });
  });

  it.each([
    ['wf-slow', true],
    ['wf-fast', false],
    ['wf-mid', false],
  ])('flags degradation of %s: %s', async (wf, degraded) => {
    const { body } = await get(`/analytics/degradation?workflow_id=${wf}`);
    expect(body).toMatchObject({ workflow_id: wf, degraded, statistic: 'median', threshold_percent: 20 });
    expect(body.baseline.from).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(body.current.count).toBeGreaterThan(0);
  });

  it('counts success rates exactly over the window', async () => {
    const from = NOW - 2 * HISTORY_DAY;
    const { body } = await get(`/analytics/success-rates?from=${from}&to=${NOW + 1}&limit=2`);
    const expected = countOutcomes(history.executions.filter((e) => e.started_at >= from));
    expect(body.total).toBe(3);
    expect(body.items).toEqual(
      expected.slice(0, 2).map((c) => ({
        ...c,
        total: c.completed + c.failed,
        success_rate: (c.completed / (c.completed + c.failed)) * 100,
      })),
    );
    const next = await get(
      `/analytics/success-rates?from=${from}&to=${NOW + 1}&limit=2&cursor=${body.next_cursor}`,
    );
    expect(next.body.items.map((i: { workflow_id: string }) => i.workflow_id)).toEqual([
      expected[2]!.workflow_id,
    ]);
    expect(next.body.next_cursor).toBeNull();
  });

  it('gives success rates per window equal to successRateWindows, empty windows included', async () => {
    const from = NOW - 2 * HISTORY_DAY;
    const to = NOW + 1;
    const windowMs = 6 * 3_600_000;
    const { status, body } = await get(
      `/analytics/success-rates?from=${from}&to=${to}&window_ms=${windowMs}`,
    );
    expect(status).toBe(200);
    for (const item of body.items) {
      const expected = successRateWindows(item.workflow_id, history.executions, { from, to, windowMs });
      expect(item.windows).toHaveLength(expected.length);
      item.windows.forEach((w: Record<string, unknown>, k: number) => {
        const e = expected[k]!;
        expect(w).toMatchObject({ completed: e.completed, failed: e.failed, total: e.total });
        expect(w.window_start).toBe(new Date(e.window_start).toISOString());
        if (e.success_rate === null) expect(w.success_rate).toBeNull();
        else expect(w.success_rate).toBeCloseTo(e.success_rate, 9);
      });
    }
    const tooMany = await get(`/analytics/success-rates?from=${from}&to=${to}&window_ms=1000`);
    expect(tooMany.body).toMatchObject({ field: 'window_ms' });
  });

  it('categorizes failures exactly as the pure breakdown does', async () => {
    const { body } = await get(`/analytics/failures?workflow_id=${DEGRADING_WORKFLOW}&examples=2`);
    const expected = categorizeFailures(
      failuresFromRecords(own(history.executions, DEGRADING_WORKFLOW), history.steps),
      {
        examplesPerCategory: 2,
      },
    );
    expect(body.categories.map((c: { category: string; count: number }) => [c.category, c.count])).toEqual(
      expected.categories.map((c) => [c.category, c.count]),
    );
    expect(body.categories[0].examples).toHaveLength(2);
  });

  it('ranks reliability as rankReliability does', async () => {
    const { body } = await get('/analytics/reliability');
    const expected = rankReliability(
      countOutcomes(history.executions).map((c) => ({
        ...c,
        durations: own(history.executions, c.workflow_id)
          .filter((e) => e.status === 'completed')
          .map((e) => e.duration_ms as number),
      })),
    );
    expect(body.items.map((r: { workflow_id: string }) => r.workflow_id)).toEqual(
      expected.map((r) => r.workflow_id),
    );
    body.items.forEach((r: { reliability_score: number }, i: number) =>
      expect(r.reliability_score).toBeCloseTo(expected[i]!.reliability_score, 9),
    );
  });

  it('compares workflows against the first one', async () => {
    const { status, body } = await get(
      '/analytics/compare?workflow_ids=wf-fast,wf-slow&metrics=median_duration_ms,success_rate',
    );
    expect(status).toBe(200);
    expect(body.reference_workflow_id).toBe('wf-fast');
    expect(body.workflows['wf-fast'].median_duration_ms).toMatchObject({ difference: 0, percent_change: 0 });
    const slow = body.workflows['wf-slow'].median_duration_ms;
    expect(slow.difference).toBeCloseTo(slow.value - body.workflows['wf-fast'].median_duration_ms.value, 9);
  });

  it.each([
    '/analytics/performance?workflow_id=wf-fast',
    '/analytics/bottlenecks?workflow_id=wf-fast',
    '/analytics/degradation?workflow_id=wf-fast',
    '/analytics/success-rates?workflow_id=wf-fast&workflow_id=wf-mid',
    '/analytics/failures?workflow_id=wf-fast',
    '/analytics/reliability?workflow_id=wf-fast',
    '/analytics/compare?workflow_ids=wf-fast,wf-mid',
    '/analytics/anomalies?workflow_id=wf-fast',
    '/analytics/insights?workflow_id=wf-fast&workflow_id=wf-mid',
  ])('accepts the common dashboard filters on %s', async (url) => {
    const filters = `from=${NOW - 2 * HISTORY_DAY}&to=${new Date(NOW).toISOString()}&status=completed&action_type=click`;
    const { status, body } = await get(`${url}&${filters}`);
    expect({ status, body }).toMatchObject({ status: 200 });
  });

  it('anchors degradation at the requested range', async () => {
    const from = NOW - 3 * HISTORY_DAY;
    const to = NOW - 2 * HISTORY_DAY;
    const { body } = await get(
      `/analytics/degradation?workflow_id=${DEGRADING_WORKFLOW}&from=${from}&to=${to}`,
    );
    expect(body.current).toMatchObject({
      from: new Date(from).toISOString(),
      to: new Date(to).toISOString(),
    });
    expect(body.baseline.to).toBe(new Date(from).toISOString());
    expect(body.degraded).toBe(false);
  });

  it.each([
    ['/analytics/performance', 'workflow_id'],
    ['/analytics/performance?workflow_id=a&from=yesterday', 'from'],
    ['/analytics/performance?workflow_id=a&colour=red', 'colour'],
    ['/analytics/bottlenecks?workflow_id=a&threshold_percentile=2', 'threshold_percentile'],
    ['/analytics/degradation?workflow_id=a&statistic=mode', 'statistic'],
    ['/analytics/success-rates?limit=0', 'limit'],
    ['/analytics/success-rates?cursor=bogus', 'cursor'],
    ['/analytics/failures?examples=many', 'examples'],
    ['/analytics/compare?workflow_ids=a', 'workflow_ids'],
    ['/analytics/compare?workflow_ids=a,b&metrics=colour', 'metrics'],
    ['/analytics/anomalies?min_severity=3', 'min_severity'],
    ['/analytics/insights?category=vibes', 'category'],
  ])('answers 400 naming the field for %s', async (url, field) => {
    const { status, body } = await get(url);
    expect(status).toBe(400);
    expect(body).toMatchObject({ error: 'bad_request', field });
  });

  it('drops cached answers for a workflow when new data for it is written', async () => {
    const before = (await get('/analytics/performance?workflow_id=wf-new')).body;
    expect(before.execution_count).toBe(0);
    const execution = {
      ...history.executions[0]!,
      execution_id: 'new-1',
      workflow_id: 'wf-new',
      status: 'completed' as const,
    };
    await t.app.analyzer.writer.submit({ executions: [execution], steps: [], recoveries: [], resources: [] });
    const after = (await get('/analytics/performance?workflow_id=wf-new')).body;
    expect(after.execution_count).toBe(1);
  });
});

describe('failure categories with user rules', () => {
  it('counts failures under a category configured by the user, before the built-in ones', async () => {
    const t = await startTestApp({
      analysis: { failureRules: [{ category: 'sap_crash', message: 'SAP GUI' }] },
    });
    try {
      const history = analysisHistory(NOW);
      await t.app.analyzer.writer.submit(history);
      const response = await t.app.inject({
        url: '/analytics/failures?workflow_id=wf-mid',
        headers: bearer('viewer'),
      });
      const failed = history.executions.filter((e) => e.workflow_id === 'wf-mid' && e.status === 'failed');
      expect(
        response.json().categories.map((c: { category: string; count: number }) => [c.category, c.count]),
      ).toEqual([['sap_crash', failed.length]]);
    } finally {
      await t.close();
    }
  });
});
