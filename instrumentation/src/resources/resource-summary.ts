import type { Attributes } from '@opentelemetry/api';
import { RESOURCE_ATTR } from '../conventions';
import type { ResourceSample } from './sample';

/** What one execution used, over the samples taken while it ran. */
export interface ResourceSummary {
  readonly cpuPercentAvg: number;
  readonly cpuPercentMax: number;
  readonly memoryMbMax: number;
  /** Absent on machines without a GPU. */
  readonly gpuUtilizationMax?: number;
  readonly gpuMemoryMbMax?: number;
  /** Absent where the OS reports no disk counters. */
  readonly diskIoMb?: number;
}

const BYTES_PER_MB = 1024 * 1024;

/**
 * Accumulates samples for one execution in constant memory: an execution of
 * hours keeps its summary, not its samples.
 */
export class ResourceWindow {
  private count = 0;
  private cpuSum = 0;
  private cpuMax = -Infinity;
  private memoryMax = -Infinity;
  private gpuUtilizationMax: number | undefined;
  private gpuMemoryMax: number | undefined;
  private firstDisk: number | undefined;
  private lastDisk: number | undefined;
  private lastTimestamp = -Infinity;

  add(sample: ResourceSample): void {
    if (sample.timestamp <= this.lastTimestamp) return;
    this.lastTimestamp = sample.timestamp;
    this.count += 1;
    this.cpuSum += sample.cpuPercent;
    this.cpuMax = Math.max(this.cpuMax, sample.cpuPercent);
    this.memoryMax = Math.max(this.memoryMax, sample.memoryMb);
    for (const gpu of sample.gpus) {
      this.gpuUtilizationMax = Math.max(this.gpuUtilizationMax ?? -Infinity, gpu.utilizationPercent);
      if (gpu.memoryUsedMb !== undefined) {
        this.gpuMemoryMax = Math.max(this.gpuMemoryMax ?? -Infinity, gpu.memoryUsedMb);
      }
    }
    const disk = diskTotal(sample);
    if (disk !== undefined) {
      this.firstDisk ??= disk;
      this.lastDisk = disk;
    }
  }

  /** The summary, or undefined when no sample was taken while the window was open. */
  summary(): ResourceSummary | undefined {
    if (this.count === 0) return undefined;
    return {
      cpuPercentAvg: this.cpuSum / this.count,
      cpuPercentMax: this.cpuMax,
      memoryMbMax: this.memoryMax,
      ...(this.gpuUtilizationMax !== undefined && { gpuUtilizationMax: this.gpuUtilizationMax }),
      ...(this.gpuMemoryMax !== undefined && { gpuMemoryMbMax: this.gpuMemoryMax }),
      ...(this.firstDisk !== undefined &&
        this.lastDisk !== undefined && {
          diskIoMb: Math.max(0, this.lastDisk - this.firstDisk) / BYTES_PER_MB,
        }),
    };
  }
}

/** Summarizes a list of samples (the pure form of {@link ResourceWindow}). */
export function summarizeResourceSamples(samples: readonly ResourceSample[]): ResourceSummary | undefined {
  const window = new ResourceWindow();
  for (const sample of [...samples].sort((a, b) => a.timestamp - b.timestamp)) window.add(sample);
  return window.summary();
}

/** The execution span attributes (`rpa.resource.*`) of a summary. */
export function resourceSummaryAttributes(summary: ResourceSummary | undefined): Attributes {
  if (!summary) return {};
  const attributes: Attributes = {
    [RESOURCE_ATTR.cpuPercentAvg]: round(summary.cpuPercentAvg),
    [RESOURCE_ATTR.cpuPercentMax]: round(summary.cpuPercentMax),
    [RESOURCE_ATTR.memoryMbMax]: round(summary.memoryMbMax),
  };
  if (summary.gpuUtilizationMax !== undefined)
    attributes[RESOURCE_ATTR.gpuUtilizationMax] = round(summary.gpuUtilizationMax);
  if (summary.gpuMemoryMbMax !== undefined)
    attributes[RESOURCE_ATTR.gpuMemoryMbMax] = round(summary.gpuMemoryMbMax);
  if (summary.diskIoMb !== undefined) attributes[RESOURCE_ATTR.diskIoMb] = round(summary.diskIoMb);
  return attributes;
}

function diskTotal(sample: ResourceSample): number | undefined {
  if (sample.diskReadBytes === undefined || sample.diskWriteBytes === undefined) return undefined;
  return sample.diskReadBytes + sample.diskWriteBytes;
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
