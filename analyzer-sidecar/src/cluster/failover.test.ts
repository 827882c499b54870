/**
 * Two real analyzers (the CLI, `--store clickhouse`) over one ClickHouse
 * cluster (a router and two shards of Debian's clickhouse-server). Spans go
 * to both; one analyzer is killed (SIGKILL) in the middle of ingestion and
 * what it did not acknowledge is sent to the other, as an exporter behind a
 * load balancer would. Then: every acknowledged span is stored once, both
 * answered alike while both lived, and the survivor took the dead one's
 * workflows over within 15 s with their detection state: a planted spike on
 * one of them opens an anomaly at once, against the baseline the dead
 * analyzer had learned.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ATTR, SPAN_NAMES } from '@rpa-analytics/conventions';
import { ClickHouseStore } from '../store/clickhouse/clickhouse-store';
import { ClickHouseCluster } from '../test-support/clickhouse-cluster';
import { poll } from '../test-support/local-server';
import { protobufBody, recordSpans, type SpanSpec } from '../test-support/sdk-spans';

const CLI = join(__dirname, '..', '..', 'dist', 'cli.js');
const TOKEN = 'admin-token-failover';
const WORKFLOWS = Array.from({ length: 8 }, (_, i) => `wf-failover-${i}`);
const RUNS_PER_WORKFLOW = 260;
const T0 = Date.now() - 6 * 3_600_000;

let cluster: ClickHouseCluster;
const children = new Set<ChildProcess>();
const dirs: string[] = [];

beforeAll(async () => {
  cluster = await ClickHouseCluster.start(2);
}, 120_000);

afterAll(async () => {
  await Promise.all([...children].map(killNow));
  await cluster?.stop();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function killNow(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGKILL');
  return exited;
}

function startAnalyzer(instanceId: string): Promise<{ child: ChildProcess; url: string }> {
  const dataDir = mkdtempSync(join(tmpdir(), `rpa-${instanceId}-`));
  dirs.push(dataDir);
  const { router, cluster: layout } = cluster.options;
  const child = spawn(
    process.execPath,
    [CLI, 'serve', '--port', '0', '--data-dir', dataDir, '--store', 'clickhouse'],
    {
      env: {
        ...process.env,
        RPA_ANALYZER_TOKENS: `admin:${TOKEN}`,
        RPA_ANALYZER_HOST: '127.0.0.1',
        RPA_ANALYZER_CLICKHOUSE_URL: router.url,
        RPA_ANALYZER_CLICKHOUSE_CLUSTER: layout.name,
        RPA_ANALYZER_CLICKHOUSE_SHARDS: layout.shards.map((s) => s.url).join(','),
        RPA_ANALYZER_INSTANCE_ID: instanceId,
        RPA_ANALYZER_LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  children.add(child);
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      const match = /rpa-analyzer listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match) resolve({ child, url: match[1] as string });
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', (code) => reject(new Error(`${instanceId} exited with ${code}: ${output}`)));
  });
}

const auth = { authorization: `Bearer ${TOKEN}` };

async function getJson<T>(url: string): Promise<T> {
  const response = await fetch(url, { headers: auth });
  if (response.status !== 200) throw new Error(`${url}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** Whether the analyzer acknowledged the batch (a refused or unanswered request is not). */
async function post(url: string, specs: SpanSpec[]): Promise<boolean> {
  try {
    const response = await fetch(`${url}/v1/traces`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-protobuf' },
      body: protobufBody(recordSpans(specs)),
      signal: AbortSignal.timeout(20_000),
    });
    await response.arrayBuffer();
    return response.status === 200;
  } catch {
    return false;
  }
}

/** One execution span and two step spans: an ordinary run of about 1 s. */
function run(workflowId: string, i: number, durationMs: number): SpanSpec[] {
  const executionId = `${workflowId}-run-${i}`;
  const start = T0 + i * 60_000;
  const step = (n: number): SpanSpec => ({
    name: SPAN_NAMES.step,
    startMs: start + n * 100,
    durationMs: 90,
    attributes: {
      [ATTR.workflowId]: workflowId,
      [ATTR.executionId]: executionId,
      [ATTR.stepId]: `${executionId}/${n}`,
      [ATTR.stepNodeId]: `node-${n}`,
      [ATTR.stepActionType]: 'click',
      [ATTR.stepStatus]: 'completed',
    },
  });
  return [
    step(0),
    step(1),
    {
      name: SPAN_NAMES.execution,
      startMs: start,
      durationMs,
      attributes: {
        [ATTR.workflowId]: workflowId,
        [ATTR.executionId]: executionId,
        [ATTR.executionStatus]: 'completed',
      },
    },
  ];
}

const ordinary = (i: number) => 1000 * Math.exp(0.2 * Math.sin(i * 12.9898));

