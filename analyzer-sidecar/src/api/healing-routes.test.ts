/**
 * Planted truth through the API: a drifting target is flagged (and raises an
 * early-warning insight) before it fails, a target healed daily tops healing
 * debt, a skipped run opens a missing-run anomaly and gauge that resolve when
 * a run starts, savings match an independent computation, and the requested
 * time of a run comes back as queue time.
 */
import { makeExecution, makeStep } from '../analysis/test-support/records';
import { seededRandom } from '../analysis/test-support/random';
import type { RecordBatch, RecoveryRecord } from '../model/records';
import { bearer, startTestApp, type TestApp } from '../test-support/test-app';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

function batch(part: Partial<RecordBatch>): RecordBatch {
  return { executions: [], steps: [], recoveries: [], resources: [], ...part };
}

/** wf-drift: four runs a day for 12 days; #submit slides from 0.97 toward 0.80 and has not failed yet. */
function driftingHistory(now: number): RecordBatch {
  const random = seededRandom(7);
  const out = batch({});
  const runs = 48;
  for (let i = 0; i < runs; i++) {
    const started = now - 12 * DAY + i * 6 * HOUR;
    const id = `drift-${i}`;
    out.executions.push(
      makeExecution({
        execution_id: id,
        workflow_id: 'wf-drift',
        started_at: started,
        completed_at: started + 30_000,
        duration_ms: 30_000,
      }),
    );
    const confidence = 0.97 - (0.12 * i) / runs + 0.008 * random.normal();
    out.steps.push(
      makeStep({
        step_id: `${id}/s`,
        execution_id: id,
        workflow_id: 'wf-drift',
        target_element: '#submit',
        started_at: started + 1000,
        completed_at: started + 2000,
        confidence_score: confidence,
      }),
      makeStep({
        step_id: `${id}/k`,
        execution_id: id,
        workflow_id: 'wf-drift',
        target_element: '#stable',
        started_at: started + 3000,
        completed_at: started + 4000,
        confidence_score: 0.95 + 0.01 * random.normal(),
      }),
    );
  }
  return out;
}

/** wf-heal: one run a day for 14 days; #login healed every day, #menu twice; the last run fails after its heal. */
function healingHistory(now: number): RecordBatch {
  const out = batch({});
  for (let d = 0; d < 14; d++) {
    const started = now - (14 - d) * DAY + HOUR;
    const id = `heal-${d}`;
    const last = d === 13;
    out.executions.push(
      makeExecution({
        execution_id: id,
        workflow_id: 'wf-heal',
        started_at: started,
        completed_at: started + 60_000,
        duration_ms: 60_000,
        status: last ? 'failed' : 'completed',
      }),
    );
    out.steps.push(
      makeStep({
        step_id: `${id}/login`,
        execution_id: id,
        workflow_id: 'wf-heal',
        target_element: '#login',
        started_at: started + 1000,
        completed_at: started + 6000,
      }),
    );
    out.recoveries.push(recovery(`${id}/r`, `${id}/login`, id, started + 2000, 3000, 'fuzzy_match'));
    if (d === 4 || d === 12) {
      out.steps.push(
        makeStep({
          step_id: `${id}/menu`,
          execution_id: id,
          workflow_id: 'wf-heal',
          target_element: '#menu',
          started_at: started + 7000,
          completed_at: started + 9000,
        }),
      );
      out.recoveries.push(recovery(`${id}/m`, `${id}/menu`, id, started + 7500, 1000, 'ocr'));
    }
    if (last)
      out.steps.push(
        makeStep({
          step_id: `${id}/pay`,
          execution_id: id,
          workflow_id: 'wf-heal',
          target_element: '#pay',
          started_at: started + 20_000,
          completed_at: started + 21_000,
          status: 'failed',
        }),
      );
  }
  return out;
}

function recovery(
  recovery_id: string,
  step_id: string,
  execution_id: string,
  started_at: number,
  ms: number,
  strategy: string,
): RecoveryRecord {
  return {
    recovery_id,
    step_id,
    execution_id,
    workflow_id: 'wf-heal',
    strategy,
    outcome: 'recovered',
    started_at,
    completed_at: started_at + ms,
  };
}

