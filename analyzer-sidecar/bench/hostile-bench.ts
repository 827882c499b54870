/**
 * `npm run bench:hostile -w analyzer-sidecar`: the analyzer (the real CLI, its
 * own process, default limits) under hostile OTLP input. Prints, asserts nothing:
 *   - each bomb of issue 9 against a fresh analyzer: status, time, and the
 *     analyzer's peak RSS while it handled it (VmHWM, reset through /proc/<pid>/clear_refs);
 *   - BENCH_FUZZ_BODIES (default 100000) mutated bodies from BENCH_FUZZ_CLIENTS
 *     (default 8) clients: statuses, 5xx, crashes, peak RSS;
 *   - BENCH_CONCURRENT_BOMBS (default 16) bombs at once: peak RSS.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  HOSTILE_BODIES,
  jsonDeepArrays,
  jsonEmptyObjectsBomb,
  jsonNestedKvlist,
  protobufDeepArrays,
  protobufEmptyMessagesBomb,
  protobufNestedKvlist,
  type HostileBody,
} from '../src/test-support/hostile-otlp';
import { mutateBody } from '../src/test-support/otlp-mutations';
import { executionSpecs, jsonBody, protobufBody, recordSpans } from '../src/test-support/sdk-spans';
import { startCli } from './ingest-bench';

interface Answer {
  status: number | 'no answer';
  ms: number;
  /** The OTLP Status message of a JSON error answer. */
  message?: string;
}

function envInt(name: string, fallback: number): number {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a non-negative integer`);
  return value;
}

function memory(pid: number): { peakMb: number; rssMb: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+) kB`).exec(status)?.[1] ?? NaN);
  return { peakMb: kb('VmHWM') / 1024, rssMb: kb('VmRSS') / 1024 };
}

/** Resets VmHWM to the current RSS (Linux ≥ 4.0). */
function resetPeak(pid: number): void {
  writeFileSync(`/proc/${pid}/clear_refs`, '5');
}

async function post(url: string, body: HostileBody, path = '/v1/traces'): Promise<Answer> {
  const started = process.hrtime.bigint();
  try {
    const response = await fetch(`${url}${path}`, {
      method: 'POST',
      headers: { 'content-type': body.contentType, ...(body.gzip ? { 'content-encoding': 'gzip' } : {}) },
      body: body.body,
      signal: AbortSignal.timeout(30_000),
    });
    const text = Buffer.from(await response.arrayBuffer()).toString('latin1');
    return {
      status: response.status,
      ms: Number(process.hrtime.bigint() - started) / 1e6,
      message: text.replace(/[^ -~]+/g, ' ').slice(0, 120),
    };
  } catch {
    return { status: 'no answer', ms: Number(process.hrtime.bigint() - started) / 1e6 };
  }
}

function fuzzSeeds(): HostileBody[] {
  const spans = recordSpans(executionSpecs('exec-fuzz', 'wf-fuzz', Date.now() - 60_000, 5), {
    'service.name': 'bot',
  });
  return [
    { name: 'valid protobuf', contentType: 'application/x-protobuf', gzip: false, body: protobufBody(spans) },
    { name: 'valid JSON', contentType: 'application/json', gzip: false, body: jsonBody(spans) },
    jsonNestedKvlist(7),
    protobufNestedKvlist(7),
    jsonDeepArrays(10),
    protobufDeepArrays(10),
    // Bombs scaled to 4 MiB (over the default maxDecodedObjects), so 10^5 of them fit in minutes.
    jsonEmptyObjectsBomb(4),
    protobufEmptyMessagesBomb(4),
  ];
}

/** SIGTERM, then SIGKILL (said aloud) if the analyzer has not exited within 10 s. */
async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.on('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => {
    console.log(`  analyzer ${child.pid} still running 10 s after SIGTERM: SIGKILL`);
    child.kill('SIGKILL');
  }, 10_000);
  await exited;
  clearTimeout(timer);
}

