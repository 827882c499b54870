import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ResourceSample, ResourceSource } from './sample';

type WorkerMessage = { type: 'sample'; sample: ResourceSample } | { type: 'error'; message: string };

/** Samples resources with systeminformation in a worker thread, off the executor's event loop. */
export class WorkerResourceSource implements ResourceSource {
  private worker: Worker | undefined;

  constructor(private readonly intervalMs: number) {}

  start(onSample: (sample: ResourceSample) => void, onError: (message: string) => void): void {
    const worker = new Worker(join(__dirname, 'sample-worker.js'), {
      workerData: { intervalMs: this.intervalMs },
      // Not the executor's `--import …/register`: the sampler must not instrument itself.
      execArgv: [],
      // A small heap: the worker only holds one sample at a time.
      resourceLimits: { maxOldGenerationSizeMb: 32 },
    });
    worker.on('message', (message: WorkerMessage) => {
      if (message.type === 'sample') onSample(message.sample);
      else onError(message.message);
    });
    worker.on('error', (error) => onError(error.message));
    // After the listeners: adding a 'message' listener refs the worker again.
    worker.unref();
    this.worker = worker;
  }

  async stop(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    if (!worker) return;
    await worker.terminate();
  }
}
