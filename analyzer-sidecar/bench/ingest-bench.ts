/**
 * Ingestion throughput: the real CLI in its own process, 4 clients posting
 * OTLP protobuf bodies of 512 spans encoded by the SDK's serializer.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { executionSpecs, protobufBody, recordSpans } from '../src/test-support/sdk-spans';

const SPANS_PER_BATCH = 512;
const STEPS_PER_EXECUTION = 15; // + 1 execution span = 16 spans, 32 executions per batch

export interface IngestFigures {
  spans: number;
  seconds: number;
  spansPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  refused: number;
  /** CPU time of the analyzer process (all threads) and of its main thread, per span. */
  processCpuMicrosPerSpan: number;
  mainThreadCpuMicrosPerSpan: number;
}

export async function benchIngest(
  dataDir: string,
  totalSpans: number,
  clients: number,
): Promise<IngestFigures> {
  const bodies: Buffer[] = [];
  const perExecution = STEPS_PER_EXECUTION + 1;
  for (let b = 0; b * SPANS_PER_BATCH < totalSpans; b++) {
    const specs = [];
    for (let e = 0; e < SPANS_PER_BATCH / perExecution; e++) {
      specs.push(
        ...executionSpecs(
          `bench-${b}-${e}`,
          `wf-${e % 20}`,
          Date.now() - 3_600_000 + b * 1000 + e,
          STEPS_PER_EXECUTION,
        ),
      );
    }
    bodies.push(protobufBody(recordSpans(specs)));
  }
  const server = await startCli(dataDir);
  try {
    const latencies: number[] = [];
    let refused = 0;
    let next = 0;
    const cpuBefore = cpuSeconds(server.child.pid as number);
    const started = process.hrtime.bigint();
    await Promise.all(
      Array.from({ length: clients }, async () => {
        while (next < bodies.length) {
          const body = bodies[next++] as Buffer;
          const t0 = process.hrtime.bigint();
          const response = await fetch(`${server.url}/v1/traces`, {
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
    const cpuAfter = cpuSeconds(server.child.pid as number);
    latencies.sort((a, b) => a - b);
    const spans = bodies.length * SPANS_PER_BATCH;
    return {
      spans,
      seconds,
      spansPerSecond: spans / seconds,
      p50Ms: latencies[Math.floor(latencies.length * 0.5)] ?? 0,
      p99Ms: latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * 0.99))] ?? 0,
      refused,
      processCpuMicrosPerSpan: ((cpuAfter.process - cpuBefore.process) / spans) * 1e6,
      mainThreadCpuMicrosPerSpan: ((cpuAfter.mainThread - cpuBefore.mainThread) / spans) * 1e6,
    };
  } finally {
    server.child.kill('SIGTERM');
    await new Promise((resolve) => server.child.on('exit', resolve));
  }
}

/** utime + stime from /proc (Linux), in seconds, of the process and of its main thread. */
function cpuSeconds(pid: number): { process: number; mainThread: number } {
  const read = (path: string): number => {
    try {
      const fields = readFileSync(path, 'utf8').split(') ')[1]?.split(' ') ?? [];
      return (Number(fields[11]) + Number(fields[12])) / 100;
    } catch {
      return NaN;
    }
  };
  return { process: read(`/proc/${pid}/stat`), mainThread: read(`/proc/${pid}/task/${pid}/stat`) };
}

export function startCli(
  dataDir: string,
  env: Record<string, string> = {},
): Promise<{ child: ChildProcess; url: string }> {
  // dist-bench/bench/ → the package's built CLI in dist/
  const cli = join(__dirname, '..', '..', 'dist', 'cli.js');
  const child = spawn(
    process.execPath,
    [cli, 'serve', '--port', '0', '--data-dir', dataDir, '--insecure-local'],
    {
      env: { ...process.env, RPA_ANALYZER_LOG_LEVEL: 'warn', ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /rpa-analyzer listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match) resolve({ child, url: match[1] as string });
    });
    child.on('exit', (code) => reject(new Error(`cli exited with ${code}: ${output}`)));
  });
}
