/**
 * Retention on a real cluster (router + 2 shards): old days leave by dropped
 * month partitions and a mutation for the rest of the cutoff's month, on
 * every shard; newer rows stay; stale start markers are forgotten.
 */
import { makeExecution } from '../../analysis/test-support/records';
import { emptyBatch } from '../../model/records';
import { ClickHouseCluster } from '../../test-support/clickhouse-cluster';
import { poll } from '../../test-support/local-server';
import { ClickHouseStore } from './clickhouse-store';
import { createClickHouseRetention, monthPartitionEnd } from './retention-sql';

const DAY = 86_400_000;
let cluster: ClickHouseCluster;
let store: ClickHouseStore;

beforeAll(async () => {
  cluster = await ClickHouseCluster.start(2);
  store = await ClickHouseStore.open(cluster.options);
}, 120_000);

afterAll(async () => {
  await store?.close();
  await cluster?.stop();
});

it('knows where a month partition ends', () => {
  expect(monthPartitionEnd(202611)).toBe(Date.UTC(2026, 11, 1));
  expect(monthPartitionEnd(202612)).toBe(Date.UTC(2027, 0, 1));
});

it('deletes the days before the cutoff on every shard and keeps the rest', async () => {
  const batch = emptyBatch();
  // Every 12 hours from 1 Aug to 30 Nov 2026, over 6 workflows (both shards hold some).
  const start = Date.UTC(2026, 7, 1);
  for (let t = start, i = 0; t < Date.UTC(2026, 10, 30); t += DAY / 2, i++)
    batch.executions.push(
      makeExecution({ execution_id: `e-${i}`, workflow_id: `wf-${i % 6}`, started_at: t }),
    );
  await store.insert(batch);
  const retention = createClickHouseRetention(store);
  // The cutoff falls inside October, mid-day: whole days before 17 Oct go; August and September as partitions.
  const cutoff = Date.UTC(2026, 9, 17, 15);
  const dayCutoff = Date.UTC(2026, 9, 17);
  const doomed = batch.executions.filter((e) => e.started_at < dayCutoff);
  expect(await retention.deleteDaysBefore('executions', cutoff)).toBe(doomed.length);
  const remaining = async () => {
    const page = await store.listExecutions({}, 10_000);
    return page.items.map((e) => e.execution_id).sort();
  };
  const kept = batch.executions
    .filter((e) => e.started_at >= dayCutoff)
    .map((e) => e.execution_id)
    .sort();
  // The mutation for the rest of October runs in the background.
  await poll(
    async () => (JSON.stringify(await remaining()) === JSON.stringify(kept) ? true : undefined),
    'the mutation',
  );
  expect(await retention.deleteDaysBefore('executions', cutoff)).toBe(0);
  expect(await retention.moveOlderThan('executions', cutoff)).toEqual({ rows: 0, files: 0 });
});

it('forgets start markers older than the cutoff that never ended, and counts them', async () => {
  await store.truncate();
  const now = Date.UTC(2026, 11, 3);
  const marker = (id: string, startedAt: number) =>
    makeExecution({
      execution_id: id,
      workflow_id: 'wf-m',
      started_at: startedAt,
      status: 'running',
      completed_at: null,
      duration_ms: null,
    });
  const batch = emptyBatch();
  batch.executions.push(
    marker('stale', now - 5 * DAY),
    marker('ended', now - 5 * DAY),
    marker('fresh', now - DAY / 2),
  );
  await store.insert(batch);
  await store.insert({
    ...emptyBatch(),
    executions: [makeExecution({ execution_id: 'ended', workflow_id: 'wf-m', started_at: now - 5 * DAY })],
  });
  const retention = createClickHouseRetention(store);
  expect(await retention.forgetRunningBefore(now - 2 * DAY)).toBe(1);
  await poll(async () => {
    const running = await store.listExecutions({ status: 'running' }, 10);
    return running.items.length === 1 ? running.items : undefined;
  }, 'the stale marker to go');
  expect((await store.listExecutions({ status: 'running' }, 10)).items.map((e) => e.execution_id)).toEqual([
    'fresh',
  ]);
});
