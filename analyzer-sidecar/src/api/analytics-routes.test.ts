import { executionSpecs, protobufBody, recordSpans } from '../test-support/sdk-spans';
import { bearer, startTestApp, type TestApp } from '../test-support/test-app';

const DAY = 86_400_000;
const NOW = Date.now();

describe('analytics and admin routes', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    const specs = [
      ...executionSpecs('exec-old', 'wf-a', NOW - 40 * DAY, 2),
      ...executionSpecs('exec-new', 'wf-a', NOW - DAY, 3),
      ...executionSpecs('exec-b', 'wf-b', NOW - 2 * DAY, 1),
    ];
    const response = await t.app.inject({
      method: 'POST',
      url: '/v1/traces',
      headers: { 'content-type': 'application/x-protobuf' },
      payload: protobufBody(recordSpans(specs)),
    });
    expect(response.statusCode).toBe(200);
  });
  afterAll(() => t.close());

  it.each([
    ['no token', {}, 401],
    ['an unknown token', { authorization: 'Bearer nope-nope-nope' }, 401],
    ['a viewer token', bearer('viewer'), 200],
  ])('GET /analytics/metrics with %s', async (_label, headers, status) => {
    const response = await t.app.inject({ url: '/analytics/metrics', headers });
    expect(response.statusCode).toBe(status);
    if (status !== 200)
      expect(response.json()).toMatchObject({ error: 'unauthorized', message: expect.any(String) });
  });

  it('paginates newest first with a cursor', async () => {
    const first = (
      await t.app.inject({ url: '/analytics/metrics?limit=2', headers: bearer('viewer') })
    ).json();
    expect(first.total).toBe(3);
    expect(first.items.map((e: { execution_id: string }) => e.execution_id)).toEqual(['exec-new', 'exec-b']);
    const second = (
      await t.app.inject({
        url: `/analytics/metrics?limit=2&cursor=${first.next_cursor}`,
        headers: bearer('viewer'),
      })
    ).json();
    expect(second.items.map((e: { execution_id: string }) => e.execution_id)).toEqual(['exec-old']);
    expect(second.next_cursor).toBeNull();
  });

  it('filters by time (RFC 3339 or epoch ms), repeated workflow_id, status and action_type', async () => {
    const from = new Date(NOW - 3 * DAY).toISOString();
    const byTime = (
      await t.app.inject({ url: `/analytics/metrics?from=${from}&to=${NOW}`, headers: bearer('viewer') })
    ).json();
    expect(byTime.total).toBe(2);
    const byWorkflows = (
      await t.app.inject({
        url: '/analytics/metrics?workflow_id=wf-a&workflow_id=wf-b&status=completed&action_type=click',
        headers: bearer('viewer'),
      })
    ).json();
    expect(byWorkflows.items.map((e: { execution_id: string }) => e.execution_id)).toEqual([
      'exec-new',
      'exec-old',
    ]);
  });

  it.each([
    ['/analytics/metrics?colour=red', 'colour'],
    ['/analytics/metrics?from=yesterday', 'from'],
    ['/analytics/metrics?limit=0', 'limit'],
    ['/analytics/metrics?status=exploded', 'status'],
    ['/analytics/metrics?cursor=abc', 'cursor'],
    ['/analytics/aggregate?metric=step_duration_ms&aggregation=median', 'aggregation'],
    ['/analytics/aggregate?metric=step_duration_ms&aggregation=avg&group_by=password', 'group_by'],
    ['/analytics/aggregate?metric=step_duration_ms&aggregation=avg&group_by=service_name', 'group_by'],
    ['/analytics/aggregate?aggregation=avg', 'metric'],
  ])('GET %s is a 400 naming %s', async (url, field) => {
    const response = await t.app.inject({ url, headers: bearer('viewer') });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ error: 'bad_request', field });
  });

  it('aggregates p95 of step durations per workflow', async () => {
    const response = await t.app.inject({
      url: `/analytics/aggregate?metric=step_duration_ms&aggregation=p95&group_by=workflow_id&from=${NOW - 50 * DAY}`,
      headers: bearer('viewer'),
    });
    expect(response.statusCode).toBe(200);
    expect(response.json().items).toEqual([
      { group: { workflow_id: 'wf-a' }, value: 9.5, count: 5 },
      { group: { workflow_id: 'wf-b' }, value: 9.5, count: 1 },
    ]);
  });

  it('keeps retention to admins and validates policies naming the field', async () => {
    expect((await t.app.inject({ url: '/admin/retention', headers: bearer('editor') })).statusCode).toBe(403);
    const bad = await t.app.inject({
      method: 'PUT',
      url: '/admin/retention',
      headers: bearer('admin'),
      payload: { steps: { hot_days: 10, archive_days: 5 } },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ field: 'steps.archive_days' });
    const unknown = await t.app.inject({
      method: 'PUT',
      url: '/admin/retention',
      headers: bearer('admin'),
      payload: { logs: { hot_days: 1 } },
    });
    expect(unknown.json()).toMatchObject({ field: 'logs' });
  });

  it('archives by policy and answers the same rows afterwards', async () => {
    const before = (
      await t.app.inject({ url: '/analytics/metrics?include=steps', headers: bearer('viewer') })
    ).json();
    const put = await t.app.inject({
      method: 'PUT',
      url: '/admin/retention',
      headers: bearer('admin'),
      payload: {
        executions: { hot_days: 30, archive_days: null },
        steps: { hot_days: 0, archive_days: null },
      },
    });
    expect(put.statusCode).toBe(200);
    expect((await t.app.inject({ url: '/admin/retention', headers: bearer('admin') })).json().steps).toEqual({
      hot_days: 0,
      archive_days: null,
    });
    const applied = await t.app.inject({
      method: 'POST',
      url: '/admin/retention/apply',
      headers: bearer('admin'),
    });
    expect(applied.statusCode).toBe(200);
    expect(applied.json().executions).toMatchObject({ archived_rows: 1 });
    expect(applied.json().steps).toMatchObject({ archived_rows: 6 });
    const after = (
      await t.app.inject({ url: '/analytics/metrics?include=steps', headers: bearer('viewer') })
    ).json();
    expect(after).toEqual(before);
    const metrics = (await t.app.inject({ url: '/metrics' })).body;
    expect(metrics).toMatch(/rpa_analyzer_store_rows\{table="steps"\} 0/);
    expect(metrics).toMatch(/rpa_analyzer_archive_bytes\{type="steps"\} [1-9]/);
  });

  it('serves an OpenAPI document generated from the route schemas', async () => {
    const response = await t.app.inject({ url: '/openapi.json' });
    expect(response.statusCode).toBe(200);
    const document = response.json();
    expect(document.openapi).toMatch(/^3\./);
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining([
        '/v1/traces',
        '/v1/metrics',
        '/analytics/metrics',
        '/analytics/aggregate',
        '/admin/retention',
        '/health',
        '/metrics',
      ]),
    );
  });

  it('answers /health without a token', async () => {
    expect((await t.app.inject({ url: '/health' })).json()).toEqual({ status: 'ok' });
  });
});
