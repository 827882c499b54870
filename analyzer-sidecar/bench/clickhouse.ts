/**
 * `npm run bench:clickhouse -w analyzer-sidecar`: the ClickHouse store on a
 * real cluster (router + 2 shards of Debian's clickhouse-server, started here)
 * — store-level insert throughput, then per-workflow statistics and the
 * all-workflow group-by at BENCH_STEPS steps. Prints figures, asserts nothing.
 *   BENCH_STEPS            (default 10000000) steps generated in the cluster
 *   BENCH_WORKFLOWS        (default 200)
 *   BENCH_INSERT_STEPS     (default 200000)   steps inserted through ClickHouseStore.insert, 512 a batch
 *   BENCH_EXPORT           (default 1)        0: skip exporting the BENCH_STEPS steps as CSV, JSON Lines, Parquet
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeStep } from '../src/analysis/test-support/records';
import { ClickHouseStore } from '../src/store/clickhouse/clickhouse-store';
import { createClickHouseExportStore } from '../src/store/clickhouse/export-sql';
import { localTableName, STORED_TABLES } from '../src/store/clickhouse/schema';
import { ClickHouseCluster } from '../src/test-support/clickhouse-cluster';
import { describeExport, measureExports } from './export-bench';
import { timed } from './store-bench';

const STEPS_PER_EXECUTION = 10;
const START = Date.UTC(2026, 0, 1);

function envInt(name: string, fallback: number): number {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a non-negative integer`);
  return value;
}

async function main(): Promise<void> {
  const steps = envInt('BENCH_STEPS', 10_000_000);
  const workflows = envInt('BENCH_WORKFLOWS', 200);
  const insertSteps = envInt('BENCH_INSERT_STEPS', 200_000);
  console.log(`node ${process.version}, ${cpus().length} CPUs; ClickHouse router + 2 shards on loopback`);
  const cluster = await ClickHouseCluster.start(2);
  const store = await ClickHouseStore.open(cluster.options);
  try {
    if (insertSteps > 0) await benchInsert(store, insertSteps, workflows);
    await store.truncate();
    if (steps > 0) await benchQueries(store, cluster, steps, workflows);
    if (steps > 0 && envInt('BENCH_EXPORT', 1) > 0) await benchExport(store, steps);
  } finally {
    await store.close();
    await cluster.stop();
  }
}

/** Store-level inserts (RowBinary, key lookups first), one batch after another as one analyzer writes. */
async function benchInsert(store: ClickHouseStore, steps: number, workflows: number): Promise<void> {
  const latencies: number[] = [];
  const started = process.hrtime.bigint();
  for (let offset = 0; offset < steps; offset += 512) {
    const count = Math.min(512, steps - offset);
    const batch = Array.from({ length: count }, (_, i) => {
      const n = offset + i;
      const execution = Math.floor(n / STEPS_PER_EXECUTION);
      return makeStep({
        step_id: `s-${n}`,
        execution_id: `e-${execution}`,
        workflow_id: `workflow-${execution % workflows}`,
        node_id: `node-${n % STEPS_PER_EXECUTION}`,
        started_at: START + n * 200,
        duration_ms: 20 + (n % 997) / 3,
      });
    });
    const t0 = process.hrtime.bigint();
    await store.insert({ executions: [], steps: batch, recoveries: [], resources: [] });
    latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  latencies.sort((a, b) => a - b);
  const at = (q: number): number =>
    latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] as number;
  console.log(
    `insert: ${steps} steps through ClickHouseStore.insert (512 a batch, one writer) in ${seconds.toFixed(1)} s = ` +
      `${Math.round(steps / seconds)} steps/s; batch latency p50 ${at(0.5).toFixed(1)} ms, p99 ${at(0.99).toFixed(1)} ms`,
  );
}

