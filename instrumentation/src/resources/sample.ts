/** One GPU as sampled; only GPUs that report utilization are sampled at all. */
export interface GpuSample {
  readonly id: string;
  readonly name: string;
  readonly utilizationPercent: number;
  readonly memoryUsedMb: number | undefined;
}

/**
 * One resource sample of the executor's machine. CPU and memory are
 * system-wide (an RPA executor drives other applications, whose load is the
 * bot's load); the executor process's own share is kept beside them.
 */
export interface ResourceSample {
  /** Epoch milliseconds. */
  readonly timestamp: number;
  readonly cpuPercent: number;
  readonly memoryMb: number;
  readonly processCpuPercent: number;
  readonly processMemoryMb: number;
  /** Cumulative bytes read and written by the machine's disks, where the OS reports them. */
  readonly diskReadBytes: number | undefined;
  readonly diskWriteBytes: number | undefined;
  /** Empty on a machine without a GPU that reports utilization: none, never zeros. */
  readonly gpus: readonly GpuSample[];
}

/** Where samples come from: a worker thread in production, any producer in tests. */
export interface ResourceSource {
  start(onSample: (sample: ResourceSample) => void, onError: (message: string) => void): void;
  stop(): Promise<void>;
}
