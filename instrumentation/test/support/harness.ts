import type { Attributes } from '@opentelemetry/api';
import { MetricReader, type DataPoint, type Histogram } from '@opentelemetry/sdk-metrics';
import { InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { createRpa, type Rpa, type RpaOptions } from '../../src';
import type { ResourceSample, ResourceSource } from '../../src/resources/sample';

/** A metric reader that collects on demand, the SDK's way of reading metrics in tests. */
export class OnDemandMetricReader extends MetricReader {
  protected override async onForceFlush(): Promise<void> {}
  protected override async onShutdown(): Promise<void> {}
}

/** A resource source fed by the test: the tracker under test sees what a worker would send. */
export class PushedResourceSource implements ResourceSource {
  private onSample: ((sample: ResourceSample) => void) | undefined;
  start(onSample: (sample: ResourceSample) => void): void {
    this.onSample = onSample;
  }
  push(sample: ResourceSample): void {
    this.onSample?.(sample);
  }
  async stop(): Promise<void> {}
}

export interface Harness {
  rpa: Rpa;
  spans: InMemorySpanExporter;
  reader: OnDemandMetricReader;
  resources: PushedResourceSource;
  /** Flushes, then returns the finished spans (named `name`, when given). */
  finished(name?: string): Promise<ReadableSpan[]>;
  close(): Promise<void>;
}

/** A real SDK pipeline with in-memory exporters and no network. */
export function createHarness(options: RpaOptions = {}): Harness {
  const spans = new InMemorySpanExporter();
  let reader: OnDemandMetricReader | undefined;
  const resources = new PushedResourceSource();
  const rpa = createRpa({
    metricsPort: -1,
    flushOnSignals: false,
    resourceSource: resources,
    spanProcessors: [new SimpleSpanProcessor(spans)],
    metricReaders: [(rpaMetrics) => (reader = new OnDemandMetricReader({ metricProducers: [rpaMetrics] }))],
    ...options,
  }).start();
  if (!reader) throw new Error('the metric reader was not created');
  return {
    rpa,
    spans,
    reader,
    resources,
    finished: async (name) => {
      // Resource attributes are detected asynchronously; export waits for them.
      await rpa.forceFlush();
      return spans.getFinishedSpans().filter((s) => !name || s.name === name);
    },
    close: () => rpa.shutdown(),
  };
}

/** Collects every metric once and returns data points by metric name. */
export async function collectMetrics(
  reader: MetricReader,
): Promise<Map<string, Array<DataPoint<number | Histogram>>>> {
  const { resourceMetrics } = await reader.collect();
  const byName = new Map<string, Array<DataPoint<number | Histogram>>>();
  for (const scope of resourceMetrics.scopeMetrics) {
    for (const metric of scope.metrics) {
      byName.set(metric.descriptor.name, metric.dataPoints as Array<DataPoint<number | Histogram>>);
    }
  }
  return byName;
}

/** Sums a counter's points whose attributes include `match`. */
export function sumPoints(
  points: Array<DataPoint<number | Histogram>> | undefined,
  match: Attributes = {},
): number {
  return (points ?? [])
    .filter((p) => Object.entries(match).every(([k, v]) => p.attributes[k] === v))
    .reduce((sum, p) => sum + (typeof p.value === 'number' ? p.value : p.value.count), 0);
}
