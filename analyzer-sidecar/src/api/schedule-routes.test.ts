/**
 * The schedule routes over a real app: bad input named by field, roles and
 * ownership, persistence across a restart, made-up missed runs, no overlap,
 * failing deliveries retried and logged with the schedule intact.
 */
import { rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DuckDbStore } from '../store/duckdb/duckdb-store';
import { manualClock, recordingRenderer } from '../test-support/report-fakes';
import { bearer, startTestApp, TOKENS, type TestApp } from '../test-support/test-app';

const EDITOR2 = 'editor-token-2';
const tokens = [
  { role: 'viewer' as const, token: TOKENS.viewer },
  { role: 'editor' as const, token: TOKENS.editor },
  { role: 'editor' as const, token: EDITOR2 },
  { role: 'admin' as const, token: TOKENS.admin },
];
const editor2 = { authorization: `Bearer ${EDITOR2}` };
const FAST_RETRY = { maxAttempts: 3, baseDelayMs: 5, maxDelayMs: 10 };
const T0 = Date.parse('2026-03-07T12:00:00Z');

const spec = (overrides: Record<string, unknown> = {}) => ({
  name: 'Daily fleet',
  cron: '30 2 * * *',
  timezone: 'America/New_York',
  report: { template: 'fleet', range: '24h' },
  webhook: { url: 'http://127.0.0.1:9/hook' },
  ...overrides,
});

async function create(t: TestApp, body: object, headers = bearer('editor')) {
  return t.app.inject({ method: 'POST', url: '/reports/schedules', headers, payload: body });
}

async function logOf(t: TestApp, id: string, headers = bearer('editor')) {
  const page = (await t.app.inject({ url: `/reports/schedules/${id}/deliveries?limit=100`, headers })).json();
  return (page.items as { channel: string; status: string; attempt: number; error: string | null }[])
    .slice()
    .reverse();
}

