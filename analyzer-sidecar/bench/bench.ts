/**
 * `npm run bench -w analyzer-sidecar`: prints figures, asserts nothing.
 *   BENCH_INGEST_SPANS (default 200000)  spans posted by 4 clients in batches of 512
 *   BENCH_CLIENTS      (default 4)
 *   BENCH_STEPS        (default 10000000) steps generated into the store
 *   BENCH_WORKFLOWS    (default 200)
 *   BENCH_THREADS      (default 2)        DuckDB threads for the store benchmark
 *   BENCH_ANALYSIS_STEPS (default BENCH_STEPS) steps for the analysis API benchmark
 *   BENCH_LOOKBACK_HOURS (default 24)     history one anomaly pass reads in the analysis benchmark
 * 0 spans or 0 steps skips that part.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchAnalysis } from './analysis-bench';
import { benchDecode } from './decode-bench';
import { benchIngest } from './ingest-bench';
import { benchStore } from './store-bench';

function envInt(name: string, fallback: number): number {
  const raw = process.env[name];
  const value = raw === undefined ? fallback : Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a non-negative integer`);
  return value;
}

async function main(): Promise<void> {
  const ingestSpans = envInt('BENCH_INGEST_SPANS', 200_000);
  const clients = envInt('BENCH_CLIENTS', 4);
  const steps = envInt('BENCH_STEPS', 10_000_000);
  const workflows = envInt('BENCH_WORKFLOWS', 200);
  const threads = envInt('BENCH_THREADS', 2);
  const analysisSteps = envInt('BENCH_ANALYSIS_STEPS', steps);
  const lookbackHours = envInt('BENCH_LOOKBACK_HOURS', 24);
  console.log(`node ${process.version}, ${cpus().length} CPUs (${cpus()[0]?.model ?? 'unknown'})`);

  const decode = benchDecode();
  console.log(
    `decode: OTLP protobuf decode + span mapping ${Math.round(decode.spansPerSecond)} spans/s on one core (best of 6 rounds, ${Math.round(decode.bytesPerSpan)} bytes/span)`,
  );
  if (ingestSpans > 0) await runIngest(ingestSpans, clients);
  if (steps > 0) await runStore(steps, workflows, threads);
  if (analysisSteps > 0) await runAnalysis(analysisSteps, workflows, threads, lookbackHours);
}

async function runIngest(ingestSpans: number, clients: number): Promise<void> {
  const ingestDir = mkdtempSync(join(tmpdir(), 'rpa-bench-ingest-'));
  try {
    const ingest = await benchIngest(ingestDir, ingestSpans, clients);
    console.log(
      `ingest: ${ingest.spans} spans (OTLP protobuf, 512/request, ${clients} clients) in ${ingest.seconds.toFixed(2)} s = ` +
        `${Math.round(ingest.spansPerSecond)} spans/s; request latency p50 ${ingest.p50Ms.toFixed(1)} ms, p99 ${ingest.p99Ms.toFixed(1)} ms; refused ${ingest.refused}`,
    );
    const capacity = Math.min(1e6 / ingest.mainThreadCpuMicrosPerSpan, 2e6 / ingest.processCpuMicrosPerSpan);
    console.log(
      `ingest: analyzer CPU ${ingest.processCpuMicrosPerSpan.toFixed(1)} µs/span (main thread ${ingest.mainThreadCpuMicrosPerSpan.toFixed(1)} µs/span) ` +
        `= about ${Math.round(capacity)} spans/s on 2 dedicated cores; load average now ${loadavg()[0]?.toFixed(1)}`,
    );
  } finally {
    rmSync(ingestDir, { recursive: true, force: true });
  }
}

async function runStore(steps: number, workflows: number, threads: number): Promise<void> {
  const storeDir = mkdtempSync(join(tmpdir(), 'rpa-bench-store-'));
  try {
    const s = await benchStore(storeDir, steps, workflows, threads);
    console.log(
      `store: ${s.steps} steps, ${workflows} workflows generated in ${s.generateSeconds.toFixed(1)} s`,
    );
    console.log(`store: executions clustered by workflow in ${s.clusterSeconds.toFixed(1)} s`);
    console.log(`store: ${s.storeBytesPerStep.toFixed(1)} bytes/step in DuckDB`);
    console.log(
      `query: one workflow's duration statistics (executions) ${s.perWorkflowStatsMs.toFixed(1)} ms`,
    );
    console.log(`query: one workflow's step p95 by node ${s.perWorkflowStepQuantilesMs.toFixed(1)} ms`);
    console.log(
      `query: step p95 grouped by workflow, all workflows ${s.allWorkflowsGroupByMs.toFixed(1)} ms`,
    );
    console.log(
      `archive: steps moved to Parquet in ${s.archiveSeconds.toFixed(1)} s, ${s.archiveBytesPerStep.toFixed(1)} bytes/step`,
    );
    console.log(`query: the same group-by over the archive ${s.allWorkflowsGroupByArchivedMs.toFixed(1)} ms`);
  } finally {
    rmSync(storeDir, { recursive: true, force: true });
  }
}

async function runAnalysis(steps: number, workflows: number, threads: number, hours: number): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'rpa-bench-analysis-'));
  try {
    const a = await benchAnalysis(dir, steps, workflows, threads, hours * 3_600_000);
    for (const r of a.api)
      console.log(
        `api (${steps} steps, cold: cache cleared), one workflow over ${r.range}: statistics ${r.performanceMs.toFixed(1)} ms, ` +
          `bottlenecks ${r.bottlenecksMs.toFixed(1)} ms, both concurrently ${r.performanceAndBottlenecksMs.toFixed(1)} ms`,
      );
    console.log(
      `analysis pass (anomalies + insights + alert gauges), ${workflows} workflows, ${hours} h lookback ` +
        `(${a.observations} executions and steps, read in ${a.seriesReadSeconds.toFixed(2)} s): ` +
        `${a.passSeconds.toFixed(2)} s; ${a.anomalies} anomalies, ${a.insights} insights`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
