/** Clusters the hot executions by workflow now and then (see cluster-by-workflow); runs never overlap. */
import type { DuckDbStore } from '../duckdb-store';
import { DEFAULT_CLUSTERING, type ClusteringOutcome } from './cluster-by-workflow';

export interface ClusteringJobOptions {
  /** How often to check whether a compaction is due; 0 disables the job. */
  readonly intervalMs: number;
  readonly onOutcome: (outcome: ClusteringOutcome) => void;
  readonly onError: (error: unknown) => void;
}

export class ClusteringJob {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly store: DuckDbStore,
    private readonly options: ClusteringJobOptions,
  ) {}

  start(): void {
    if (this.options.intervalMs <= 0 || this.timer) return;
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = this.store
        .clusterByWorkflow(DEFAULT_CLUSTERING)
        .then(this.options.onOutcome, this.options.onError)
        .finally(() => {
          this.running = undefined;
        });
    }, this.options.intervalMs);
    this.timer.unref();
  }

  /** Stops the timer and waits for a run in progress (before the store closes). */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }
}
