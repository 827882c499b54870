import type { Meter, Tracer } from '@opentelemetry/api';
import { PrometheusExporter } from '@opentelemetry/exporter-prometheus';
import type { Resource } from '@opentelemetry/resources';
import {
  MeterProvider,
  PeriodicExportingMetricReader,
  type MetricProducer,
  type MetricReader,
} from '@opentelemetry/sdk-metrics';
import { AlwaysOnSampler, BasicTracerProvider, type SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { ANALYZER, INSTRUMENTATION_SCOPE } from '../conventions';
import { analyzerSignalUrl, type InstrumentationConfig } from '../config/config';
import { BoundedBatchSpanProcessor } from './bounded-batch-span-processor';
import { ensureContextManager } from './context-manager';
import type { DropCounter } from './drop-counter';
import type { MetricBackend } from './metric-backend';
import { MetricsServer } from './metrics-server';
import {
  createAnalyzerMetricDelegate,
  createAnalyzerSpanExporter,
  createOtlpSpanExporter,
} from './otlp-exporters';
import { PreboundMetrics } from './prebound-metrics';
import { ResourceGaugeExporter } from './resource-gauge-exporter';
import { buildExecutorResource } from './resource';
import { RpaSpanFilter } from './rpa-span-filter';
import { settlesWithin } from './settles-within';

const VERSION = '0.1.0';
/** Bounds a huge error message or target name instead of shipping it whole. */
const ATTRIBUTE_VALUE_LENGTH_LIMIT = 4096;

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
  /** Flushes for at most `config.shutdownGraceMs`, drops (and counts) what is left, and stops. */
  shutdown(): Promise<void>;
}

/**
 * Span processors exporting to the OpenTelemetry destination (Tempo) and to
 * the analyzer as configured, each bounded and counted; the analyzer's takes
 * `rpa.*` spans only. A host may add them to a tracer provider of its own.
 */
export function createRpaSpanProcessors(config: InstrumentationConfig, drops: DropCounter): SpanProcessor[] {
  return createExportProcessors(config, drops).map(({ processor, rpaOnly }) =>
    rpaOnly ? new RpaSpanFilter(processor) : processor,
  );
}

interface ExportProcessor {
  readonly processor: BoundedBatchSpanProcessor;
  readonly rpaOnly: boolean;
}

function createExportProcessors(config: InstrumentationConfig, drops: DropCounter): ExportProcessor[] {
  const processors: ExportProcessor[] = [];
  if (config.tracesUrl) {
    const exporter = createOtlpSpanExporter(config.tracesUrl, config.otlpProtocol);
    const processor = new BoundedBatchSpanProcessor(exporter, drops, {
      destination: 'tempo',
      maxQueueSize: config.otlpMaxQueueSize,
      maxExportBatchSize: config.otlpMaxExportBatchSize,
      scheduledDelayMs: config.otlpScheduledDelayMs,
      exportTimeoutMs: config.otlpExportTimeoutMs,
    });
    processors.push({ processor, rpaOnly: false });
  }
  const analyzerUrl = analyzerSignalUrl(config, ANALYZER.tracesPath);
  if (analyzerUrl) {
    const exporter = createAnalyzerSpanExporter(analyzerUrl, config.analyzerHeaders, config.exportTimeoutMs);
    const processor = new BoundedBatchSpanProcessor(exporter, drops, { ...config, destination: 'analyzer' });
    processors.push({ processor, rpaOnly: true });
  }
  return processors;
}

/** Processors and readers a host or a test adds to the providers this package starts. */
export interface PipelineExtras {
  readonly spanProcessors?: SpanProcessor[];
  /** Each gets the producer of the RPA metrics, to pass to its reader as `metricProducers`. */
  readonly metricReaders?: Array<(rpaMetrics: MetricProducer) => MetricReader>;
}

/**
 * Starts this package's own tracer and meter providers. They are never
 * registered globally, so that a host's OpenTelemetry SDK registers its own
 * before or after this one and both work; only a context manager is
 * installed where none is, for executions and steps to be the active spans
 * of the executor's code.
 */