/** Each bomb against a fresh analyzer, so that its peak RSS is its own. */
async function benchBombs(): Promise<void> {
  console.log('bomb | wire bytes | status | ms | analyzer peak RSS MB (RSS before)');
  for (const [name, make] of HOSTILE_BODIES) {
    const body = make();
    const dataDir = mkdtempSync(join(tmpdir(), 'rpa-bench-bomb-'));
    const server = await startCli(dataDir);
    const pid = server.child.pid as number;
    try {
      resetPeak(pid);
      const before = memory(pid).rssMb;
      const answer = await post(server.url, body);
      const peak = memory(pid).peakMb;
      console.log(
        `${name} | ${body.body.length} | ${answer.status} | ${answer.ms.toFixed(0)} | ${peak.toFixed(0)} (${before.toFixed(0)})`,
      );
    } finally {
      await stop(server.child);
      rmSync(dataDir, { recursive: true, force: true });
    }
  }
}

async function benchFuzz(url: string, pid: number, total: number, clients: number, crashed: () => boolean) {
  const seeds = fuzzSeeds();
  const statuses = new Map<string, number>();
  const shed = new Map<string, number>();
  let next = 0;
  let slowest = 0;
  resetPeak(pid);
  const started = Date.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (next < total && !crashed()) {
        const seed = next++;
        const answer = await post(url, mutateBody(seeds, seed));
        statuses.set(String(answer.status), (statuses.get(String(answer.status)) ?? 0) + 1);
        slowest = Math.max(slowest, answer.ms);
        if (answer.status === 429) {
          const why = (answer.message ?? '').replace(/\d+/g, 'N');
          shed.set(why, (shed.get(why) ?? 0) + 1);
        }
        if (typeof answer.status !== 'number' || answer.status >= 500)
          console.log(`  seed ${seed}: ${answer.status} (${mutateBody(seeds, seed).name})`);
      }
    }),
  );
  const fiveXx = [...statuses]
    .filter(([s]) => Number(s) >= 500 || s === 'no answer')
    .reduce((n, [, c]) => n + c, 0);
  console.log(
    `fuzz: ${next} mutated bodies in ${((Date.now() - started) / 1000).toFixed(0)} s, ${clients} clients: ` +
      `statuses ${JSON.stringify(Object.fromEntries(statuses))}; 5xx or unanswered ${fiveXx}; ` +
      `crashed ${crashed()}; slowest answer ${slowest.toFixed(0)} ms; analyzer peak RSS ${memory(pid).peakMb.toFixed(0)} MB`,
  );
  for (const [why, count] of shed) console.log(`  429 ×${count}: ${why}`);
}

async function benchConcurrentBombs(url: string, pid: number, count: number): Promise<void> {
  const bombs = [jsonEmptyObjectsBomb(), protobufEmptyMessagesBomb()];
  resetPeak(pid);
  const answers = await Promise.all(
    Array.from({ length: count }, (_, i) => post(url, bombs[i % 2] as HostileBody)),
  );
  const statuses: Record<string, number> = {};
  for (const a of answers) statuses[a.status] = (statuses[a.status] ?? 0) + 1;
  console.log(
    `${count} bombs at once: statuses ${JSON.stringify(statuses)}; slowest ${Math.max(...answers.map((a) => a.ms)).toFixed(0)} ms; ` +
      `analyzer peak RSS ${memory(pid).peakMb.toFixed(0)} MB`,
  );
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'rpa-bench-hostile-'));
  const server = await startCli(dataDir);
  let exited = false;
  server.child.on('exit', (code, signal) => {
    exited = true;
    console.log(`ANALYZER EXITED: code ${code}, signal ${signal}`);
  });
  const pid = server.child.pid as number;
  try {
    console.log(
      `node ${process.version}; analyzer pid ${pid}, RSS after start ${memory(pid).rssMb.toFixed(0)} MB`,
    );
    await benchBombs();
    await benchFuzz(
      server.url,
      pid,
      envInt('BENCH_FUZZ_BODIES', 100_000),
      envInt('BENCH_FUZZ_CLIENTS', 8),
      () => exited,
    );
    await benchConcurrentBombs(server.url, pid, envInt('BENCH_CONCURRENT_BOMBS', 16));
    const valid = await post(server.url, fuzzSeeds()[0] as HostileBody);
    console.log(`a valid export after all of it: ${valid.status}`);
    const health = await fetch(`${server.url}/health`).then(
      (r) => r.status,
      () => 'no answer',
    );
    console.log(`after all: /health ${health}, analyzer ${exited ? 'DEAD' : 'alive'}`);
  } finally {
    if (!exited) await stop(server.child);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
