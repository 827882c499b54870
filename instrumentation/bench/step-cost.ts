/**
 * Per-step cost of a fully instrumented step against the bare OpenTelemetry
 * SDK doing one span with the same attributes plus one histogram record and
 * one counter add, and against no telemetry. Prints medians of RUNS runs.
 *
 *   npm run bench -w instrumentation      (BENCH_RUNS, BENCH_STEPS to change)
 */
import { metrics, trace, type Attributes } from '@opentelemetry/api';
import { ExportResultCode } from '@opentelemetry/core';
import { MeterProvider, MetricReader } from '@opentelemetry/sdk-metrics';
import {
  BatchSpanProcessor,
  BasicTracerProvider,
  type ReadableSpan,
  type SpanExporter,
} from '@opentelemetry/sdk-trace-base';
import { createRpa, type RpaExecution } from '@rpa-analytics/instrumentation';
import { formatNs, median, nsPerOperation } from './measure';

const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const STEPS = Number(process.env.BENCH_STEPS ?? 100_000);
const WARMUP = Math.min(STEPS, 30_000);
const YIELD_EVERY = 256;
const WORKFLOWS = ['invoice-entry', 'customer-onboarding', 'report-export', 'email-triage', 'order-sync'];
const ACTIONS = ['click', 'type', 'wait', 'extract'];

class DiscardingExporter implements SpanExporter {
  export(_spans: ReadableSpan[], done: (result: { code: ExportResultCode }) => void): void {
    done({ code: ExportResultCode.SUCCESS });
  }
  async shutdown(): Promise<void> {}
}

class IdleReader extends MetricReader {
  protected override async onForceFlush(): Promise<void> {}
  protected override async onShutdown(): Promise<void> {}
}

const batchProcessor = () => new BatchSpanProcessor(new DiscardingExporter(), { maxQueueSize: 8192 });

type Scenario = { name: string; run(count: number): Promise<number>; close(): Promise<void> };

function noTelemetry(): Scenario {
  let sink = 0;
  return {
    name: 'no telemetry',
    run: (count) =>
      nsPerOperation(count, YIELD_EVERY, (i) => {
        const started = performance.now();
        sink += (WORKFLOWS[i % 5] as string).length + (performance.now() - started);
      }),
    close: async () => void sink,
  };
}

function bareSdk(): Scenario {
  const tracerProvider = new BasicTracerProvider({ spanProcessors: [batchProcessor()] });
  const meterProvider = new MeterProvider({ readers: [new IdleReader()] });
  const tracer = tracerProvider.getTracer('bare');
  const meter = meterProvider.getMeter('bare');
  const histogram = meter.createHistogram('step_duration_seconds');
  const counter = meter.createCounter('steps_total');
  return {
    name: 'bare OpenTelemetry SDK',
    run: (count) =>
      nsPerOperation(count, YIELD_EVERY, (i) => {
        const workflowId = WORKFLOWS[i % 5] as string;
        const actionType = ACTIONS[i % 4] as string;
        const started = performance.now();
        const span = tracer.startSpan('rpa.step', {
          attributes: {
            'rpa.workflow.id': workflowId,
            'rpa.execution.id': 'execution-id-0000',
            'rpa.step.id': `execution-id-0000/${i}`,
            'rpa.step.node_id': 'node-1',
            'rpa.step.action_type': actionType,
            'rpa.step.target_element': 'Submit button',
          },
        });
        span.setAttribute('rpa.step.status', 'completed');
        span.setAttribute('rpa.step.retry_count', 0);
        span.setAttribute('rpa.step.confidence', 0.93);
        span.end();
        const attributes: Attributes = {
          'rpa.workflow.id': workflowId,
          'rpa.step.action_type': actionType,
          'rpa.step.status': 'completed',
        };
        histogram.record((performance.now() - started) / 1000, attributes);
        counter.add(1, { 'rpa.workflow.id': workflowId, 'rpa.step.action_type': actionType });
      }),
    close: async () => {
      await tracerProvider.shutdown();
      await meterProvider.shutdown();
    },
  };
}

function instrumented(): Scenario {
  const rpa = createRpa({
    metricsPort: -1,
    resourceIntervalMs: 0,
    flushOnSignals: false,
    spanProcessors: [batchProcessor()],
    metricReaders: [(rpaMetrics) => new IdleReader({ metricProducers: [rpaMetrics] })],
  });
  const executions = WORKFLOWS.map((workflowId) => rpa.startExecution({ workflowId }));
  return {
    name: '@rpa-analytics/instrumentation',
    run: (count) =>
      nsPerOperation(count, YIELD_EVERY, (i) => {
        const execution = executions[i % 5] as RpaExecution;
        const step = execution.startStep({
          nodeId: 'node-1',
          actionType: ACTIONS[i % 4] as string,
          targetElement: 'Submit button',
        });
        step.setConfidence(0.93);
        step.end();
      }),
    close: async () => {
      executions.forEach((execution) => execution.end());
      await rpa.shutdown();
      trace.disable();
      metrics.disable();
    },
  };
}

async function main(): Promise<void> {
  const scenarios = [noTelemetry(), bareSdk(), instrumented()];
  const results = new Map<string, number[]>(scenarios.map((s) => [s.name, []]));
  for (const scenario of scenarios) await scenario.run(WARMUP);
  for (let run = 0; run < RUNS; run += 1) {
    // Interleaved, so that drift on a shared machine hits every scenario alike.
    for (const scenario of scenarios) results.get(scenario.name)?.push(await scenario.run(STEPS));
  }
  for (const scenario of scenarios) await scenario.close();
  const medians = new Map([...results].map(([name, values]) => [name, median(values)]));
  const bare = medians.get('bare OpenTelemetry SDK') as number;
  const none = medians.get('no telemetry') as number;
  console.log(`step cost, median of ${RUNS} runs x ${STEPS} steps (node ${process.version})`);
  for (const [name, ns] of medians) {
    console.log(
      `  ${name.padEnd(32)} ${formatNs(ns)}/step   ${(ns / bare).toFixed(2)}x bare SDK   (+${formatNs(ns - none).trim()} over no telemetry)`,
    );
  }
  const ratio = (medians.get('@rpa-analytics/instrumentation') as number) / bare;
  console.log(
    `  instrumented / bare SDK = ${ratio.toFixed(2)} (target <= 1.00): ${ratio <= 1 ? 'met' : 'NOT met'}`,
  );
}

void main();
