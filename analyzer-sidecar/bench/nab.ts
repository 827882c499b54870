/**
 * `NAB_DIR=/path/to/NAB npm run bench:nab -w analyzer-sidecar`: the Numenta
 * Anomaly Benchmark replayed through OTLP into a real analyzer, scored with
 * NAB's standard profile. Asserts nothing.
 *
 * NAB_DIR is a copy (or part) of the NAB repository: `labels/combined_windows.json`
 * and the `data/<category>/<file>.csv` it names; files absent from data/ are
 * left out and listed. Each row becomes one execution of a workflow per file,
 * its value an execution duration (1 s + value, scaled so the probationary
 * rows span 1 s), its timestamp shifted so the file ends an hour ago. The rows
 * are posted BENCH_NAB_CHUNK (default 4) at a time; after each commit the
 * anomalies' severities are read from the stream and from GET
 * /analytics/anomalies, and a row scores the severity an anomaly first
 * reached with it (an alert fires once per anomaly and level, as in the product).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cpus, loadavg } from 'node:os';
import { ATTR, SPAN_NAMES } from '@rpa-analytics/conventions';
import {
  NAB_STANDARD,
  type NabFile,
  type NabProfile,
  nabScore,
} from '../src/analysis/test-support/nab-score';
import { protobufBody, recordSpans, type SpanSpec } from '../src/test-support/sdk-spans';
import { bearer, startTestApp, type TestApp } from '../src/test-support/test-app';

const PROFILES: Record<string, NabProfile> = {
  standard: NAB_STANDARD,
  reward_low_FP_rate: { truePositive: 1, falsePositive: 0.22, falseNegative: 1 },
  reward_low_FN_rate: { truePositive: 1, falsePositive: 0.055, falseNegative: 2 },
};

interface Series {
  name: string;
  timestamps: number[];
  values: number[];
  windows: [number, number][];
}

/** NAB writes times as `YYYY-MM-DD HH:MM:SS[.ffffff]`, UTC. */
function nabTime(text: string): number {
  const t = Date.parse(`${text.trim().slice(0, 19).replace(' ', 'T')}Z`);
  if (Number.isNaN(t)) throw new Error(`not a NAB timestamp: ${text}`);
  return t;
}

function loadCorpus(dir: string): { series: Series[]; missing: string[] } {
  const labels = join(dir, 'labels', 'combined_windows.json');
  if (!existsSync(labels)) throw new Error(`NAB_DIR: ${labels} not found`);
  const windows = JSON.parse(readFileSync(labels, 'utf8')) as Record<string, [string, string][]>;
  const series: Series[] = [];
  const missing: string[] = [];
  for (const [name, limits] of Object.entries(windows)) {
    const path = join(dir, 'data', name);
    if (!existsSync(path)) {
      missing.push(name);
      continue;
    }
    const rows = readFileSync(path, 'utf8').trim().split('\n').slice(1);
    const cells = rows.map((row) => row.split(','));
    series.push({
      name,
      timestamps: cells.map((c) => nabTime(c[0]!)),
      values: cells.map((c) => Number(c[1])),
      windows: limits.map(([from, to]) => [nabTime(from), nabTime(to)]),
    });
  }
  return { series, missing };
}

/** Durations from values with a scale fixed by the probationary rows only (no look-ahead). */
function durationsOf(values: readonly number[]): number[] {
  const probation = values.slice(0, Math.max(1, Math.floor(values.length * 0.15)));
  const low = Math.min(...probation);
  const spread = Math.max(...probation) - low || Math.abs(low) || 1;
  return values.map((v) => Math.max(1, Math.round(1000 + (1000 * (v - low)) / spread)));
}

interface SeenAnomaly {
  anomaly_id: string;
  workflow_id: string;
  severity: number;
}

async function post(base: string, specs: SpanSpec[]): Promise<void> {
  const response = await fetch(`${base}/v1/traces`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-protobuf' },
    body: protobufBody(recordSpans(specs)),
  });
  if (!response.ok) throw new Error(`ingest answered ${response.status}`);
}

