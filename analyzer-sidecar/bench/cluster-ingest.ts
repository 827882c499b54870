/**
 * `npm run bench:cluster -w analyzer-sidecar`: OTLP ingestion into analyzers
 * on the ClickHouse store — a real cluster (router + 2 shards of Debian's
 * clickhouse-server, started here), then 1 and 2 analyzer processes (the
 * CLI, `--store clickhouse`) taking 512-span protobuf bodies from 4 clients
 * spread over them. Prints spans/s and request latency; asserts nothing.
 *   BENCH_INGEST_SPANS   (default 200000) spans per run
 *   BENCH_CLIENTS        (default 4)
 *   BENCH_ANALYZERS      (default "1,2")  analyzer counts to run
 */
import { type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { ClickHouseStore } from '../src/store/clickhouse/clickhouse-store';
import { ClickHouseCluster } from '../src/test-support/clickhouse-cluster';
import { executionSpecs, protobufBody, recordSpans } from '../src/test-support/sdk-spans';
import { startCli } from './ingest-bench';

const SPANS_PER_BATCH = 512;
const STEPS_PER_EXECUTION = 15;

function envInt(name: string, fallback: number): number {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive integer`);
  return value;
}

function bodiesOf(totalSpans: number, tag: string): Buffer[] {
  const bodies: Buffer[] = [];
  const perExecution = STEPS_PER_EXECUTION + 1;
  for (let b = 0; b * SPANS_PER_BATCH < totalSpans; b++) {
    const specs = [];
    for (let e = 0; e < SPANS_PER_BATCH / perExecution; e++) {
      const start = Date.now() - 3_600_000 + b * 1000 + e;
      specs.push(...executionSpecs(`${tag}-${b}-${e}`, `wf-${e % 20}`, start, STEPS_PER_EXECUTION));
    }
    bodies.push(protobufBody(recordSpans(specs)));
  }
  return bodies;
}

interface Figures {
  spansPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  refused: number;
}

async function post(urls: readonly string[], bodies: readonly Buffer[], clients: number): Promise<Figures> {
  const latencies: number[] = [];
  let refused = 0;
  let next = 0;
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: clients }, async (_, client) => {
      const url = urls[client % urls.length] as string;
      while (next < bodies.length) {
        const body = bodies[next++] as Buffer;
        const t0 = process.hrtime.bigint();
        const response = await fetch(`${url}/v1/traces`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-protobuf' },
          body,
        });
        await response.arrayBuffer();
        latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
        if (!response.ok) refused++;
      }
    }),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  latencies.sort((a, b) => a - b);
  return {
    spansPerSecond: (bodies.length * SPANS_PER_BATCH) / seconds,
    p50Ms: latencies[Math.floor(latencies.length * 0.5)] ?? 0,
    p99Ms: latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * 0.99))] ?? 0,
    refused,
  };
}

async function runWith(cluster: ClickHouseCluster, analyzers: number, spans: number, clients: number) {
  const { router, cluster: layout } = cluster.options;
  const env = {
    RPA_ANALYZER_STORE: 'clickhouse',
    RPA_ANALYZER_CLICKHOUSE_URL: router.url,
    RPA_ANALYZER_CLICKHOUSE_CLUSTER: layout.name,
    RPA_ANALYZER_CLICKHOUSE_SHARDS: layout.shards.map((s) => s.url).join(','),
  };
  const dirs: string[] = [];
  const started: { child: ChildProcess; url: string }[] = [];
  try {
    for (let i = 0; i < analyzers; i++) {
      const dir = mkdtempSync(join(tmpdir(), 'rpa-bench-cluster-'));
      dirs.push(dir);
      started.push(await startCli(dir, { ...env, RPA_ANALYZER_INSTANCE_ID: `bench-${i + 1}` }));
    }
    const urls = started.map((s) => s.url);
    await post(urls, bodiesOf(SPANS_PER_BATCH * 8, `warm-${analyzers}`), clients);
    const figures = await post(urls, bodiesOf(spans, `run-${analyzers}`), clients);
    console.log(
      `cluster ingest, ${analyzers} analyzer(s): ${spans} spans (OTLP protobuf, 512/request, ${clients} clients) = ` +
        `${Math.round(figures.spansPerSecond)} spans/s; request latency p50 ${figures.p50Ms.toFixed(1)} ms, ` +
        `p99 ${figures.p99Ms.toFixed(1)} ms; refused ${figures.refused}`,
    );
  } finally {
    for (const { child } of started) {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    }
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const spans = envInt('BENCH_INGEST_SPANS', 200_000);
  const clients = envInt('BENCH_CLIENTS', 4);
  const counts = (process.env.BENCH_ANALYZERS ?? '1,2').split(',').map(Number);
  console.log(`node ${process.version}, ${cpus().length} CPUs; ClickHouse router + 2 shards on loopback`);
  const cluster = await ClickHouseCluster.start(2);
  try {
    for (const analyzers of counts) {
      const store = await ClickHouseStore.open(cluster.options);
      await store.truncate();
      await store.close();
      await runWith(cluster, analyzers, spans, clients);
    }
  } finally {
    await cluster.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
