/**
 * Two analyzer apps over one ClickHouse cluster (router + 2 shards): each
 * ingests part of a history, and then every analysis the API serves is the
 * same from both; what one instance changes (workflow settings, schedules,
 * share links) the other answers at once; exports are the same rows.
 */
import type { StoreConfig } from '../config/store-config';
import type { RecordBatch } from '../model/records';
import { analysisHistory } from '../test-support/analysis-history';
import { ClickHouseCluster } from '../test-support/clickhouse-cluster';
import { poll } from '../test-support/local-server';
import { bearer, startTestApp, type TestApp } from '../test-support/test-app';

let cluster: ClickHouseCluster;
let a: TestApp;
let b: TestApp;

function storeConfig(instanceId: string): StoreConfig {
  const { router, cluster: layout } = cluster.options;
  return {
    kind: 'clickhouse',
    instanceId,
    clickhouse: {
      url: router.url,
      username: undefined,
      password: undefined,
      database: 'default',
      cluster: { name: layout.name, shards: layout.shards.map((s) => s.url) },
    },
  };
}

/** The part of a history whose workflows `keep` selects. */
function part(batch: RecordBatch, keep: (workflowId: string) => boolean): RecordBatch {
  return {
    executions: batch.executions.filter((e) => keep(e.workflow_id)),
    steps: batch.steps.filter((s) => keep(s.workflow_id)),
    recoveries: batch.recoveries.filter((r) => keep(r.workflow_id)),
    resources: batch.resources.filter((r) => r.workflow_id !== null && keep(r.workflow_id)),
  };
}

beforeAll(async () => {
  cluster = await ClickHouseCluster.start(2);
  a = await startTestApp({ store: storeConfig('api-a') });
  b = await startTestApp({ store: storeConfig('api-b') });
  const history = analysisHistory(Date.now());
  const workflows = [...new Set(history.executions.map((e) => e.workflow_id))].sort();
  const toA = new Set(workflows.filter((_, i) => i % 2 === 0));
  await a.app.analyzer.writer.submit(part(history, (w) => toA.has(w)));
  await b.app.analyzer.writer.submit(part(history, (w) => !toA.has(w)));
}, 180_000);

afterAll(async () => {
  await a?.close();
  await b?.close();
  await cluster?.stop();
});

const get = async (t: TestApp, url: string, role: 'viewer' | 'editor' | 'admin' = 'viewer') => {
  const response = await t.app.inject({ url, headers: bearer(role) });
  return { status: response.statusCode, body: response.body };
};

/** Both instances give the same answer (after the feed brought each the other's writes). */
async function sameFromBoth(url: string): Promise<string> {
  let last: unknown = null;
  return poll(
    async () => {
      const [fromA, fromB] = await Promise.all([get(a, url), get(b, url)]);
      last = {
        a: fromA.status,
        b: fromB.status,
        bodies: [fromA.body.slice(0, 400), fromB.body.slice(0, 400)],
      };
      return fromA.status === 200 && fromA.body === fromB.body ? fromA.body : undefined;
    },
    `the same ${url} from both instances`,
    30_000,
  ).catch((error: Error) => {
    throw new Error(`${error.message}; last answers: ${JSON.stringify(last)}`);
  });
}

it.each([
  '/analytics/success-rates',
  '/analytics/metrics?limit=200',
  '/analytics/failures',
  '/analytics/reliability',
  '/analytics/degradation?workflow_id=wf-fast',
  '/analytics/performance?workflow_id=wf-fast',
  '/analytics/bottlenecks?workflow_id=wf-fast',
  '/analytics/healing',
  '/analytics/executions/live',
  '/analytics/aggregate?metric=step_duration_ms&aggregation=p95&group_by=workflow_id',
  '/analytics/compare?workflow_ids=wf-fast,wf-mid',
])('answers %s the same from every instance', async (url) => {
  const body = await sameFromBoth(url);
  expect(body.length).toBeGreaterThan(20);
});

it('serves anomalies and incidents judged by either instance alike', async () => {
  await Promise.all([a.app.live.idle(), b.app.live.idle()]);
  await sameFromBoth('/analytics/anomalies?limit=500');
  await sameFromBoth('/analytics/incidents?limit=500');
});

it('splits live detection between the instances, each workflow judged by one', async () => {
  const [viewA, viewB] = await Promise.all([
    get(a, '/cluster').then((r) => JSON.parse(r.body)),
    get(b, '/cluster').then((r) => JSON.parse(r.body)),
  ]);
  expect(viewA.members).toEqual(['api-a', 'api-b']);
  const ownedA: string[] = viewA.owned_workflows;
  const ownedB: string[] = viewB.owned_workflows;
  expect(ownedA.filter((w) => ownedB.includes(w))).toEqual([]);
  expect(ownedA.length + ownedB.length).toBeGreaterThan(1);
});

it('shows on one instance what an editor changed on the other', async () => {
  const put = await a.app.inject({
    method: 'PUT',
    url: '/analytics/workflow-settings/wf-fast',
    headers: bearer('editor'),
    payload: { manual_minutes_per_case: 12, cost_per_hour: 40, currency: 'EUR' },
  });
  expect(put.statusCode).toBe(200);
  const settings = JSON.parse((await get(b, '/analytics/workflow-settings')).body);
  expect(settings.items).toEqual([
    expect.objectContaining({ workflow_id: 'wf-fast', manual_minutes_per_case: 12, currency: 'EUR' }),
  ]);

  const created = await b.app.inject({
    method: 'POST',
    url: '/reports/schedules',
    headers: bearer('editor'),
    payload: {
      name: 'Daily fleet',
      cron: '30 2 * * *',
      timezone: 'Europe/Berlin',
      report: { template: 'fleet', range: '24h' },
      webhook: { url: 'http://127.0.0.1:9/hook' },
    },
  });
  expect(created.statusCode).toBe(201);
  const listed = JSON.parse((await get(a, '/reports/schedules', 'editor')).body);
  expect(listed.items.map((s: { id: string }) => s.id)).toEqual([created.json().id]);
});

it('exports the same rows from every instance', async () => {
  const url = '/analytics/export/executions?format=csv';
  const [fromA, fromB] = await Promise.all([get(a, url), get(b, url)]);
  expect(fromA.status).toBe(200);
  const lines = (body: string) => body.trimEnd().split('\r\n');
  const [headerA, ...rowsA] = lines(fromA.body);
  const [headerB, ...rowsB] = lines(fromB.body);
  expect(headerA).toBe(headerB);
  expect(rowsA.length).toBeGreaterThan(100);
  expect(rowsA.sort()).toEqual(rowsB.sort());
});