async function openAnomalies(base: string, workflow: string): Promise<SeenAnomaly[]> {
  const response = await fetch(
    `${base}/analytics/anomalies?workflow_id=${encodeURIComponent(workflow)}&status=open&limit=100`,
    { headers: bearer('viewer') },
  );
  return ((await response.json()) as { items: SeenAnomaly[] }).items;
}

/** Replays one file and returns each row's score. */
async function replay(t: TestApp, base: string, s: Series, chunk: number): Promise<number[]> {
  const workflow = `nab-${s.name.replace(/[^A-Za-z0-9_.-]/g, '-')}`;
  const shift = Date.now() - 3_600_000 - s.timestamps[s.timestamps.length - 1]!;
  const durations = durationsOf(s.values);
  const scores = new Array<number>(s.values.length).fill(0);
  const peak = new Map<string, number>();
  const seen: SeenAnomaly[] = [];
  const unsubscribe = t.app.live.bus.subscribe((event) => {
    if (event.type.startsWith('anomaly.') && event.workflowIds.includes(workflow))
      seen.push(event.data as unknown as SeenAnomaly);
  });
  try {
    for (let first = 0; first < s.values.length; first += chunk) {
      const last = Math.min(s.values.length, first + chunk) - 1;
      const specs: SpanSpec[] = [];
      for (let i = first; i <= last; i++)
        specs.push({
          name: SPAN_NAMES.execution,
          startMs: s.timestamps[i]! + shift,
          durationMs: durations[i]!,
          attributes: {
            [ATTR.workflowId]: workflow,
            [ATTR.executionId]: `${workflow}-${i}`,
            [ATTR.executionStatus]: 'completed',
          },
        });
      await post(base, specs);
      await t.app.live.idle();
      for (const a of [...seen.splice(0), ...(await openAnomalies(base, workflow))]) {
        if (a.severity <= (peak.get(a.anomaly_id) ?? 0)) continue;
        peak.set(a.anomaly_id, a.severity);
        scores[last] = Math.max(scores[last]!, a.severity);
      }
    }
  } finally {
    unsubscribe();
  }
  return scores;
}

async function main(): Promise<void> {
  const dir = process.env.NAB_DIR;
  if (!dir) throw new Error('NAB_DIR: set it to a local copy of the NAB repository (labels/ and data/)');
  const chunk = Math.max(1, Number(process.env.BENCH_NAB_CHUNK ?? 4));
  const { series, missing } = loadCorpus(dir);
  console.log(`node ${process.version}, ${cpus().length} CPUs, load average ${loadavg()[0]?.toFixed(1)}`);
  console.log(
    `NAB corpus at ${dir}: ${series.length} files replayed, ${missing.length} labelled files not present`,
  );
  const t = await startTestApp({ ingest: { flushIntervalMs: 2 } });
  const files: NabFile[] = [];
  try {
    const base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    for (const s of series) {
      const started = Date.now();
      const scores = await replay(t, base, s, chunk);
      files.push({ name: s.name, timestamps: s.timestamps, scores, windows: s.windows });
      const flagged = scores.filter((x) => x > 0).length;
      console.log(
        `  ${s.name}: ${s.values.length} rows, ${s.windows.length} windows, ${flagged} rows raised a severity, ${((Date.now() - started) / 1000).toFixed(1)} s`,
      );
    }
  } finally {
    await t.close();
  }
  for (const [profile, weights] of Object.entries(PROFILES)) {
    const r = nabScore(files, weights);
    console.log(
      `NAB ${profile}: ${r.normalized.toFixed(1)} (raw ${r.raw.toFixed(2)}, threshold severity ${r.threshold.toFixed(3)}, ` +
        `${r.detectedWindows}/${r.windows} windows detected, ${r.falsePositives} false positives)`,
    );
  }
  for (const f of files) {
    const r = nabScore([f]);
    console.log(
      `  ${f.name}: standard ${r.normalized.toFixed(1)} at its own best threshold ${r.threshold.toFixed(3)}`,
    );
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
