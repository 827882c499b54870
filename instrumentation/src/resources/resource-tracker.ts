import type { Meter, ObservableResult } from '@opentelemetry/api';
import { DROP_REASON, RESOURCE_METRIC_ATTR, RESOURCE_METRICS } from '../conventions';
import type { DropCounter } from '../sdk/drop-counter';
import { ResourceWindow } from './resource-summary';
import type { ResourceSample, ResourceSource } from './sample';

const BYTES_PER_MB = 1024 * 1024;

/**
 * Keeps the latest resource sample for the gauges and feeds every open
 * execution window. The work per sample is one pass over the open windows.
 */
export class ResourceTracker {
  private latestSample: ResourceSample | undefined;
  private readonly windows = new Set<ResourceWindow>();

  constructor(
    private readonly source: ResourceSource,
    private readonly drops: DropCounter,
  ) {}

  start(): void {
    this.source.start(
      (sample) => this.onSample(sample),
      (message) =>
        this.drops.report(DROP_REASON.resourceSampleFailed, 'a resource sample failed', 1, message),
    );
  }

  stop(): Promise<void> {
    return this.source.stop();
  }

  get latest(): ResourceSample | undefined {
    return this.latestSample;
  }

  /** Opens a window for one execution, seeded with the latest sample. */
  openWindow(): ResourceWindow {
    const window = new ResourceWindow();
    if (this.latestSample) window.add(this.latestSample);
    this.windows.add(window);
    return window;
  }

  /** Closes a window; the latest sample counts, so short executions get a summary too. */
  closeWindow(window: ResourceWindow): ResourceWindow {
    this.windows.delete(window);
    if (this.latestSample) window.add(this.latestSample);
    return window;
  }

  /** Registers the semantic-convention gauges, read from the latest sample at collection. */
  registerGauges(meter: Meter): void {
    const gauge = (
      name: string,
      unit: string,
      read: (result: ObservableResult, sample: ResourceSample) => void,
    ) =>
      meter.createObservableGauge(name, { unit }).addCallback((result) => {
        if (this.latestSample) read(result, this.latestSample);
      });
    gauge(RESOURCE_METRICS.systemCpuUtilization.name, '1', (r, s) => r.observe(s.cpuPercent / 100));
    gauge(RESOURCE_METRICS.systemMemoryUsage.name, 'By', (r, s) =>
      r.observe(s.memoryMb * BYTES_PER_MB, { [RESOURCE_METRIC_ATTR.memoryState]: 'used' }),
    );
    gauge(RESOURCE_METRICS.processCpuUtilization.name, '1', (r, s) => r.observe(s.processCpuPercent / 100));
    gauge(RESOURCE_METRICS.processMemoryUsage.name, 'By', (r, s) =>
      r.observe(s.processMemoryMb * BYTES_PER_MB),
    );
    gauge(RESOURCE_METRICS.gpuUtilization.name, '1', (r, s) => {
      for (const gpu of s.gpus) r.observe(gpu.utilizationPercent / 100, gpuAttributes(gpu));
    });
    gauge(RESOURCE_METRICS.gpuMemoryUsage.name, 'By', (r, s) => {
      for (const gpu of s.gpus) {
        if (gpu.memoryUsedMb !== undefined) r.observe(gpu.memoryUsedMb * BYTES_PER_MB, gpuAttributes(gpu));
      }
    });
    meter
      .createObservableCounter(RESOURCE_METRICS.systemDiskIo.name, { unit: 'By' })
      .addCallback((result) => {
        const s = this.latestSample;
        if (s?.diskReadBytes === undefined || s.diskWriteBytes === undefined) return;
        result.observe(s.diskReadBytes, { [RESOURCE_METRIC_ATTR.diskDirection]: 'read' });
        result.observe(s.diskWriteBytes, { [RESOURCE_METRIC_ATTR.diskDirection]: 'write' });
      });
  }

  private onSample(sample: ResourceSample): void {
    this.latestSample = sample;
    for (const window of this.windows) window.add(sample);
  }
}

function gpuAttributes(gpu: ResourceSample['gpus'][number]) {
  return { [RESOURCE_METRIC_ATTR.hwId]: gpu.id, [RESOURCE_METRIC_ATTR.hwName]: gpu.name };
}