describe('schedule routes', () => {
  const clock = manualClock(T0);
  const renderer = recordingRenderer();
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(
      { tokens, delivery: { smtpUrl: 'smtp://127.0.0.1:9', smtpFrom: 'reports@example.test' } },
      { render: renderer.render, now: clock.now, retry: FAST_RETRY, emailTimeoutMs: 2000 },
    );
  });
  afterAll(() => t.close());

  it.each<[string, Record<string, unknown>, string]>([
    ['an invalid cron', { cron: '0 25 * * *' }, 'cron'],
    ['an unknown time zone', { timezone: 'Mars/Olympus_Mons' }, 'timezone'],
    ['an unknown template', { report: { template: 'weekly' } }, 'report.template'],
    ['the workflow template without workflow_id', { report: { template: 'workflow' } }, 'report.workflow_id'],
    ['no delivery target', { webhook: undefined }, 'email'],
    ['a non-http webhook', { webhook: { url: 'ftp://example.com/x' } }, 'webhook.url'],
    ['a bad recipient', { email: { to: ['nobody'] } }, 'email.to'],
    ['a missing name', { name: undefined }, 'name'],
    ['an unknown field', { colour: 'red' }, 'colour'],
  ])('answers 400 naming the field for %s', async (_what, change, field) => {
    const response = await create(t, spec(change));
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ error: 'bad_request', field });
  });

  it('lets viewers do nothing with schedules, naming the role needed', async () => {
    const response = await create(t, spec(), bearer('viewer'));
    expect(response.statusCode).toBe(403);
    expect(response.json()).toMatchObject({ error: 'forbidden', required_role: 'editor' });
    expect((await t.app.inject({ url: '/reports/schedules', headers: bearer('viewer') })).statusCode).toBe(
      403,
    );
  });

  it('shows editors their own schedules and admins all', async () => {
    const mine = (await create(t, spec({ name: 'mine' }))).json();
    const theirs = (await create(t, spec({ name: 'theirs' }), editor2)).json();
    expect(mine.owner).toMatch(/^token:[0-9a-f]{12}$/);
    expect(theirs.owner).not.toBe(mine.owner);
    const names = async (headers: Record<string, string>) =>
      ((await t.app.inject({ url: '/reports/schedules', headers })).json().items as { name: string }[]).map(
        (s) => s.name,
      );
    expect(await names(bearer('editor'))).toContain('mine');
    expect(await names(bearer('editor'))).not.toContain('theirs');
    expect(await names(bearer('admin'))).toEqual(expect.arrayContaining(['mine', 'theirs']));
    // Another editor's schedule does not exist for this one.
    for (const [method, url] of [
      ['GET', `/reports/schedules/${theirs.id}`],
      ['DELETE', `/reports/schedules/${theirs.id}`],
      ['POST', `/reports/schedules/${theirs.id}/run`],
      ['GET', `/reports/schedules/${theirs.id}/deliveries`],
    ] as const)
      expect((await t.app.inject({ method, url, headers: bearer('editor') })).statusCode).toBe(404);
    const patched = await t.app.inject({
      method: 'PATCH',
      url: `/reports/schedules/${theirs.id}`,
      headers: bearer('admin'),
      payload: { name: 'renamed by admin' },
    });
    expect(patched.json()).toMatchObject({ name: 'renamed by admin', owner: theirs.owner });
    const grafana = (
      await create(t, spec({ name: 'via grafana' }), { ...bearer('editor'), 'x-grafana-user': 'alice' })
    ).json();
    expect(grafana.owner).toBe(`${mine.owner}/grafana:alice`);
  });

  it('gives a /ui session the owner id of the token that opened it', async () => {
    const signIn = await t.app.inject({
      method: 'POST',
      url: '/ui/session',
      payload: { token: TOKENS.editor },
    });
    const cookie = String(signIn.headers['set-cookie']).split(';')[0]!;
    const viaSession = (await create(t, spec({ name: 'from the ui' }), { cookie })).json();
    const viaBearer = (await create(t, spec({ name: 'from a script' }))).json();
    expect(viaSession.owner).toBe(viaBearer.owner);
    const listed = (await t.app.inject({ url: '/reports/schedules', headers: { cookie } })).json().items;
    expect(listed.map((s: { name: string }) => s.name)).toEqual(
      expect.arrayContaining(['from the ui', 'from a script']),
    );
  });

  it('recomputes the next run on PATCH and stops it when disabled', async () => {
    const s = (await create(t, spec())).json();
    expect(s.next_run_at).toBe('2026-03-08T07:00:00.000Z'); // 02:30 does not exist that night: 03:00 EDT
    const patch = (payload: object) =>
      t.app.inject({
        method: 'PATCH',
        url: `/reports/schedules/${s.id}`,
        headers: bearer('editor'),
        payload,
      });
    expect((await patch({ cron: '0 9 * * 1' })).json().next_run_at).toBe('2026-03-09T13:00:00.000Z');
    expect((await patch({ enabled: false })).json().next_run_at).toBeNull();
    expect((await patch({ webhook: null })).json()).toMatchObject({ field: 'email' }); // no target left
    expect((await patch({ cron: 'every day' })).statusCode).toBe(400);
    expect(
      (await t.app.inject({ url: `/reports/schedules/${s.id}`, headers: bearer('editor') })).json(),
    ).toMatchObject({
      cron: '0 9 * * 1',
      enabled: false,
      webhook: { url: 'http://127.0.0.1:9/hook' },
    });
    expect(
      (await t.app.inject({ method: 'DELETE', url: `/reports/schedules/${s.id}`, headers: bearer('editor') }))
        .statusCode,
    ).toBe(204);
    expect(
      (await t.app.inject({ url: `/reports/schedules/${s.id}`, headers: bearer('editor') })).statusCode,
    ).toBe(404);
  });

  it('retries an unreachable SMTP server and a failing webhook, logs every attempt, keeps the schedule', async () => {
    let calls = 0;
    const hook: Server = createServer((_req, res) => res.writeHead(++calls <= 2 ? 503 : 200).end());
    await new Promise<void>((resolve) => hook.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/`;
      const s = (await create(t, spec({ email: { to: ['ops@example.test'] }, webhook: { url } }))).json();
      const run = await t.app.inject({
        method: 'POST',
        url: `/reports/schedules/${s.id}/run`,
        headers: bearer('editor'),
      });
      expect(run.statusCode).toBe(202);
      await t.app.schedules.scheduler.idle();
      const log = await logOf(t, s.id);
      const of = (channel: string) =>
        log.filter((e) => e.channel === channel).map((e) => `${e.attempt}:${e.status}`);
      expect(of('render')).toEqual(['1:succeeded']);
      expect(of('webhook')).toEqual(['1:failed', '2:failed', '3:succeeded']);
      expect(of('email')).toEqual(['1:failed', '2:failed', '3:failed']);
      expect(log.find((e) => e.channel === 'webhook')!.error).toBe('webhook answered HTTP 503');
      expect(log.find((e) => e.channel === 'email')!.error).toMatch(/ECONNREFUSED|connect/i);
      const after = (
        await t.app.inject({ url: `/reports/schedules/${s.id}`, headers: bearer('editor') })
      ).json();
      expect(after).toMatchObject({ enabled: true, last_outcome: 'partial', next_run_at: s.next_run_at });
      const metrics = (await t.app.inject({ url: '/metrics' })).body;
      expect(metrics).toMatch(
        /rpa_analyzer_report_delivery_attempts_total\{channel="webhook",outcome="failed"\} [1-9]/,
      );
    } finally {
      await new Promise((resolve) => hook.close(resolve));
    }
  });

  it('takes a range in milliseconds as well as 24h/7d/30d', async () => {
    const s = await create(t, spec({ report: { template: 'anomalies', format: 'html', range: 3_600_000 } }));
    expect(s.json().report).toEqual({ template: 'anomalies', format: 'html', range: 3_600_000 });
    await t.app.inject({
      method: 'POST',
      url: `/reports/schedules/${s.json().id}/run`,
      headers: bearer('editor'),
    });
    await t.app.schedules.scheduler.idle();
    const request = renderer.requests.at(-1)!;
    expect(request).toMatchObject({ template: 'anomalies', format: 'html' });
    expect(request.to - request.from).toBe(3_600_000);
    expect((await create(t, spec({ report: { template: 'fleet', range: '2w' } }))).json()).toMatchObject({
      field: 'report.range',
    });
  });

  it('stops the run of a deleted schedule and keeps no log of it', async () => {
    const s = (await create(t, spec())).json();
    const release = renderer.hold();
    await t.app.inject({ method: 'POST', url: `/reports/schedules/${s.id}/run`, headers: bearer('editor') });
    const deleted = await t.app.inject({
      method: 'DELETE',
      url: `/reports/schedules/${s.id}`,
      headers: bearer('editor'),
    });
    expect(deleted.statusCode).toBe(204);
    release();
    await t.app.schedules.scheduler.idle();
    const rows = await (t.app.analyzer.store as DuckDbStore).read((c) =>
      c.runAndReadAll('SELECT count(*)::INTEGER FROM report_deliveries WHERE schedule_id = $1', [s.id]),
    );
    expect(rows.getRows()[0]![0]).toBe(0);
  });

  it('pages the delivery log', async () => {
    const s = (await create(t, spec())).json();
    await t.app.inject({ method: 'POST', url: `/reports/schedules/${s.id}/run`, headers: bearer('editor') });
    await t.app.schedules.scheduler.idle();
    const first = (
      await t.app.inject({ url: `/reports/schedules/${s.id}/deliveries?limit=2`, headers: bearer('editor') })
    ).json();
    expect(first).toMatchObject({ total: 4 }); // 1 render + 3 webhook attempts to a closed port
    expect(first.items).toHaveLength(2);
    const second = (
      await t.app.inject({
        url: `/reports/schedules/${s.id}/deliveries?limit=2&cursor=${first.next_cursor}`,
        headers: bearer('editor'),
      })
    ).json();
    expect(second.items).toHaveLength(2);
    expect(second.next_cursor).toBeNull();
    const ids = [...first.items, ...second.items].map((e: { id: string }) => e.id);
    expect(new Set(ids).size).toBe(4);
  });

  it('never overlaps runs of one schedule: a due run while one is going is skipped and logged', async () => {
    clock.set(Date.parse('2026-06-01T09:59:00Z'));
    const s = (await create(t, spec({ cron: '*/5 * * * *', timezone: 'UTC' }))).json();
    const release = renderer.hold();
    clock.set(Date.parse('2026-06-01T10:00:00Z'));
    await t.app.schedules.scheduler.wake(); // starts the 10:00 run, held in its render
    expect(
      (await t.app.inject({ url: `/reports/schedules/${s.id}`, headers: bearer('editor') })).json().running,
    ).toBe(true);
    clock.set(Date.parse('2026-06-01T10:05:00Z'));
    await t.app.schedules.scheduler.wake(); // 10:05 is due while 10:00 still renders
    const now = await t.app.inject({
      method: 'POST',
      url: `/reports/schedules/${s.id}/run`,
      headers: bearer('editor'),
    });
    expect(now.statusCode).toBe(409);
    release();
    await t.app.schedules.scheduler.idle();
    const log = await logOf(t, s.id);
    expect(log.filter((e) => e.channel === 'run')).toEqual([
      expect.objectContaining({ status: 'skipped', attempt: 0 }),
    ]);
    expect(log.filter((e) => e.channel === 'render')).toHaveLength(1);
    const after = (
      await t.app.inject({ url: `/reports/schedules/${s.id}`, headers: bearer('editor') })
    ).json();
    expect(after.next_run_at).toBe('2026-06-01T10:10:00.000Z');
  });
});

describe('schedules across a restart', () => {
  let dataDir = '';
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('keeps schedules, and makes up a run missed while down once', async () => {
    const clock = manualClock(Date.parse('2026-11-20T08:00:00Z'));
    const first = await startTestApp(
      {},
      { render: recordingRenderer().render, now: clock.now, retry: FAST_RETRY },
    );
    dataDir = first.dataDir;
    const created = (await create(first, spec({ cron: '0 * * * *', timezone: 'Asia/Kolkata' }))).json();
    expect(created.next_run_at).toBe('2026-11-20T08:30:00.000Z'); // :00 in +05:30
    await first.app.inject({
      method: 'POST',
      url: `/reports/schedules/${created.id}/run`,
      headers: bearer('editor'),
    });
    await first.app.schedules.scheduler.idle();
    const logged = (await logOf(first, created.id)).length;
    expect(logged).toBe(4); // render + 3 attempts at a closed port
    await first.app.close();

    clock.set(Date.parse('2026-11-20T13:10:00Z')); // five occurrences passed while down
    const renderer = recordingRenderer();
    const second = await startTestApp(
      { dataDir },
      { render: renderer.render, now: clock.now, retry: FAST_RETRY },
    );
    try {
      await second.app.schedules.scheduler.idle();
      const got = (
        await second.app.inject({ url: `/reports/schedules/${created.id}`, headers: bearer('editor') })
      ).json();
      for (const key of ['id', 'name', 'owner', 'cron', 'timezone', 'report', 'webhook', 'created_at'])
        expect(got[key]).toEqual(created[key]);
      expect(got.webhook_secret).toBeUndefined();
      expect(got.next_run_at).toBe('2026-11-20T13:30:00.000Z');
      expect(renderer.requests).toHaveLength(1); // made up once, not five times
      expect(renderer.requests[0]!.to).toBe(clock.now()); // up to the moment it ran
      expect(got.last_outcome).toBe('failed'); // the webhook's port is closed; the schedule stays
      const log = await logOf(second, created.id); // the log continues where it stopped
      expect(log).toHaveLength(8);
    } finally {
      await second.app.close();
      rmSync(second.dataDir, { recursive: true, force: true });
    }
  });
});

describe('a renderer that fails', () => {
  it('logs each failed render attempt with a clear reason and keeps the schedule', async () => {
    const render = async (): Promise<never> => {
      throw new Error('reports not built: the renderer failed');
    };
    const t = await startTestApp({}, { retry: FAST_RETRY, render });
    try {
      const s = (await create(t, spec())).json();
      await t.app.inject({
        method: 'POST',
        url: `/reports/schedules/${s.id}/run`,
        headers: bearer('editor'),
      });
      await t.app.schedules.scheduler.idle();
      const log = await logOf(t, s.id);
      expect(log.map((e) => `${e.channel}:${e.attempt}:${e.status}`)).toEqual([
        'render:1:failed',
        'render:2:failed',
        'render:3:failed',
      ]);
      expect(log[0]!.error).toMatch(/^reports not built/);
      const after = (
        await t.app.inject({ url: `/reports/schedules/${s.id}`, headers: bearer('editor') })
      ).json();
      expect(after).toMatchObject({ enabled: true, last_outcome: 'failed', next_run_at: s.next_run_at });
    } finally {
      await t.close();
    }
  });
});

describe('the scheduler timer', () => {
  it('fires a due schedule by itself, on time', async () => {
    // A clock running at real speed, set to 2 s before a whole minute once the app is up.
    let offset = 0;
    const now = () => Date.now() + offset;
    const renderer = recordingRenderer();
    const t = await startTestApp({}, { render: renderer.render, now, retry: FAST_RETRY });
    offset = Date.parse('2026-12-03T10:00:00Z') - 2000 - Date.now();
    try {
      const s = (await create(t, spec({ cron: '* * * * *', timezone: 'UTC' }))).json();
      expect(s.next_run_at).toBe('2026-12-03T10:00:00.000Z');
      const deadline = Date.now() + 10_000;
      while (renderer.requests.length === 0 && Date.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 20));
      expect(renderer.requests).toHaveLength(1);
      expect(renderer.requests[0]!.to).toBe(Date.parse('2026-12-03T10:00:00Z'));
      expect(now() - Date.parse('2026-12-03T10:00:00Z')).toBeLessThan(3000);
    } finally {
      await t.close();
    }
  });
});
