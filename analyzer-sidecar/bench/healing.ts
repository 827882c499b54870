/**
 * `npm run bench:healing`: the self-healing questions over BENCH_HEALING_STEPS
 * generated steps (default 2 M, 200 workflows, 10 targets each, a recovery on
 * 2 % of steps): store query time and pure analysis time of each route's work.
 * Prints figures, asserts nothing.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { evaluateExpectedRun } from '../src/analysis/cadence/expected-runs';
import { DEFAULT_DRIFT_OPTIONS, detectConfidenceDrift } from '../src/analysis/drift/confidence-drift';
import { rankHealingDebt } from '../src/analysis/healing/healing-debt';
import { summarizeHealing } from '../src/analysis/healing/healing-stats';
import { computeSavings } from '../src/analysis/roi/time-saved';
import { DuckDbStore } from '../src/store/duckdb/duckdb-store';
import { createDuckDbHealingStore } from '../src/store/duckdb/healing-sql';
import { generateSteps } from './generate-steps';

const quiet = { warn: () => undefined, error: () => undefined, info: () => undefined };

async function timed<T>(work: () => Promise<T> | T): Promise<[T, number]> {
  const started = process.hrtime.bigint();
  const value = await work();
  return [value, Number(process.hrtime.bigint() - started) / 1e6];
}

async function main(): Promise<void> {
  const steps = Number(process.env.BENCH_HEALING_STEPS ?? 2_000_000);
  const dataDir = mkdtempSync(join(tmpdir(), 'rpa-healing-bench-'));
  const store = await DuckDbStore.open(
    { path: join(dataDir, 'store.duckdb'), memoryLimit: '2GB', threads: 2, tempDir: join(dataDir, 'tmp') },
    { log: quiet },
  );
  try {
    const start = Date.UTC(2026, 0, 1);
    await store.exclusive(async (c) => {
      await generateSteps(c, steps, 200, start);
      await c.run(`INSERT INTO recoveries
        SELECT step_id || '/r', step_id, execution_id, workflow_id,
               ['fuzzy_match', 'ocr', 'anchor'][1 + (hash(step_id) % 3)::INTEGER],
               CASE WHEN random() < 0.9 THEN 'recovered' ELSE 'failed' END, started_at, started_at + 1500
        FROM steps WHERE random() < 0.02`);
    });
    const healing = createDuckDbHealingStore(store);
    const all = {};
    const end = start + (steps / 10) * 2000;
    const now = end;
    const [rows, rowsMs] = await timed(() => healing.healingRows(all));
    const [counts, countsMs] = await timed(() => healing.targetStepCounts(all));
    const [, summaryMs] = await timed(() => summarizeHealing(rows, 'target', counts));
    const [, debtMs] = await timed(() =>
      rankHealingDebt(rows, { now, minDays: 1, stillHealingMs: 86_400_000 }),
    );
    const [points, pointsMs] = await timed(() =>
      healing.confidencePoints(all, DEFAULT_DRIFT_OPTIONS.maxPoints),
    );
    const [drifts, driftMs] = await timed(() => detectConfidenceDrift(points));
    const [totals, totalsMs] = await timed(() => healing.runTotals(all));
    const [, savingsMs] = await timed(() => computeSavings(totals, new Map()));
    const [starts, startsMs] = await timed(() => healing.executionStarts(all));
    const [, cadenceMs] = await timed(() =>
      starts.map((s) => evaluateExpectedRun(s.workflow_id, s.started_at, undefined, now)),
    );
    const [, queueMs] = await timed(() => healing.queueTimes(all));
    const f = (ms: number) => `${ms.toFixed(0)} ms`;
    console.log(
      `${steps.toLocaleString('en-US')} steps, ${rows.length.toLocaleString('en-US')} recoveries, ${points.length.toLocaleString('en-US')} (target, execution) confidences, ${drifts.length} targets tested`,
    );
    console.log(
      `  healing rows ${f(rowsMs)} + step counts ${f(countsMs)} (SQL); by target ${f(summaryMs)}, debt ${f(debtMs)} (JS)`,
    );
    console.log(`  confidence points ${f(pointsMs)} (SQL); drift test ${f(driftMs)} (JS)`);
    console.log(`  run totals ${f(totalsMs)} (SQL); savings ${f(savingsMs)} (JS)`);
    console.log(
      `  starts ${f(startsMs)} (SQL); expected runs ${f(cadenceMs)} (JS); queue times ${f(queueMs)} (SQL)`,
    );
  } finally {
    await store.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
