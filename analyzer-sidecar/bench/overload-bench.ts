/**
 * `npm run bench:overload -w analyzer-sidecar`: the analyzer (the real CLI, its
 * own process, default settings) offered more OTLP load than it can commit.
 *   BENCH_OVERLOAD_CLIENTS (default 64) exporters posting 512-span protobuf bodies back to back,
 *     each with the exporters' 10 s timeout
 *   BENCH_OVERLOAD_SECONDS (default 30)
 * and one API reader (`/analytics/metrics?limit=10` every 250 ms). Prints how
 * many requests were answered, by status, their latency, the reads' latency and
 * the analyzer's peak RSS; asserts nothing.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { executionSpecs, protobufBody, recordSpans } from '../src/test-support/sdk-spans';
import { startCli } from './ingest-bench';

const EXPORTER_TIMEOUT_MS = 10_000;

function envInt(name: string, fallback: number): number {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer`);
  return value;
}

function quantile(sorted: readonly number[], q: number): number {
  return sorted.length === 0
    ? NaN
    : (sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))] as number);
}

function bodies(count: number): Buffer[] {
  return Array.from({ length: count }, (_, b) => {
    const specs = [];
    for (let e = 0; e < 32; e++)
      specs.push(
        ...executionSpecs(`overload-${b}-${e}`, `wf-${e % 20}`, Date.now() - 3_600_000 + b * 100 + e, 15),
      );
    return protobufBody(recordSpans(specs));
  });
}

async function timed(
  url: string,
  init: RequestInit,
  timeoutMs: number,
): Promise<[number | 'timeout', number]> {
  const started = process.hrtime.bigint();
  try {
    const response = await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
    await response.arrayBuffer();
    return [response.status, Number(process.hrtime.bigint() - started) / 1e6];
  } catch {
    return ['timeout', Number(process.hrtime.bigint() - started) / 1e6];
  }
}

function summary(latencies: number[]): string {
  latencies.sort((a, b) => a - b);
  return `p50 ${quantile(latencies, 0.5).toFixed(0)} ms, p99 ${quantile(latencies, 0.99).toFixed(0)} ms, max ${(latencies.at(-1) ?? NaN).toFixed(0)} ms`;
}

async function main(): Promise<void> {
  const clients = envInt('BENCH_OVERLOAD_CLIENTS', 64);
  const seconds = envInt('BENCH_OVERLOAD_SECONDS', 30);
  const payloads = bodies(200);
  const dataDir = mkdtempSync(join(tmpdir(), 'rpa-bench-overload-'));
  const server = await startCli(dataDir);
  const pid = server.child.pid as number;
  const statuses: Record<string, number> = {};
  const answered: number[] = [];
  const reads: number[] = [];
  let readFailures = 0;
  let next = 0;
  const until = Date.now() + seconds * 1000;
  try {
    const reader = (async () => {
      while (Date.now() < until) {
        const [status, ms] = await timed(`${server.url}/analytics/metrics?limit=10`, {}, 30_000);
        if (status === 200) reads.push(ms);
        else readFailures++;
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    })();
    await Promise.all(
      Array.from({ length: clients }, async () => {
        while (Date.now() < until) {
          const body = payloads[next++ % payloads.length] as Buffer;
          const init = { method: 'POST', headers: { 'content-type': 'application/x-protobuf' }, body };
          const [status, ms] = await timed(`${server.url}/v1/traces`, init, EXPORTER_TIMEOUT_MS);
          statuses[status] = (statuses[status] ?? 0) + 1;
          if (status !== 'timeout') answered.push(ms);
          // an exporter that was told to back off does (Retry-After is at least 1 s)
          if (status === 429 || status === 503) await new Promise((resolve) => setTimeout(resolve, 1000));
        }
      }),
    );
    await reader;
    const total = Object.values(statuses).reduce((a, b) => a + b, 0);
    const peak = Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]) / 1024;
    console.log(
      `overload: ${clients} exporters × ${seconds} s, 512 spans per request, exporter timeout 10 s`,
    );
    console.log(
      `  requests ${total}: ${JSON.stringify(statuses)}; unanswered within 10 s: ${statuses.timeout ?? 0} (${(((statuses.timeout ?? 0) / total) * 100).toFixed(2)} %)`,
    );
    console.log(`  answered latency: ${summary(answered)}`);
    console.log(
      `  spans acknowledged (200): ${(statuses['200'] ?? 0) * 512} (${(((statuses['200'] ?? 0) * 512) / seconds).toFixed(0)}/s)`,
    );
    console.log(`  API reads: ${reads.length} answered, ${readFailures} failed; ${summary(reads)}`);
    console.log(`  analyzer peak RSS ${peak.toFixed(0)} MB`);
  } finally {
    server.child.kill('SIGTERM');
    await new Promise((resolve) => server.child.on('exit', resolve));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
