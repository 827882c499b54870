/**
 * Live analysis figures: single-run spike recall and precision, detection
 * cost per span (pure, and with the state and anomalies stored), commit →
 * anomaly visible in the API, executor step end → SSE client.
 */
import { performance } from 'node:perf_hooks';
import { SpanKind } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { ATTR, SPAN_NAMES } from '@rpa-analytics/conventions';
import { detectAnomalies } from '../src/analysis/anomaly/detect-anomalies';
import { scoreSpikes, spikeHistory } from '../src/analysis/test-support/planted-spikes';
import { emptyBatch, type RecordBatch } from '../src/model/records';
import { createLiveDetection } from '../src/services/live/live-detection';
import type { LiveStore } from '../src/store/live-store';
import { protobufBody, recordSpans, type SpanSpec } from '../src/test-support/sdk-spans';
import { Alertmanager } from '../src/test-support/alertmanager';
import { bearer, startTestApp } from '../src/test-support/test-app';

export function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
}

/** The history as commits of about `spans` spans each, in time order (as executors would send it). */
function commits(history: RecordBatch, spans: number): RecordBatch[] {
  const byExecution = new Map<string, RecordBatch['steps']>();
  for (const s of history.steps)
    byExecution.set(s.execution_id, [...(byExecution.get(s.execution_id) ?? []), s]);
  const executions = [...history.executions].sort((a, b) => a.started_at - b.started_at);
  const out: RecordBatch[] = [];
  let batch = emptyBatch();
  const round = (x: number | null) => (x === null ? null : Math.round(x));
  for (const e of executions) {
    batch.executions.push({ ...e, completed_at: round(e.completed_at) });
    for (const s of byExecution.get(e.execution_id) ?? [])
      batch.steps.push({
        ...s,
        started_at: Math.round(s.started_at),
        completed_at: Math.round(s.completed_at),
      });
    if (batch.executions.length + batch.steps.length >= spans)
      [out[out.length], batch] = [batch, emptyBatch()];
  }
  if (batch.executions.length > 0) out.push(batch);
  return out;
}

const NO_STORE: LiveStore = {
  loadSeriesStates: async () => [],
  saveDetection: async () => undefined,
  listAnomalies: async () => ({ items: [], total: 0, nextCursor: null }),
  anomaliesOverlapping: async () => [],
  listIncidents: async () => ({ items: [], total: 0, nextCursor: null }),
  incidentsOverlapping: async () => [],
  runningExecutions: async () => [],
};

export async function benchSpikesAndCost() {
  const history = spikeHistory();
  const spans = history.executions.length + history.steps.length;
  const { anomalies } = detectAnomalies(history.executions, history.steps, { now: 0 });
  const score = scoreSpikes(anomalies, [...history.spikes, ...history.incident], 0.7);
  const batches = commits({ ...emptyBatch(), executions: history.executions, steps: history.steps }, 2000);
  const detection = createLiveDetection({
    store: NO_STORE,
    now: Date.now,
    onOutcome: () => undefined,
    onError: console.error,
  });
  const started = process.cpuUsage();
  for (const b of batches) detection.submit(b);
  await detection.idle();
  const cpu = process.cpuUsage(started);
  return { score, spans, pureMicrosPerSpan: (cpu.user + cpu.system) / spans };
}

/** Detection with the real store: the history committed through the writer, judged and stored on each commit. */
export async function benchStoredDetection() {
  const t = await startTestApp({ ingest: { flushIntervalMs: 20 } });
  try {
    const history = spikeHistory(11);
    const batches = commits({ ...emptyBatch(), executions: history.executions, steps: history.steps }, 2000);
    const spans = history.executions.length + history.steps.length;
    const started = performance.now();
    const cpu0 = process.cpuUsage();
    for (const b of batches) await t.app.analyzer.writer.submit(b);
    const ingestCpu = process.cpuUsage(cpu0);
    await t.app.live.idle();
    const total = process.cpuUsage(cpu0);
    return {
      spans,
      seconds: (performance.now() - started) / 1000,
      ingestAndDetectMicrosPerSpan: (total.user + total.system) / spans,
      ingestOnlyShareMicrosPerSpan: (ingestCpu.user + ingestCpu.system) / spans,
      anomalies: (await t.app.live.store.listAnomalies({ limit: 1 })).total,
    };
  } finally {
    await t.close();
  }
}

function run(workflow: string, i: number, durationMs: number, at: number): SpanSpec {
  return {
    name: SPAN_NAMES.execution,
    startMs: at,
    durationMs,
    attributes: {
      [ATTR.workflowId]: workflow,
      [ATTR.executionId]: `${workflow}-${i}`,
      [ATTR.executionStatus]: 'completed',
    },
  };
}

const T0 = Date.now() - 10 * 86_400_000;

/** 230 ordinary runs for each workflow, posted over OTLP/HTTP and judged. */
async function postBaselines(base: string, workflows: number, live: { idle(): Promise<void> }) {
  const baseline: SpanSpec[] = [];
  for (let w = 0; w < workflows; w++)
    for (let i = 0; i < 230; i++)
      baseline.push(run(`live-${w}`, i, 1000 * Math.exp(0.2 * Math.sin(i * 12.9898 + w)), T0 + i * 60_000));
  for (let i = 0; i < baseline.length; i += 2000) await post(base, baseline.slice(i, i + 2000));
  await live.idle();
}

