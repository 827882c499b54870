/**
 * Two coordinators over a real ClickHouse (Debian's clickhouse-server, one
 * node): the feed carries each instance's commits and events to the other
 * once, ownership splits the workflows without overlap, and when one instance
 * stops heartbeating the other takes its workflows over, replaying their rows.
 */
import { makeExecution } from '../analysis/test-support/records';
import { emptyBatch, type RecordBatch } from '../model/records';
import { ClickHouseStore } from '../store/clickhouse/clickhouse-store';
import { ClickHouseCluster } from '../test-support/clickhouse-cluster';
import { poll } from '../test-support/local-server';
import { createClusterCoordinator, type ClusterCoordinator } from './cluster-coordinator';
import { openClusterTables, type ClusterTables } from './cluster-tables';

const TIMING = { heartbeatMs: 150, ttlMs: 900, pollMs: 100, overlapMs: 2000, replayMs: 60_000 };
const WORKFLOWS = Array.from({ length: 24 }, (_, i) => `wf-${i}`);

let server: ClickHouseCluster;
let store: ClickHouseStore;
let tables: ClusterTables;

beforeAll(async () => {
  server = await ClickHouseCluster.start(1);
  store = await ClickHouseStore.open({ router: server.options.router });
  tables = await openClusterTables(store);
}, 120_000);

afterAll(async () => {
  await store?.close();
  await server?.stop();
});

interface Observed {
  coordinator: ClusterCoordinator;
  commits: RecordBatch[];
  events: string[];
  takenOver: { workflows: string[]; replayed: string[] }[];
  released: string[][];
}

function instance(id: string): Observed {
  const coordinator = createClusterCoordinator({
    tables,
    instanceId: id,
    now: Date.now,
    timing: TIMING,
    knownWorkflows: async () => [],
    onError: (error) => {
      throw error;
    },
  });
  const observed: Observed = { coordinator, commits: [], events: [], takenOver: [], released: [] };
  coordinator.commits((fresh) => observed.commits.push(fresh));
  coordinator.onRemoteEvent((event) => observed.events.push(`${event.type}:${event.workflowIds.join(',')}`));
  coordinator.handleOwnership({
    async takeOver(workflows, replay) {
      observed.takenOver.push({
        workflows: [...workflows].sort(),
        replayed: replay.executions.map((e) => e.execution_id).sort(),
      });
    },
    async release(workflows) {
      observed.released.push([...workflows].sort());
    },
  });
  return observed;
}

const executionIds = (batches: readonly RecordBatch[]) =>
  batches.flatMap((b) => b.executions.map((e) => e.execution_id)).sort();

function batchFor(prefix: string): RecordBatch {
  const batch = emptyBatch();
  for (const [i, workflow_id] of WORKFLOWS.entries())
    batch.executions.push(
      makeExecution({ execution_id: `${prefix}-${i}`, workflow_id, started_at: Date.now() }),
    );
  return batch;
}

it('carries commits and events across, splits ownership, and hands a dead instance its workflows', async () => {
  const a = instance('analyzer-a');
  const b = instance('analyzer-b');
  await Promise.all([a.coordinator.start(), b.coordinator.start()]);
  try {
    await poll(
      async () =>
        (a.coordinator.view().members.length === 2 && b.coordinator.view().members.length === 2) || undefined,
      'both instances to see each other',
    );
    // Both instances' first rows: each workflow is new, its owner starts judging it at once.
    const first = batchFor('a1');
    await a.coordinator.publish(first);
    await poll(async () => (b.commits.length > 0 ? true : undefined), 'the feed to bring a1 to b');
    expect(executionIds(a.commits)).toEqual(executionIds([first]));
    expect(executionIds(b.commits)).toEqual(executionIds([first]));
    for (const w of WORKFLOWS) expect(a.coordinator.judges(w)).not.toBe(b.coordinator.judges(w));
    const ownedByA = a.coordinator.view().owned_workflows;
    const ownedByB = b.coordinator.view().owned_workflows;
    expect([...ownedByA, ...ownedByB].sort()).toEqual([...WORKFLOWS].sort());
    expect(ownedByA.length).toBeGreaterThan(0);
    expect(ownedByB.length).toBeGreaterThan(0);

    await b.coordinator.publishEvent('anomaly.opened', { anomaly_id: 'x' }, ['wf-3', 'wf-4']);
    await poll(async () => (a.events.length > 0 ? true : undefined), 'the event to reach a');
    expect(a.events).toEqual(['anomaly.opened:wf-3,wf-4']);
    expect(b.events).toEqual([]); // its own event is not delivered back

    // Polls repeat their overlap window: nothing is delivered twice.
    await new Promise((resolve) => setTimeout(resolve, 5 * TIMING.pollMs));
    expect(b.commits).toHaveLength(1);

    // a dies (no more heartbeats or polls); b takes a's workflows over, replaying their rows.
    await a.coordinator.stop();
    const died = Date.now();
    await poll(
      async () => (b.coordinator.view().owned_workflows.length === WORKFLOWS.length ? true : undefined),
      'b to own every workflow',
    );
    const takeoverMs = Date.now() - died;
    expect(takeoverMs).toBeLessThan(TIMING.ttlMs + 3 * TIMING.heartbeatMs + 1000);
    const taken = b.takenOver.flatMap((t) => t.workflows).sort();
    expect(taken).toEqual([...ownedByA].sort());
    const replayed = b.takenOver.flatMap((t) => t.replayed).sort();
    const aRows = first.executions.filter((e) => ownedByA.includes(e.workflow_id)).map((e) => e.execution_id);
    expect(replayed).toEqual(aRows.sort());
    expect(b.released).toEqual([]);
  } finally {
    await Promise.all([a.coordinator.stop(), b.coordinator.stop()]);
  }
}, 120_000);