/** Generates the history inside the cluster (through the router, so rows are sharded as inserts are). */
async function generate(store: ClickHouseStore, steps: number, workflows: number): Promise<void> {
  const executions = Math.ceil(steps / STEPS_PER_EXECUTION);
  await store.read((c) =>
    c.command(`INSERT INTO executions (execution_id, workflow_id, started_at, completed_at, duration_ms, status,
       steps_total, steps_completed, steps_failed, context, service_name, host_name)
     SELECT concat('e-', toString(number)), concat('workflow-', toString(number % ${workflows})),
       toInt64(${START} + number * 2000), toInt64(${START} + number * 2000 + 1500), 1500 + rand() % 500000 / 1000,
       if(rand() % 100 < 5, 'failed', 'completed'), ${STEPS_PER_EXECUTION}, ${STEPS_PER_EXECUTION}, 0, '{}', 'executor', 'host-1'
     FROM numbers(${executions}) SETTINGS insert_distributed_sync = 1`),
  );
  await store.read((c) =>
    c.command(`INSERT INTO steps (step_id, execution_id, workflow_id, node_id, action_type, target_element, started_at,
       completed_at, duration_ms, status, confidence_score, retry_count)
     SELECT concat('e-', toString(e), '/', toString(n)), concat('e-', toString(e)),
       concat('workflow-', toString(e % ${workflows})), concat('node-', toString(n)),
       ['click', 'type', 'wait', 'extract', 'scroll', 'select', 'hover', 'drag'][1 + (e % ${workflows} + n) % 8],
       concat('#element-', toString(n)), toInt64(${START} + e * 2000 + n * 150), toInt64(${START} + e * 2000 + n * 150 + 100),
       20 + rand() % 200000 / 1000 + e % ${workflows} % 50, if(rand() % 100 < 3, 'failed', 'completed'),
       0.7 + rand() % 30 / 100, if(rand() % 100 < 5, 1, 0)
     FROM (SELECT intDiv(number, ${STEPS_PER_EXECUTION}) AS e, number % ${STEPS_PER_EXECUTION} AS n FROM numbers(${steps}))
     SETTINGS insert_distributed_sync = 1`),
  );
  await awaitShards(store, { executions, steps });
}

/**
 * Waits until the shards hold every generated row: 18.16 applies an INSERT …
 * SELECT's SETTINGS to its SELECT, so the router forwards these rows in the
 * background (timed queries would otherwise see part of them).
 */
async function awaitShards(
  store: ClickHouseStore,
  want: { executions: number; steps: number },
): Promise<void> {
  for (const started = Date.now(); Date.now() - started < 600_000;) {
    const counts = await store.rowCounts();
    if (counts.executions >= want.executions && counts.steps >= want.steps) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`the shards did not receive the generated rows within 10 minutes`);
}

async function benchQueries(
  store: ClickHouseStore,
  cluster: ClickHouseCluster,
  steps: number,
  workflows: number,
): Promise<void> {
  const t0 = process.hrtime.bigint();
  await generate(store, steps, workflows);
  console.log(
    `generate: ${steps} steps, ${steps / STEPS_PER_EXECUTION} executions in ${seconds(t0).toFixed(1)} s`,
  );
  const range = { start: START, end: START + 365 * 86_400_000 };
  const queries = {
    "one workflow's duration statistics (executions)": () =>
      store.durationSummaries({ workflowIds: ['workflow-17'] }),
    "one workflow's step p95 by node": () =>
      store.aggregate({
        metric: 'step_duration_ms',
        aggregation: 'p95',
        groupBy: ['node_id'],
        ...range,
        filters: { workflowIds: ['workflow-17'] },
      }),
    'all workflows: step p95 grouped by workflow': () =>
      store.aggregate({ metric: 'step_duration_ms', aggregation: 'p95', groupBy: ['workflow_id'], ...range }),
  };
  for (const [name, query] of Object.entries(queries))
    console.log(`query (parts unmerged): ${name} ${(await timed(query)).toFixed(1)} ms`);
  await optimize(cluster);
  for (const [name, query] of Object.entries(queries))
    console.log(`query (merged): ${name} ${(await timed(query)).toFixed(1)} ms`);
}

/** Merges every shard's parts, as ClickHouse does in the background once inserts settle. */
async function optimize(cluster: ClickHouseCluster): Promise<void> {
  for (const shard of cluster.options.cluster.shards) {
    for (const table of STORED_TABLES) {
      const sql = `OPTIMIZE TABLE ${localTableName(table)} FINAL`;
      const response = await fetch(`${shard.url}/`, { method: 'POST', body: sql });
      if (!response.ok) throw new Error(`${sql}: ${await response.text()}`);
    }
  }
}

/** The steps exported from the cluster (staged chunk by chunk in DuckDB, which encodes them). */
async function benchExport(store: ClickHouseStore, steps: number): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'rpa-ch-export-bench-'));
  try {
    // Steps only: no anomalies to read.
    const noAnomalies = { listAnomalies: async () => ({ items: [], total: 0, nextCursor: null }) };
    const exports = createClickHouseExportStore(store, { anomalies: noAnomalies, tempDir: dir });
    console.log(`exports of ${steps.toLocaleString('en-US')} steps from the cluster:`);
    for (const f of await measureExports(exports, join(dir, 'exports'), steps))
      console.log(describeExport(f));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function seconds(since: bigint): number {
  return Number(process.hrtime.bigint() - since) / 1e9;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