/** Posts each workflow's spike (the 2xx is the commit), then measures until `seen` finds it. */
async function spikeLatencies(
  base: string,
  workflows: number,
  seen: (workflow: string) => Promise<boolean>,
): Promise<number[]> {
  const latencies: number[] = [];
  for (let w = 0; w < workflows; w++) {
    await post(base, [run(`live-${w}`, 230, 100_000, T0 + 230 * 60_000)]);
    const committed = performance.now();
    while (!(await seen(`live-${w}`))) await new Promise((resolve) => setTimeout(resolve, 2));
    latencies.push(performance.now() - committed);
  }
  return latencies;
}

/** A spike after 230 ordinary runs per workflow: commit → open in GET /analytics/anomalies. */
export async function benchCommitToAnomaly(workflows: number) {
  const t = await startTestApp({ ingest: { flushIntervalMs: 20 } });
  try {
    const base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    await postBaselines(base, workflows, t.app.live);
    const latencies = await spikeLatencies(base, workflows, async (wf) => {
      const response = await fetch(`${base}/analytics/anomalies?workflow_id=${wf}&status=open`, {
        headers: bearer('viewer'),
      });
      return ((await response.json()) as { total: number }).total > 0;
    });
    return {
      samples: latencies.length,
      p50: quantile(latencies, 0.5),
      p99: quantile(latencies, 0.99),
      max: Math.max(...latencies),
    };
  } finally {
    await t.close();
  }
}

/** The same spikes, measured until a real Alertmanager lists their alert as active. */
export async function benchAlertmanager(workflows: number) {
  const am = await Alertmanager.start();
  const t = await startTestApp({
    ingest: { flushIntervalMs: 20 },
    analysis: { alertmanagerUrl: am.url, alertResendIntervalMs: 30_000 },
  });
  try {
    const base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    await postBaselines(base, workflows, t.app.live);
    const latencies = await spikeLatencies(base, workflows, async (wf) =>
      (await am.alerts()).some((a) => a.labels.workflow === wf && a.status.state === 'active'),
    );
    return { samples: latencies.length, p50: quantile(latencies, 0.5), p99: quantile(latencies, 0.99) };
  } finally {
    await t.close();
    await am.stop();
  }
}

async function post(base: string, specs: SpanSpec[]): Promise<void> {
  const response = await fetch(`${base}/v1/traces`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-protobuf' },
    body: protobufBody(recordSpans(specs)),
  });
  if (!response.ok) throw new Error(`ingest answered ${response.status}`);
}

/**
 * An executor as agreed with the instrumentation (SDK spans, batch processor
 * flushing every 100 ms, OTLP/HTTP protobuf) ends a step every `everyMs`; an
 * SSE client measures when the step's progress arrives.
 */
export async function benchSseLatency(steps: number, everyMs: number) {
  const t = await startTestApp({ ingest: { flushIntervalMs: 20 } });
  const provider = (base: string) =>
    new BasicTracerProvider({
      resource: resourceFromAttributes({ 'service.name': 'bench-executor' }),
      spanProcessors: [
        new BatchSpanProcessor(new OTLPTraceExporter({ url: `${base}/v1/traces` }), {
          scheduledDelayMillis: 100,
        }),
      ],
    });
  try {
    const base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const tracing = provider(base);
    const tracer = tracing.getTracer('bench');
    const ended = new Map<string, number>();
    const latencies: number[] = [];
    const controller = new AbortController();
    const response = await fetch(`${base}/analytics/stream`, {
      headers: bearer('viewer'),
      signal: controller.signal,
    });
    const reading = (async () => {
      const reader = response.body!.getReader();
      const decoder = new TextDecoder();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
        if (done) return;
        buffer += decoder.decode(value, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const frame = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = /\ndata: (.*)$/m.exec(frame)?.[1];
          if (!data || !frame.includes('event: execution.')) continue;
          const id = (JSON.parse(data) as { execution_id: string }).execution_id;
          const at = ended.get(id);
          if (at !== undefined) {
            latencies.push(performance.now() - at);
            ended.delete(id);
          }
        }
      }
    })();
    for (let i = 0; i < steps; i++) {
      const id = `sse-${i}`;
      const span = tracer.startSpan(SPAN_NAMES.step, {
        kind: SpanKind.INTERNAL,
        attributes: {
          [ATTR.workflowId]: 'wf-sse',
          [ATTR.executionId]: id,
          [ATTR.stepId]: `${id}/0`,
          [ATTR.stepNodeId]: 'node',
          [ATTR.stepActionType]: 'click',
          [ATTR.stepStatus]: 'completed',
        },
      });
      span.end();
      ended.set(id, performance.now());
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
    await tracing.forceFlush();
    await new Promise((resolve) => setTimeout(resolve, 500));
    controller.abort();
    await reading;
    await tracing.shutdown();
    return {
      samples: latencies.length,
      lost: steps - latencies.length,
      p50: quantile(latencies, 0.5),
      p99: quantile(latencies, 0.99),
    };
  } finally {
    await t.close();
  }
}