export function startPipeline(
  config: InstrumentationConfig,
  drops: DropCounter,
  extras: PipelineExtras = {},
): Pipeline {
  ensureContextManager();
  const resource = buildExecutorResource();
  const exportProcessors = createExportProcessors(config, drops);
  const tracerProvider = new BasicTracerProvider({
    resource,
    // Every execution counts for the analysis: a host's OTEL_TRACES_SAMPLER is for its own spans.
    sampler: new AlwaysOnSampler(),
    spanProcessors: [...exportProcessors.map(({ processor }) => processor), ...(extras.spanProcessors ?? [])],
    spanLimits: { attributeValueLengthLimit: ATTRIBUTE_VALUE_LENGTH_LIMIT },
  });
  const meters = startMeterProvider(config, resource, extras.metricReaders ?? []);
  const stopAll = () => Promise.all([tracerProvider.shutdown(), meters.shutdown()]);
  return {
    tracer: tracerProvider.getTracer(INSTRUMENTATION_SCOPE, VERSION),
    meter: meters.meter,
    metricBackend: meters.backend,
    metricsUrl: meters.metricsUrl,
    metricsReady: meters.metricsReady,
    forceFlush: async () => {
      await Promise.all([tracerProvider.forceFlush(), meters.forceFlush()]);
    },
    shutdown: async () => {
      if (await settlesWithin(stopAll(), config.shutdownGraceMs)) return;
      for (const { processor } of exportProcessors)
        processor.abandon('not exported within the shutdown grace');
      await meters.close();
    },
  };
}

interface MeterPart {
  meter: Meter;
  backend: MetricBackend;
  metricsUrl(): string | undefined;
  metricsReady: Promise<string | undefined>;
  forceFlush(): Promise<void>;
  shutdown(): Promise<void>;
  /** Closes the Prometheus endpoint at once (after a shutdown that ran out of time). */
  close(): Promise<void>;
}

function startMeterProvider(
  config: InstrumentationConfig,
  resource: Resource,
  extraReaders: Array<(rpaMetrics: MetricProducer) => MetricReader>,
): MeterPart {
  const prebound = new PreboundMetrics();
  const readers: MetricReader[] = extraReaders.map((createReader) => createReader(prebound));
  let server: MetricsServer | undefined;
  if (config.metricsPort >= 0) {
    const prometheus = new PrometheusExporter({
      preventServerStart: true,
      metricProducers: [prebound],
      // One scope: its name and version on every series are a third of a scrape's bytes.
      withoutScopeInfo: true,
    });
    server = new MetricsServer(prometheus, config.metricsPort, config.metricsHost);
    readers.push(prometheus);
  }
  const analyzerMetricsUrl = analyzerSignalUrl(config, ANALYZER.metricsPath);
  if (analyzerMetricsUrl) {
    const delegate = createAnalyzerMetricDelegate(
      analyzerMetricsUrl,
      config.analyzerHeaders,
      config.metricExportTimeoutMs,
    );
    readers.push(
      new PeriodicExportingMetricReader({
        // No metricProducers: the RPA metrics are Prometheus's; the analyzer gets resource gauges only.
        exporter: new ResourceGaugeExporter(delegate),
        exportIntervalMillis: config.metricExportIntervalMs,
        exportTimeoutMillis: config.metricExportTimeoutMs,
      }),
    );
  }
  const provider = new MeterProvider({
    resource,
    readers,
    views: [{ instrumentName: '*', aggregationCardinalityLimit: config.cardinalityLimit }],
  });
  return {
    meter: provider.getMeter(INSTRUMENTATION_SCOPE, VERSION),
    backend: prebound,
    metricsUrl: () => server?.url,
    metricsReady: server?.ready ?? Promise.resolve(undefined),
    forceFlush: () => provider.forceFlush(),
    shutdown: async () => {
      await Promise.all([provider.shutdown(), server?.close()]);
    },
    close: async () => {
      await server?.close();
    },
  };
}
