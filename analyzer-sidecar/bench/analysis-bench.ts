/**
 * The analysis API at scale: steps generated into the app's store (ending
 * now), then one workflow's statistics and bottlenecks through the API
 * (inject, cache cleared before every run: cold answers) over several
 * ranges, again with the history archived as retention leaves it, and one
 * full analysis pass (anomalies over the lookback, insights, alert gauges).
 */
import { buildApp } from '../src/app';
import { DEFAULT_ANALYSIS, DEFAULT_INGEST, type AnalyzerConfig } from '../src/config/config';
import { DuckDbStore } from '../src/store/duckdb/duckdb-store';
import { generateSteps, STEPS_PER_EXECUTION } from './generate-steps';

export interface ApiFigures {
  /** `all` or the range's length in hours. */
  range: string;
  performanceMs: number;
  bottlenecksMs: number;
  performanceAndBottlenecksMs: number;
}

export interface AnalysisFigures {
  api: ApiFigures[];
  passSeconds: number;
  seriesReadSeconds: number;
  anomalies: number;
  insights: number;
  observations: number;
}

const TOKEN = 'bench-viewer-token';

function benchConfig(dataDir: string, threads: number, lookbackMs: number): AnalyzerConfig {
  return {
    port: 0,
    host: '127.0.0.1',
    dataDir,
    insecureLocal: false,
    logLevel: 'silent',
    tokens: [{ role: 'viewer', token: TOKEN }],
    ingestToken: undefined,
    duckdb: { memoryLimit: '4GB', threads, tempDir: undefined },
    ingest: DEFAULT_INGEST,
    retentionIntervalMs: 0,
    analysis: { ...DEFAULT_ANALYSIS, refreshIntervalMs: 0, anomalyLookbackMs: lookbackMs },
  };
}

export async function benchAnalysis(
  dataDir: string,
  steps: number,
  workflows: number,
  threads: number,
  lookbackMs: number,
): Promise<AnalysisFigures> {
  const app = await buildApp({ config: benchConfig(dataDir, threads, lookbackMs) });
  try {
    const store = app.analyzer.store;
    if (!(store instanceof DuckDbStore)) throw new Error('the analysis benchmark needs the DuckDB store');
    const span = Math.ceil(steps / STEPS_PER_EXECUTION) * 2000;
    await store.exclusive((c) => generateSteps(c, steps, workflows, Date.now() - span - 60_000));
    const get = async (url: string) => {
      app.analysis.context.cache.clear();
      const response = await app.inject({ url, headers: { authorization: `Bearer ${TOKEN}` } });
      if (response.statusCode !== 200) throw new Error(`${url}: ${response.statusCode} ${response.body}`);
    };
    const api: ApiFigures[] = [];
    for (const hours of [0, 24 * 7, 24]) api.push(await benchRange(get, hours));
    // Retention's steady state: history older than a day in the Parquet archive, ordered by workflow.
    const cutoff = Date.now() - 24 * 3_600_000;
    await app.analyzer.backend.retention.moveOlderThan('steps', cutoff);
    await app.analyzer.backend.retention.moveOlderThan('executions', cutoff);
    api.push({ ...(await benchRange(get, 0)), range: 'all history, older than 24 h archived' });
    let t0 = process.hrtime.bigint();
    const snapshot = await app.analysis.refresh();
    const passSeconds = Number(process.hrtime.bigint() - t0) / 1e9;
    t0 = process.hrtime.bigint();
    const records = await app.analysis.context.analysisStore.seriesRecords({
      from: Date.now() - lookbackMs,
    });
    return {
      api,
      passSeconds,
      seriesReadSeconds: Number(process.hrtime.bigint() - t0) / 1e9,
      anomalies: snapshot.anomalies.length,
      insights: snapshot.insights.length,
      observations: records.executions.length + records.steps.reduce((n, s) => n + s.completed_at.length, 0),
    };
  } finally {
    await app.close();
  }
}

/** One workflow's statistics and bottlenecks over the last `hours` (0: all history). */
async function benchRange(get: (url: string) => Promise<void>, hours: number): Promise<ApiFigures> {
  const range = hours === 0 ? '' : `&from=${Date.now() - hours * 3_600_000}`;
  const performance = () => get(`/analytics/performance?workflow_id=workflow-17${range}`);
  const bottlenecks = () => get(`/analytics/bottlenecks?workflow_id=workflow-17${range}`);
  return {
    range: hours === 0 ? 'all history' : `last ${hours} h`,
    performanceMs: await timed(performance),
    bottlenecksMs: await timed(bottlenecks),
    performanceAndBottlenecksMs: await timed(() => Promise.all([performance(), bottlenecks()])),
  };
}

/** Median of 5 runs after one warm-up, in milliseconds. */
async function timed(run: () => Promise<unknown>): Promise<number> {
  await run();
  const runs: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t0 = process.hrtime.bigint();
    await run();
    runs.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  runs.sort((a, b) => a - b);
  return runs[2] as number;
}