describe('self-healing routes', () => {
  let t: TestApp;
  const now = Date.now();
  const get = (url: string) => t.app.inject({ url, headers: bearer('viewer') });
  beforeAll(async () => {
    t = await startTestApp();
    await t.app.analyzer.writer.submit(driftingHistory(now));
    await t.app.analyzer.writer.submit(healingHistory(now));
  });
  afterAll(() => t.close());

  it('flags the drifting target, not the stable one, before any failure', async () => {
    const response = await get(
      `/analytics/confidence-drift?workflow_id=wf-drift&from=${now - 13 * DAY}&to=${now}`,
    );
    expect(response.statusCode).toBe(200);
    const body = response.json();
    const byTarget = Object.fromEntries(
      body.items.map((d: { target_element: string }) => [d.target_element, d]),
    );
    expect(byTarget['#submit']).toMatchObject({
      flagged: true,
      first_failure_at: null,
      executions_count: 48,
    });
    expect(byTarget['#submit'].slope_per_day).toBeLessThan(0);
    expect(byTarget['#stable'].flagged).toBe(false);
    expect(body.alpha).toBe(0.01);
  });

  it('ranks an early-warning insight for the drifting target and a healing-debt insight', async () => {
    await t.app.analysis.refresh();
    const insights = (await get('/analytics/insights?limit=100')).json().items as Array<{
      title: string;
      priority_score: number;
    }>;
    expect(insights.some((i) => i.title.includes('#submit') && i.title.includes('drifting'))).toBe(true);
    expect(insights.some((i) => i.title.includes('#login'))).toBe(true);
  });

  it('puts the daily-healed target on top of healing debt', async () => {
    const body = (await get('/analytics/healing-debt?days=30')).json();
    expect(body.items[0]).toMatchObject({
      workflow_id: 'wf-heal',
      target_element: '#login',
      healed_count: 14,
      healed_days: 14,
      time_lost_ms: 42_000,
    });
  });

  it('summarizes recoveries by target with the recovery rate and the healed-then-failed execution', async () => {
    const body = (
      await get(`/analytics/healing?group_by=target&workflow_id=wf-heal&from=${now - 20 * DAY}`)
    ).json();
    const login = body.items.find((g: { key: string }) => g.key === '#login');
    expect(login).toMatchObject({
      recoveries: 14,
      success_rate: 1,
      steps_total: 14,
      recovery_rate: 1,
      failed_after_recovery: 1,
    });
    expect(body.totals).toMatchObject({ recoveries: 16, healing_ms_total: 44_000 });
    const failed = (await get('/analytics/healing/failures-after-recovery?workflow_id=wf-heal')).json();
    expect(failed.items.map((r: { later_failure_target: string }) => r.later_failure_target)).toEqual([
      '#pay',
    ]);
  });

  it('computes time saved from the settings an editor stores, matching a hand computation', async () => {
    const denied = await t.app.inject({
      method: 'PUT',
      url: '/analytics/workflow-settings/wf-heal',
      headers: bearer('viewer'),
      payload: {},
    });
    expect(denied.statusCode).toBe(403);
    const put = await t.app.inject({
      method: 'PUT',
      url: '/analytics/workflow-settings/wf-heal',
      headers: bearer('editor'),
      payload: {
        manual_minutes_per_case: 12,
        cost_per_hour: 50,
        currency: 'EUR',
        failure_handling_minutes: 30,
      },
    });
    expect(put.statusCode).toBe(200);
    const body = (await get(`/analytics/time-saved?from=${now - 20 * DAY}`)).json();
    const heal = body.items.find((i: { workflow_id: string }) => i.workflow_id === 'wf-heal');
    // 13 completed × 12 min − 1 failed × 30 min − 44 s of healing, at 50 EUR an hour.
    const hours = (13 * 12 - 30) / 60 - 44 / 3600;
    expect(heal.net_saved_hours).toBeCloseTo(hours, 9);
    expect(heal.net_saved_cost).toBeCloseTo(hours * 50, 9);
    expect(heal.currency).toBe('EUR');
    expect(body.fleet).toMatchObject({ workflows_configured: 1 });
    expect(body.fleet.net_saved_cost).toBeCloseTo(hours * 50, 9);
    expect(
      body.items.find((i: { workflow_id: string }) => i.workflow_id === 'wf-drift').net_saved_cost,
    ).toBeNull();
  });

  it.each([
    [{ cron: 'every hour' }, 'cron'],
    [{ cron: '0 * * * *', timezone: 'Mars/Olympus' }, 'timezone'],
    [{ currency: 'euro' }, 'currency'],
  ])('refuses %j naming %s', async (payload, field) => {
    const response = await t.app.inject({
      method: 'PUT',
      url: '/analytics/workflow-settings/wf-x',
      headers: bearer('editor'),
      payload,
    });
    expect(response.statusCode).toBe(400);
    expect(JSON.stringify(response.json())).toContain(field);
  });

  it('opens a missing-run anomaly and gauge when a run is skipped, and resolves both when a run starts', async () => {
    // Every 10 minutes until 40 minutes ago: the run expected 30 minutes ago is 25 minutes past its 5-minute tolerance.
    const starts = Array.from({ length: 12 }, (_, i) => now - 40 * MIN - (11 - i) * 10 * MIN);
    await t.app.analyzer.writer.submit(
      batch({
        executions: starts.map((s, i) =>
          makeExecution({
            execution_id: `cad-${i}`,
            workflow_id: 'wf-cadence',
            started_at: s,
            completed_at: s + 5000,
            duration_ms: 5000,
          }),
        ),
      }),
    );
    await t.app.healing.monitor.check();
    const expected = (await get('/analytics/expected-runs?workflow_id=wf-cadence')).json().items[0];
    expect(expected).toMatchObject({
      source: 'learned',
      missing: true,
      interval_ms: 10 * MIN,
      tolerance_ms: 5 * MIN,
    });
    const open = (await get('/analytics/anomalies?workflow_id=wf-cadence&status=open')).json().items;
    expect(open).toEqual([expect.objectContaining({ kind: 'missing_run', status: 'open' })]);
    expect((await get('/metrics')).body).toMatch(
      /^rpa_analyzer_workflow_run_missing\{rpa_workflow_id="wf-cadence"\} 1$/m,
    );

    const started = Date.now();
    await t.app.analyzer.writer.submit(
      batch({
        executions: [
          makeExecution({
            execution_id: 'cad-late',
            workflow_id: 'wf-cadence',
            started_at: started,
            completed_at: started + 5000,
            duration_ms: 5000,
          }),
        ],
      }),
    );
    await t.app.healing.monitor.check();
    expect((await get('/analytics/expected-runs?workflow_id=wf-cadence')).json().items[0].missing).toBe(
      false,
    );
    const resolved = (await get('/analytics/anomalies?workflow_id=wf-cadence')).json().items;
    expect(resolved).toEqual([expect.objectContaining({ kind: 'missing_run', status: 'resolved' })]);
    expect((await get('/metrics')).body).toMatch(
      /^rpa_analyzer_workflow_run_missing\{rpa_workflow_id="wf-cadence"\} 0$/m,
    );
  });

  it('alerts on a skipped cron run only once its tolerance has passed, and resolves when a run starts', async () => {
    // A daily run due 20 minutes ago (UTC), yesterday's run on time; nothing today.
    const due = new Date(Math.floor((Date.now() - 20 * MIN) / MIN) * MIN);
    const cron = `${due.getUTCMinutes()} ${due.getUTCHours()} * * *`;
    const put = (tolerance_minutes: number) =>
      t.app.inject({
        method: 'PUT',
        url: '/analytics/workflow-settings/wf-cron',
        headers: bearer('editor'),
        payload: { cron, timezone: 'UTC', tolerance_minutes },
      });
    const yesterday = due.getTime() - DAY + 30_000;
    await t.app.analyzer.writer.submit(
      batch({
        executions: [
          makeExecution({
            execution_id: 'cron-0',
            workflow_id: 'wf-cron',
            started_at: yesterday,
            completed_at: yesterday + 1000,
            duration_ms: 1000,
          }),
        ],
      }),
    );
    const state = async () => {
      await t.app.healing.monitor.check();
      return (await get('/analytics/expected-runs?workflow_id=wf-cron')).json().items[0];
    };
    expect((await put(30)).statusCode).toBe(200);
    expect(await state()).toMatchObject({ source: 'cron', missing: false });
    expect((await get('/analytics/anomalies?workflow_id=wf-cron')).json().items).toEqual([]);
    expect((await put(10)).statusCode).toBe(200);
    expect(await state()).toMatchObject({ source: 'cron', missing: true, expected_at: due.toISOString() });
    expect((await get('/analytics/anomalies?workflow_id=wf-cron&status=open')).json().items).toHaveLength(1);
    const started = Date.now();
    await t.app.analyzer.writer.submit(
      batch({
        executions: [
          makeExecution({
            execution_id: 'cron-1',
            workflow_id: 'wf-cron',
            started_at: started,
            completed_at: started + 1000,
            duration_ms: 1000,
          }),
        ],
      }),
    );
    expect(await state()).toMatchObject({ missing: false });
    expect((await get('/analytics/anomalies?workflow_id=wf-cron&status=open')).json().items).toEqual([]);
  });

  it('resolves a missing run when the workflow no longer has an expectation (its cron removed)', async () => {
    const due = new Date(Math.floor((Date.now() - 30 * MIN) / MIN) * MIN);
    const put = await t.app.inject({
      method: 'PUT',
      url: '/analytics/workflow-settings/wf-retired',
      headers: bearer('editor'),
      payload: { cron: `${due.getUTCMinutes()} ${due.getUTCHours()} * * *`, tolerance_minutes: 5 },
    });
    expect(put.statusCode).toBe(200);
    await t.app.healing.monitor.check();
    expect((await get('/analytics/anomalies?workflow_id=wf-retired&status=open')).json().items).toHaveLength(
      1,
    );
    const removed = await t.app.inject({
      method: 'DELETE',
      url: '/analytics/workflow-settings/wf-retired',
      headers: bearer('editor'),
    });
    expect(removed.json()).toEqual({ deleted: true });
    await t.app.healing.monitor.check();
    expect((await get('/analytics/anomalies?workflow_id=wf-retired')).json().items).toEqual([
      expect.objectContaining({ kind: 'missing_run', status: 'resolved' }),
    ]);
    const again = await t.app.inject({
      method: 'DELETE',
      url: '/analytics/workflow-settings/wf-retired',
      headers: bearer('editor'),
    });
    expect(again.statusCode).toBe(404);
  });

  it('separates queue time from run time when the executor reports requested_at', async () => {
    const base = now - 2 * HOUR;
    await t.app.analyzer.writer.submit(
      batch({
        executions: [1, 2, 3].map((k) =>
          makeExecution({
            execution_id: `q-${k}`,
            workflow_id: 'wf-queue',
            requested_at: base + k * MIN - k * 10_000,
            started_at: base + k * MIN,
            completed_at: base + k * MIN + 20_000,
            duration_ms: 20_000,
          }),
        ),
      }),
    );
    const item = (await get('/analytics/queue-times?workflow_id=wf-queue')).json().items[0];
    expect(item).toMatchObject({
      executions: 3,
      with_request_time: 3,
      queue_ms_median: 20_000,
      queue_ms_max: 30_000,
      run_ms_median: 20_000,
    });
    const execution = (await get('/analytics/metrics?workflow_id=wf-queue&limit=1')).json().items[0];
    expect(execution).toMatchObject({
      queue_ms: 30_000,
      requested_at: new Date(base + 3 * MIN - 30_000).toISOString(),
    });
  });
});
