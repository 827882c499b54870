/** Resource gauges recorded by the real metrics SDK, as the instrumentation exports them. */
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  AggregationTemporality,
  MeterProvider,
  PeriodicExportingMetricReader,
  type PushMetricExporter,
  type ResourceMetrics,
} from '@opentelemetry/sdk-metrics';
import { RESOURCE_METRIC_ATTR, RESOURCE_METRICS } from '@rpa-analytics/conventions';

const MB = 1024 * 1024;

export async function recordResourceGauges(): Promise<ResourceMetrics> {
  let captured: ResourceMetrics | undefined;
  const exporter: PushMetricExporter = {
    export(metrics, done) {
      captured = metrics;
      done({ code: 0 });
    },
    forceFlush: async () => {},
    shutdown: async () => {},
    selectAggregationTemporality: () => AggregationTemporality.CUMULATIVE,
  };
  const reader = new PeriodicExportingMetricReader({ exporter, exportIntervalMillis: 60_000 });
  const provider = new MeterProvider({
    resource: resourceFromAttributes({ 'service.instance.id': 'bot-7' }),
    readers: [reader],
  });
  const meter = provider.getMeter('test');
  meter.createObservableGauge(RESOURCE_METRICS.systemCpuUtilization.name).addCallback((r) => r.observe(0.42));
  meter
    .createObservableGauge(RESOURCE_METRICS.systemMemoryUsage.name)
    .addCallback((r) => r.observe(512 * MB, { [RESOURCE_METRIC_ATTR.memoryState]: 'used' }));
  meter.createObservableGauge(RESOURCE_METRICS.gpuUtilization.name).addCallback((r) => {
    r.observe(0.3, { [RESOURCE_METRIC_ATTR.hwId]: 'gpu0' });
    r.observe(0.9, { [RESOURCE_METRIC_ATTR.hwId]: 'gpu1' });
  });
  meter.createObservableCounter(RESOURCE_METRICS.systemDiskIo.name).addCallback((r) => {
    r.observe(3 * MB, { [RESOURCE_METRIC_ATTR.diskDirection]: 'read' });
    r.observe(1 * MB, { [RESOURCE_METRIC_ATTR.diskDirection]: 'write' });
  });
  await provider.forceFlush();
  await provider.shutdown();
  if (!captured) throw new Error('nothing exported');
  return captured;
}
