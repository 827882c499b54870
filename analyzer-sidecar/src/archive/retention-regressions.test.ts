/**
 * Regressions of retention seen from the analysis: a policy that deletes
 * executions but keeps their steps must not turn those steps into executions
 * still running (and a stuck-execution alert), and archiving or deleting rows
 * must drop cached answers.
 */
import { ANALYZER_ALERT_METRICS } from '@rpa-analytics/conventions';
import { makeExecution, makeStep } from '../analysis/test-support/records';
import { emptyBatch } from '../model/records';
import { bearer, startTestApp, type TestApp } from '../test-support/test-app';

const DAY = 86_400_000;
const NOW = Date.now();

describe('retention and the analysis', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    const batch = emptyBatch();
    for (let i = 0; i < 10; i++) {
      const started_at = NOW - (i < 5 ? 40 : 2) * DAY + i * 60_000;
      batch.executions.push(
        makeExecution({ execution_id: `e${i}`, workflow_id: 'wf-r', started_at, duration_ms: 1000 }),
      );
      batch.steps.push(
        makeStep({
          step_id: `s${i}`,
          execution_id: `e${i}`,
          workflow_id: 'wf-r',
          started_at,
          duration_ms: 900,
        }),
      );
    }
    // An execution whose executor crashed three days ago: started, never ended.
    batch.executions.push(
      makeExecution({
        execution_id: 'lost',
        workflow_id: 'wf-r',
        started_at: NOW - 3 * DAY,
        duration_ms: null,
        status: 'running',
      }),
    );
    await t.app.analyzer.writer.submit(batch);
  });
  afterAll(() => t.close());

  const admin = (method: 'PUT' | 'POST', url: string, payload?: object) =>
    t.app.inject({ method, url, headers: bearer('admin'), ...(payload && { payload }) });

  it('keeps steps without executions out of the running ones, and answers fresh after retention', async () => {
    const before = await t.app.inject({
      url: '/analytics/performance?workflow_id=wf-r',
      headers: bearer('viewer'),
    });
    expect(before.json().execution_count).toBe(10);
    const marked = await t.app.inject({
      url: '/analytics/metrics?status=running',
      headers: bearer('viewer'),
    });
    expect(marked.json().total).toBe(1);
    await admin('PUT', '/admin/retention', { executions: { hot_days: 1, archive_days: 30 } });
    const applied = await admin('POST', '/admin/retention/apply');
    expect(applied.json().executions.deleted_rows).toBe(5);
    expect(applied.json().steps.deleted_rows).toBe(0);

    const after = await t.app.inject({
      url: '/analytics/performance?workflow_id=wf-r',
      headers: bearer('viewer'),
    });
    expect(after.json().execution_count).toBe(5);
    expect((await t.app.analysis.context.analysisStore.runningExecutions(NOW - 60 * DAY)).length).toBe(0);
    await t.app.analysis.refresh();
    const metrics = await t.app.inject({ url: '/metrics' });
    expect(metrics.body).not.toMatch(
      new RegExp(`${ANALYZER_ALERT_METRICS.oldestRunningExecution}\\{[^}]*wf-r`),
    );
  });

  it('forgets an execution marked running for longer than executions stay hot', async () => {
    await t.app.live.idle();
    expect(t.app.live.running().map((e) => e.execution_id)).toEqual([]);
    const running = await t.app.inject({
      url: '/analytics/metrics?status=running',
      headers: bearer('viewer'),
    });
    expect(running.json().total).toBe(0);
  });
});
