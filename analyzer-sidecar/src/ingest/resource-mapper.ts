/**
 * Turns the executor's resource gauges (OpenTelemetry semantic-convention names,
 * see the conventions' RESOURCE_METRICS) into resource samples: one record per
 * executor instance and second that has both CPU and memory.
 */
import { RESOURCE_IDENTITY_ATTR, RESOURCE_METRIC_ATTR, RESOURCE_METRICS } from '@rpa-analytics/conventions';
import type { ResourceRecord } from '../model/records';
import type { DecodedResourceMetrics } from './otlp-types';

const BYTES_PER_MB = 1024 * 1024;

interface Sample {
  timeMs: number;
  cpu?: number;
  memoryBytes?: number;
  gpuUtilization?: number;
  gpuMemoryBytes?: number;
  diskBytes?: number;
}

export function mapResourceMetrics(resourceMetrics: readonly DecodedResourceMetrics[]): ResourceRecord[] {
  const records: ResourceRecord[] = [];
  for (const { resource, metrics } of resourceMetrics) {
    const instance = resource[RESOURCE_IDENTITY_ATTR.serviceInstanceId];
    const samples = new Map<number, Sample>();
    for (const metric of metrics) {
      for (const point of metric.points) {
        if (!Number.isFinite(point.value) || point.timeMs <= 0) continue;
        // Gauges of one collection carry (nearly) the same time: one sample per second.
        const second = Math.floor(point.timeMs / 1000);
        const sample = samples.get(second) ?? { timeMs: point.timeMs };
        sample.timeMs = Math.max(sample.timeMs, point.timeMs);
        samples.set(second, sample);
        addPoint(sample, metric.name, point.value, point.attributes);
      }
    }
    for (const sample of samples.values()) {
      if (sample.cpu === undefined || sample.memoryBytes === undefined) continue;
      records.push({
        timestamp: sample.timeMs,
        service_instance_id: typeof instance === 'string' ? instance : null,
        workflow_id: null,
        execution_id: null,
        cpu_percent: sample.cpu * 100,
        memory_mb: sample.memoryBytes / BYTES_PER_MB,
        gpu_utilization: sample.gpuUtilization === undefined ? null : sample.gpuUtilization * 100,
        gpu_memory_mb: sample.gpuMemoryBytes === undefined ? null : sample.gpuMemoryBytes / BYTES_PER_MB,
        disk_io_mb: sample.diskBytes === undefined ? null : sample.diskBytes / BYTES_PER_MB,
      });
    }
  }
  return records;
}

function addPoint(sample: Sample, name: string, value: number, attributes: Record<string, unknown>): void {
  switch (name) {
    case RESOURCE_METRICS.systemCpuUtilization.name:
      sample.cpu = value;
      break;
    case RESOURCE_METRICS.systemMemoryUsage.name: {
      const state = attributes[RESOURCE_METRIC_ATTR.memoryState];
      if (state === undefined || state === 'used') sample.memoryBytes = value;
      break;
    }
    case RESOURCE_METRICS.gpuUtilization.name:
      // Several GPUs: the busiest one, as the execution summary does.
      sample.gpuUtilization = Math.max(sample.gpuUtilization ?? 0, value);
      break;
    case RESOURCE_METRICS.gpuMemoryUsage.name:
      sample.gpuMemoryBytes = (sample.gpuMemoryBytes ?? 0) + value;
      break;
    case RESOURCE_METRICS.systemDiskIo.name:
      // Cumulative bytes read plus written since the executor started.
      sample.diskBytes = (sample.diskBytes ?? 0) + value;
      break;
    default:
  }
}
