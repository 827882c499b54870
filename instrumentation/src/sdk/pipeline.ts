import {
  createNoopMeter,
  diag,
  metrics,
  ProxyTracerProvider,
  trace,
  type Meter,
  type Tracer,
} from '@opentelemetry/api';
import { OTLPMetricExporter } from '@opentelemetry/exporter-metrics-otlp-proto';
import { PrometheusExporter } from '@opentelemetry/exporter-prometheus';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import type { Resource } from '@opentelemetry/resources';
import {
  MeterProvider,
  PeriodicExportingMetricReader,
  type MetricProducer,
  type MetricReader,
} from '@opentelemetry/sdk-metrics';
import type { SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { ANALYZER, INSTRUMENTATION_SCOPE } from '../conventions';
import { analyzerSignalUrl, type InstrumentationConfig } from '../config/config';
import { BoundedBatchSpanProcessor } from './bounded-batch-span-processor';
import type { DropCounter } from './drop-counter';
import { SdkMetricBackend, type MetricBackend } from './metric-backend';
import { MetricsServer } from './metrics-server';
import { PreboundMetrics } from './prebound-metrics';
import { buildExecutorResource } from './resource';

const VERSION = '0.1.0';
/** Bounds a huge error message or target name instead of shipping it whole. */
const ATTRIBUTE_VALUE_LENGTH_LIMIT = 4096;
const ANALYZER_METRICS_INTERVAL_MS = 10_000;

/** The tracer and meter the API records with, and how to flush and stop what was started for them. */
export interface Pipeline {
  readonly tracer: Tracer;
  /** For the observable instruments (resource gauges, drops). */
  readonly meter: Meter;
  /** Where the RPA metrics are recorded. */
  readonly metricBackend: MetricBackend;
  /** The Prometheus endpoint's URL while it listens; undefined where none listens. */
  metricsUrl(): string | undefined;
  /** Settles once the endpoint listens (its URL) or failed to (undefined). */
  readonly metricsReady: Promise<string | undefined>;
  forceFlush(): Promise<void>;
  shutdown(): Promise<void>;
}

/**
 * Span processors exporting to Tempo and the analyzer as configured, each
 * bounded and counted. Hosts that register their own tracer provider add these
 * to it to feed the analyzer.
 */
export function createRpaSpanProcessors(config: InstrumentationConfig, drops: DropCounter): SpanProcessor[] {
  const processors: SpanProcessor[] = [];
  if (config.tracesUrl) {
    processors.push(
      new BoundedBatchSpanProcessor(
        new OTLPTraceExporter({ url: config.tracesUrl, timeoutMillis: config.otlpExportTimeoutMs }),
        drops,
        {
          destination: 'tempo',
          maxQueueSize: config.otlpMaxQueueSize,
          maxExportBatchSize: config.otlpMaxExportBatchSize,
          scheduledDelayMs: config.otlpScheduledDelayMs,
          exportTimeoutMs: config.otlpExportTimeoutMs,
        },
      ),
    );
  }
  const analyzerUrl = analyzerSignalUrl(config, ANALYZER.tracesPath);
  if (analyzerUrl) {
    processors.push(
      new BoundedBatchSpanProcessor(
        new OTLPTraceExporter({
          url: analyzerUrl,
          headers: { ...config.analyzerHeaders },
          timeoutMillis: config.exportTimeoutMs,
        }),
        drops,
        { ...config, destination: 'analyzer' },
      ),
    );
  }
  return processors;
}

/** Starts the tracer and meter providers, or adopts the host's where it registered its own. */
export function startPipeline(
  config: InstrumentationConfig,
  drops: DropCounter,
  extras: PipelineExtras = {},
): Pipeline {
  const resource = buildExecutorResource();
  const traces = hasGlobalTracerProvider()
    ? adoptGlobalTracer()
    : startTracerProvider(config, resource, drops, extras.spanProcessors ?? []);
  const meters = hasGlobalMeterProvider()
    ? adoptGlobalMeter()
    : startMeterProvider(config, resource, extras.metricReaders ?? []);
  return {
    tracer: traces.tracer,
    meter: meters.meter,
    metricBackend: meters.backend,
    metricsUrl: meters.metricsUrl,
    metricsReady: meters.metricsReady,
    forceFlush: async () => {
      await Promise.all([traces.forceFlush(), meters.forceFlush()]);
    },
    shutdown: async () => {
      await Promise.all([traces.shutdown(), meters.shutdown()]);
    },
  };
}

/** Processors and readers a host or a test adds to the providers this package starts. */
export interface PipelineExtras {
  readonly spanProcessors?: SpanProcessor[];
  /** Each gets the producer of the RPA metrics, to pass to its reader as `metricProducers`. */
  readonly metricReaders?: Array<(rpaMetrics: MetricProducer) => MetricReader>;
}

interface TracePart {
  tracer: Tracer;
  forceFlush(): Promise<void>;
  shutdown(): Promise<void>;
}

interface MeterPart {
  meter: Meter;
  backend: MetricBackend;
  metricsUrl(): string | undefined;
  metricsReady: Promise<string | undefined>;
  forceFlush(): Promise<void>;
  shutdown(): Promise<void>;
}

function hasGlobalTracerProvider(): boolean {
  const provider = trace.getTracerProvider();
  if (!(provider instanceof ProxyTracerProvider)) return true;
  return provider.getDelegate() !== new ProxyTracerProvider().getDelegate();
}

function hasGlobalMeterProvider(): boolean {
  return metrics.getMeterProvider().getMeter(INSTRUMENTATION_SCOPE, VERSION) !== createNoopMeter();
}

function adoptGlobalTracer(): TracePart {
  diag.info(
    '@rpa-analytics/instrumentation: using the tracer provider the host registered; ' +
      'add createRpaSpanProcessors() to it to feed the analyzer',
  );
  return {
    tracer: trace.getTracer(INSTRUMENTATION_SCOPE, VERSION),
    forceFlush: async () => {},
    shutdown: async () => {},
  };
}

function adoptGlobalMeter(): MeterPart {
  diag.info('@rpa-analytics/instrumentation: using the meter provider the host registered');
  const meter = metrics.getMeter(INSTRUMENTATION_SCOPE, VERSION);
  return {
    meter,
    backend: new SdkMetricBackend(meter),
    metricsUrl: () => undefined,
    metricsReady: Promise.resolve(undefined),
    forceFlush: async () => {},
    shutdown: async () => {},
  };
}

function startTracerProvider(
  config: InstrumentationConfig,
  resource: Resource,
  drops: DropCounter,
  extraProcessors: SpanProcessor[],
): TracePart {
  const provider = new NodeTracerProvider({
    resource,
    spanProcessors: [...createRpaSpanProcessors(config, drops), ...extraProcessors],
    spanLimits: { attributeValueLengthLimit: ATTRIBUTE_VALUE_LENGTH_LIMIT },
  });
  // Registered so that the executor's own spans nest under its executions and steps.
  provider.register();
  return {
    tracer: provider.getTracer(INSTRUMENTATION_SCOPE, VERSION),
    forceFlush: () => provider.forceFlush(),
    shutdown: async () => {
      await provider.shutdown();
      trace.disable();
    },
  };
}

function startMeterProvider(
  config: InstrumentationConfig,
  resource: Resource,
  extraReaders: Array<(rpaMetrics: MetricProducer) => MetricReader>,
): MeterPart {
  const prebound = new PreboundMetrics();
  const metricProducers = [prebound];
  const readers: MetricReader[] = extraReaders.map((createReader) => createReader(prebound));
  let server: MetricsServer | undefined;
  if (config.metricsPort >= 0) {
    const prometheus = new PrometheusExporter({ preventServerStart: true, metricProducers });
    server = new MetricsServer(prometheus, config.metricsPort, config.metricsHost);
    readers.push(prometheus);
  }
  const analyzerMetricsUrl = analyzerSignalUrl(config, ANALYZER.metricsPath);
  if (analyzerMetricsUrl) {
    readers.push(
      new PeriodicExportingMetricReader({
        exporter: new OTLPMetricExporter({ url: analyzerMetricsUrl, headers: { ...config.analyzerHeaders } }),
        metricProducers,
        exportIntervalMillis: ANALYZER_METRICS_INTERVAL_MS,
        exportTimeoutMillis: Math.min(config.exportTimeoutMs, ANALYZER_METRICS_INTERVAL_MS),
      }),
    );
  }
  const provider = new MeterProvider({
    resource,
    readers,
    views: [{ instrumentName: '*', aggregationCardinalityLimit: config.cardinalityLimit }],
  });
  metrics.setGlobalMeterProvider(provider);
  return {
    meter: provider.getMeter(INSTRUMENTATION_SCOPE, VERSION),
    backend: prebound,
    metricsUrl: () => server?.url,
    metricsReady: server?.ready ?? Promise.resolve(undefined),
    forceFlush: () => provider.forceFlush(),
    shutdown: async () => {
      await Promise.all([provider.shutdown(), server?.close()]);
      metrics.disable();
    },
  };
}
