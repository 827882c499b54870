import { context, createNoopMeter, diag, DiagConsoleLogger, ProxyTracerProvider } from '@opentelemetry/api';
import type { MetricProducer, MetricReader } from '@opentelemetry/sdk-metrics';
import type { SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { randomUUID } from 'node:crypto';
import { loadConfig, type InstrumentationConfig, type InstrumentationOptions } from '../config/config';
import { DROP_REASON, type DropReason } from '../conventions';
import { ResourceTracker } from '../resources/resource-tracker';
import type { ResourceSource } from '../resources/sample';
import { WorkerResourceSource } from '../resources/worker-resource-source';
import { DropCounter } from '../sdk/drop-counter';
import { installExitHooks } from '../sdk/exit-hooks';
import { SdkMetricBackend } from '../sdk/metric-backend';
import { startPipeline, type Pipeline } from '../sdk/pipeline';
import { RpaExecution } from './execution';
import { ExecutorAdapter, type Instrumentation, type LifecycleEmitter } from './executor-adapter';
import { RpaInstruments } from './instruments';
import { Recorder } from './record';
import { reportMisuse, type Telemetry } from './telemetry';
import type { ExecutionOptions, ExecutionRecord, StepRecord } from './types';

/** Options of {@link createRpa}: configuration, plus parts a host or a test plugs in. */
export interface RpaOptions extends InstrumentationOptions {
  /** Extra span processors on the tracer provider this package starts. */
  spanProcessors?: SpanProcessor[];
  /**
   * Extra metric readers on the meter provider this package starts. Each
   * factory gets the producer of the RPA metrics, which its reader must list
   * in `metricProducers` to export them.
   */
  metricReaders?: Array<(rpaMetrics: MetricProducer) => MetricReader>;
  /** Where resource samples come from; a worker thread running systeminformation by default. */
  resourceSource?: ResourceSource;
}

interface Started {
  readonly config: InstrumentationConfig;
  readonly telemetry: Telemetry;
  readonly recorder: Recorder;
  readonly pipeline: Pipeline | undefined;
}

/**
 * The instrumentation's entry point. It starts its providers once, on first
 * use (or `start()`), and never throws into the executor.
 */
export class Rpa {
  private started: Started | undefined;
  private stopping: Promise<void> | undefined;
  private readonly drops = new DropCounter();
  private readonly adapters = new WeakMap<object, ExecutorAdapter>();
  private removeExitHooks: (() => void) | undefined;

  constructor(private readonly options: RpaOptions = {}) {}

  /** Starts the providers now instead of on first use; later calls do nothing. */
  start(): this {
    this.ensureStarted();
    return this;
  }

  /** The effective configuration (starts the instrumentation). */
  get config(): InstrumentationConfig {
    return this.ensureStarted().config;
  }

  /** Starts an execution; its span's parent is the caller's active span. */
  startExecution(options: ExecutionOptions): RpaExecution {
    const { telemetry } = this.ensureStarted();
    const valid = Boolean(options) && typeof options.workflowId === 'string' && options.workflowId.length > 0;
    if (!valid) reportMisuse(telemetry, 'startExecution() needs a workflowId (a non-empty string)');
    const executionId = (valid && options.executionId) || randomUUID();
    const workflowOptions = valid ? options : { ...options, workflowId: 'unknown' };
    return new RpaExecution(valid ? telemetry : telemetry.inert, workflowOptions, executionId);
  }

  /**
   * Runs `work` as an execution: ends it when `work` resolves, fails it when
   * `work` throws, and rethrows the executor's own error unchanged. Spans the
   * executor starts inside `work` nest under the execution.
   */
  async trackExecution<T>(
    options: ExecutionOptions,
    work: (execution: RpaExecution) => T | Promise<T>,
  ): Promise<T> {
    const execution = this.startExecution(options);
    let result: T;
    try {
      result = await context.with(execution.context, () => work(execution));
    } catch (error) {
      if (!execution.ended) execution.fail(error);
      throw error;
    }
    if (!execution.ended) execution.end();
    return result;
  }

  /** Records an execution the executor timed itself (and its steps); returns its id. */
  recordExecution(record: ExecutionRecord): string | undefined {
    return this.ensureStarted().recorder.recordExecution(record);
  }

  /** Records a step the executor timed itself. */
  recordStep(record: StepRecord): void {
    this.ensureStarted().recorder.recordStep(record);
  }

  /** Instruments an executor that emits lifecycle events; a second call returns the same instrumentation. */
  instrument(executor: LifecycleEmitter): Instrumentation {
    const known = this.adapters.get(executor);
    if (known) return known;
    const { telemetry } = this.ensureStarted();
    const adapter = new ExecutorAdapter(
      executor,
      telemetry,
      (options) => this.startExecution(options),
      () => this.adapters.delete(executor),
    );
    this.adapters.set(executor, adapter);
    return adapter;
  }

  /**
   * The Prometheus endpoint's URL while it listens, or undefined: disabled
   * (`RPA_METRICS_PORT=-1`), the port was busy (a warning says so), or it is
   * not listening yet. Synchronous: with the default host the endpoint listens
   * as soon as the instrumentation starts.
   */
  metricsUrl(): string | undefined {
    return this.ensureStarted().pipeline?.metricsUrl();
  }

  /** Settles once the Prometheus endpoint listens (its URL) or could not (undefined). */
  async metricsReady(): Promise<string | undefined> {
    return this.ensureStarted().pipeline?.metricsReady;
  }

  /** Telemetry dropped so far, by reason. */
  droppedTelemetry(): Partial<Record<DropReason, number>> {
    return Object.fromEntries(this.drops.entries());
  }

  /** Exports what is buffered now. */
  async forceFlush(): Promise<void> {
    await this.started?.pipeline?.forceFlush();
  }

  /**
   * Flushes and stops everything this package started; later calls record
   * nothing. It takes at most `shutdownGraceMs` (2 s by default, also when the
   * analyzer or Tempo is down): what is still unexported then is dropped and
   * counted. Every call returns the same promise.
   */
  shutdown(): Promise<void> {
    this.stopping ??= this.stop();
    return this.stopping;
  }

  private async stop(): Promise<void> {
    this.removeExitHooks?.();
    const started = this.started;
    if (!started) return;
    await Promise.all([started.pipeline?.shutdown(), started.telemetry.resources?.stop()]);
  }

  private ensureStarted(): Started {
    if (this.started) return this.started;
    const warnings: string[] = [];
    const config = loadConfig(this.options, undefined, (message) => warnings.push(message));
    if (config.logLevel !== undefined) {
      diag.setLogger(new DiagConsoleLogger(), { logLevel: config.logLevel, suppressOverrideMessage: true });
    }
    for (const message of warnings) diag.warn(`@rpa-analytics/instrumentation: ${message}`);
    const inert = createInertTelemetry(this.drops);
    if (config.disabled || this.stopping) {
      this.started = { config, telemetry: inert, recorder: new Recorder(inert), pipeline: undefined };
      return this.started;
    }
    const pipeline = startPipeline(config, this.drops, this.options);
    RpaInstruments.registerDropCounter(pipeline.meter, this.drops);
    const resources = createResourceTracker(config, this.options.resourceSource, this.drops);
    resources?.registerGauges(pipeline.meter);
    resources?.start();
    const telemetry: Telemetry = {
      tracer: pipeline.tracer,
      instruments: new RpaInstruments(pipeline.metricBackend, this.drops, config),
      drops: this.drops,
      resources,
      inert,
      openExecutions: new Map(),
    };
    this.started = { config, telemetry, recorder: new Recorder(telemetry), pipeline };
    this.removeExitHooks = installExitHooks(() => this.shutdown(), config.flushOnSignals);
    return this.started;
  }
}

function createResourceTracker(
  config: InstrumentationConfig,
  source: ResourceSource | undefined,
  drops: DropCounter,
): ResourceTracker | undefined {
  if (!source && config.resourceIntervalMs === 0) return undefined;
  try {
    return new ResourceTracker(source ?? new WorkerResourceSource(config.resourceIntervalMs), drops);
  } catch (error) {
    drops.report(DROP_REASON.resourceSampleFailed, 'the resource sampler did not start', 1, String(error));
    return undefined;
  }
}

function createInertTelemetry(drops: DropCounter): Telemetry {
  const inert: Telemetry = {
    tracer: new ProxyTracerProvider().getTracer('inert'),
    // Inert executions record into no-op cells; their label sets are few (workflow "unknown").
    instruments: new RpaInstruments(new SdkMetricBackend(createNoopMeter()), drops, {
      cardinalityLimit: Number.MAX_SAFE_INTEGER,
      seriesBudget: Number.MAX_SAFE_INTEGER,
    }),
    drops,
    resources: undefined,
    get inert() {
      return inert;
    },
    openExecutions: new Map(),
  };
  return inert;
}

/** Creates an instrumentation with its own options; most executors use the shared `rpa`. */
export function createRpa(options: RpaOptions = {}): Rpa {
  return new Rpa(options);
}
