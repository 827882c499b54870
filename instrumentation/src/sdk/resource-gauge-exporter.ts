import type { ExportResult } from '@opentelemetry/core';
import type { OTLPExporterBase } from '@opentelemetry/otlp-exporter-base';
import type { PushMetricExporter, ResourceMetrics } from '@opentelemetry/sdk-metrics';
import { RESOURCE_METRICS } from '../conventions';

const RESOURCE_GAUGE_NAMES: ReadonlySet<string> = new Set(Object.values(RESOURCE_METRICS).map((m) => m.name));

/**
 * Sends the analyzer the resource gauges and nothing else: the RPA histograms
 * are Prometheus's (the analyzer derives its own statistics from the spans),
 * and with them one export grew to megabytes.
 */
export class ResourceGaugeExporter implements PushMetricExporter {
  constructor(private readonly delegate: OTLPExporterBase<ResourceMetrics>) {}

  export(metrics: ResourceMetrics, resultCallback: (result: ExportResult) => void): void {
    this.delegate.export(onlyResourceGauges(metrics), resultCallback);
  }

  forceFlush(): Promise<void> {
    return this.delegate.forceFlush();
  }

  shutdown(): Promise<void> {
    return this.delegate.shutdown();
  }
}

/** The resource gauges of a collection, in the same resource and scopes. */
export function onlyResourceGauges(metrics: ResourceMetrics): ResourceMetrics {
  return {
    resource: metrics.resource,
    scopeMetrics: metrics.scopeMetrics
      .map((scope) => ({
        ...scope,
        metrics: scope.metrics.filter((metric) => RESOURCE_GAUGE_NAMES.has(metric.descriptor.name)),
      }))
      .filter((scope) => scope.metrics.length > 0),
  };
}