it('loses no acknowledged span and resumes the dead analyzer’s detection on the other within 15 s', async () => {
  const first = await startAnalyzer('analyzer-1');
  const second = await startAnalyzer('analyzer-2');
  const view = (url: string) => getJson<{ members: string[]; owned_workflows: string[] }>(`${url}/cluster`);
  await poll(
    async () => ((await view(first.url)).members.length === 2 ? true : undefined),
    'the analyzers to see each other',
  );

  // 20 rounds; each sends one batch (13 runs of every workflow) to each analyzer.
  const batches: SpanSpec[][] = [];
  const perBatch = 13;
  for (let b = 0; b * perBatch < RUNS_PER_WORKFLOW; b++) {
    const specs: SpanSpec[] = [];
    for (let i = b * perBatch; i < Math.min((b + 1) * perBatch, RUNS_PER_WORKFLOW); i++)
      for (const w of WORKFLOWS) specs.push(...run(w, i, ordinary(i)));
    batches.push(specs);
  }
  const acked: SpanSpec[][] = [];
  let ownedByFirst: string[] = [];
  let killedAt = 0;
  for (const [b, specs] of batches.entries()) {
    if (b === 10) {
      // Both alive and caught up: every instance gives the same answers.
      await poll(async () => {
        const [one, two] = await Promise.all(
          [first.url, second.url].map((url) => getJson<unknown>(`${url}/analytics/success-rates`)),
        );
        return JSON.stringify(one) === JSON.stringify(two) ? true : undefined;
      }, 'identical answers');
      ownedByFirst = (await view(first.url)).owned_workflows;
      expect(ownedByFirst.length).toBeGreaterThan(0);
      expect(ownedByFirst.length).toBeLessThan(WORKFLOWS.length);
    }
    if (b === 11) {
      // Mid-ingest: the request in flight to analyzer-1 dies with it (or was acknowledged just before).
      const inFlight = post(first.url, specs);
      await new Promise((resolve) => setTimeout(resolve, 5));
      await killNow(first.child);
      killedAt = Date.now();
      if (await inFlight) {
        acked.push(specs);
        continue;
      }
    } else if (b % 2 === 0 && killedAt === 0 && (await post(first.url, specs))) {
      acked.push(specs);
      continue;
    }
    // Meant for analyzer-2, or not acknowledged by analyzer-1: analyzer-2 takes it, retried until acknowledged.
    await poll(async () => ((await post(second.url, specs)) ? true : undefined), `batch ${b} on analyzer-2`);
    acked.push(specs);
  }

  // The survivor owns every workflow within 15 s of the kill.
  await poll(
    async () => ((await view(second.url)).owned_workflows.length === WORKFLOWS.length ? true : undefined),
    'analyzer-2 to own every workflow',
    30_000,
  );
  const takeoverMs = Date.now() - killedAt;
  expect(takeoverMs).toBeLessThanOrEqual(15_000);

  // Every acknowledged span once.
  const store = await ClickHouseStore.open(cluster.options);
  try {
    const executions = new Set(
      acked
        .flat()
        .filter((s) => s.name === SPAN_NAMES.execution)
        .map((s) => s.attributes[ATTR.executionId]),
    );
    const steps = new Set(
      acked
        .flat()
        .filter((s) => s.name === SPAN_NAMES.step)
        .map((s) => s.attributes[ATTR.stepId]),
    );
    const rows = await store.read((c) =>
      c.rows<{ execution_id: string; n: number }>(
        'SELECT execution_id, toFloat64(count()) AS n FROM executions FINAL GROUP BY execution_id',
      ),
    );
    expect(rows.filter((r) => r.n !== 1)).toEqual([]);
    expect(new Set(rows.map((r) => r.execution_id))).toEqual(executions);
    const stepRows = await store.read((c) =>
      c.rows<{ step_id: string; n: number }>(
        'SELECT step_id, toFloat64(count()) AS n FROM steps FINAL GROUP BY step_id',
      ),
    );
    expect(stepRows.filter((r) => r.n !== 1)).toEqual([]);
    expect(new Set(stepRows.map((r) => r.step_id))).toEqual(steps);
  } finally {
    await store.close();
  }

  // Detection resumed with the state analyzer-1 had: one extreme run is an anomaly at once.
  const workflow = ownedByFirst[0] as string;
  expect(await post(second.url, run(workflow, RUNS_PER_WORKFLOW, 60_000))).toBe(true);
  const anomalies = await poll(
    async () => {
      const page = await getJson<{ items: { kind: string; execution_ids: string[] }[] }>(
        `${second.url}/analytics/anomalies?workflow_id=${workflow}&status=open`,
      );
      return page.items.length > 0 ? page.items : undefined;
    },
    'the spike to open an anomaly on analyzer-2',
    15_000,
  );
  expect(anomalies).toEqual([
    expect.objectContaining({ kind: 'point', execution_ids: [`${workflow}-run-${RUNS_PER_WORKFLOW}`] }),
  ]);
}, 300_000);
