/**
 * `npm run bench:clustering -w analyzer-sidecar`: the store's questions on the
 * same rows in arrival order and clustered by workflow, asked in alternation
 * (before, after, before, …) so that a noisy machine slows both alike; prints
 * the medians and their ratio.
 *   BENCH_STEPS (default 10000000), BENCH_WORKFLOWS (default 200), BENCH_THREADS (default 2),
 *   BENCH_ROUNDS (default 15) timed rounds after one warm-up
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDbStore } from '../src/store/duckdb/duckdb-store';
import { generateSteps } from './generate-steps';

const quiet = { info: () => {}, warn: () => {}, error: () => {} };
const START = Date.UTC(2026, 0, 1);
const RANGE = { start: START, end: START + 365 * 86_400_000 };

type Question = (store: DuckDbStore) => Promise<unknown>;

const QUESTIONS: Readonly<Record<string, Question>> = {
  "one workflow's duration statistics (executions)": (s) =>
    s.durationSummaries({ workflowIds: ['workflow-17'] }),
  "one workflow's success rate": (s) => s.successRates({ workflowIds: ['workflow-17'] }),
  'duration statistics of every workflow': (s) => s.durationSummaries({}),
  'step p95 grouped by workflow, all workflows': (s) =>
    s.aggregate({ metric: 'step_duration_ms', aggregation: 'p95', groupBy: ['workflow_id'], ...RANGE }),
};

function envInt(name: string, fallback: number): number {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive integer`);
  return value;
}

async function main(): Promise<void> {
  const steps = envInt('BENCH_STEPS', 10_000_000);
  const workflows = envInt('BENCH_WORKFLOWS', 200);
  const threads = envInt('BENCH_THREADS', 2);
  const rounds = envInt('BENCH_ROUNDS', 15);
  const dir = mkdtempSync(join(tmpdir(), 'rpa-bench-clustering-'));
  const open = (name: string): Promise<DuckDbStore> =>
    DuckDbStore.open(
      { path: join(dir, name), memoryLimit: '2GB', threads, tempDir: join(dir, `tmp-${name}`) },
      { log: quiet },
    );
  try {
    const generating = await open('arrival.duckdb');
    await generating.exclusive((c) => generateSteps(c, steps, workflows, START));
    await generating.close();
    copyFileSync(join(dir, 'arrival.duckdb'), join(dir, 'clustered.duckdb'));
    const before = await open('arrival.duckdb');
    const after = await open('clustered.duckdb');
    try {
      const t0 = process.hrtime.bigint();
      // All hot executions, whatever their number (the job waits until they are due).
      const outcome = await after.clusterByWorkflow({ minRows: 0, ratio: 0 });
      await after.exclusive((c) => c.run('CHECKPOINT'));
      const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
      console.log(
        `${steps} steps, ${workflows} workflows: ${outcome.moved} executions clustered by workflow in ${seconds.toFixed(1)} s`,
      );
      for (const [name, question] of Object.entries(QUESTIONS)) {
        const [b, a] = await alternate(question, before, after, rounds);
        console.log(
          `${name}: arrival order ${b.toFixed(1)} ms, clustered ${a.toFixed(1)} ms (median of ${rounds}), ratio ${(b / a).toFixed(2)}`,
        );
      }
    } finally {
      await before.close();
      await after.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Median milliseconds of `question` on each store, asked alternately after one warm-up each. */
async function alternate(
  question: Question,
  before: DuckDbStore,
  after: DuckDbStore,
  rounds: number,
): Promise<[number, number]> {
  await question(before);
  await question(after);
  const times: [number[], number[]] = [[], []];
  for (let i = 0; i < rounds; i++) {
    for (const [k, store] of [before, after].entries()) {
      const t0 = process.hrtime.bigint();
      await question(store);
      times[k]?.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
  }
  return [median(times[0]), median(times[1])];
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
