import { context, TraceFlags, type Context } from '@opentelemetry/api';
import { ExportResultCode, suppressTracing } from '@opentelemetry/core';
import type { ReadableSpan, Span, SpanExporter, SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { DROP_REASON } from '../conventions';
import type { DropCounter } from './drop-counter';

export interface BoundedBatchOptions {
  readonly maxQueueSize: number;
  readonly maxExportBatchSize: number;
  readonly scheduledDelayMs: number;
  readonly exportTimeoutMs: number;
  /** Names the destination in drop messages ("tempo", "analyzer"). */
  readonly destination: string;
}

/**
 * A batch span processor whose queue has a hard bound and whose every loss is
 * counted: the SDK's own batch processor drops silently once full. `onEnd`
 * only pushes onto an array, so the executor never waits on I/O; one export
 * runs at a time, and a failed export drops its batch (the OTLP exporter has
 * already retried it) instead of growing the queue.
 */
export class BoundedBatchSpanProcessor implements SpanProcessor {
  private queue: ReadableSpan[] = [];
  private exporting: Promise<void> | undefined;
  /** The batch being exported; undefined once abandoned, so that its late failure is not counted twice. */
  private inFlight: ReadableSpan[] | undefined;
  private timer: NodeJS.Timeout | undefined;
  private shutDown = false;

  constructor(
    private readonly exporter: SpanExporter,
    private readonly drops: DropCounter,
    private readonly options: BoundedBatchOptions,
  ) {}

  onStart(_span: Span, _parentContext: Context): void {}

  onEnd(span: ReadableSpan): void {
    if (this.shutDown || (span.spanContext().traceFlags & TraceFlags.SAMPLED) === 0) return;
    if (this.queue.length >= this.options.maxQueueSize) {
      this.drops.report(
        DROP_REASON.queueFull,
        `span queue to ${this.options.destination} is full (${this.options.maxQueueSize}); spans are dropped`,
      );
      return;
    }
    this.queue.push(span);
    if (this.queue.length >= this.options.maxExportBatchSize) this.exportSoon(0);
    else this.exportSoon(this.options.scheduledDelayMs);
  }

  async forceFlush(): Promise<void> {
    this.clearTimer();
    while (this.exporting || this.queue.length > 0) {
      await (this.exporting ?? this.exportNextBatch());
    }
  }

  async shutdown(): Promise<void> {
    if (this.shutDown) return;
    await this.forceFlush();
    this.shutDown = true;
    await this.exporter.shutdown();
  }

  /**
   * Stops at once: the queued spans are dropped and counted (`export_failed`,
   * with `why`), and later spans are ignored. For a shutdown out of time.
   */
  abandon(why: string): void {
    this.clearTimer();
    this.shutDown = true;
    const left = this.queue.length + (this.inFlight?.length ?? 0);
    this.queue = [];
    this.inFlight = undefined;
    if (left > 0) this.countFailedExport(left, why);
  }

  /** Spans waiting for export (for tests and the health of the pipeline). */
  get queued(): number {
    return this.queue.length;
  }

  private exportSoon(delayMs: number): void {
    if (this.exporting) return;
    if (this.timer && delayMs > 0) return;
    this.clearTimer();
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.exportNextBatch();
    }, delayMs);
    this.timer.unref();
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private exportNextBatch(): Promise<void> {
    if (this.exporting) return this.exporting;
    if (this.queue.length === 0) return Promise.resolve();
    const batch = this.queue.splice(0, this.options.maxExportBatchSize);
    this.inFlight = batch;
    this.exporting = this.exportBatch(batch).finally(() => {
      this.exporting = undefined;
      if (this.inFlight === batch) this.inFlight = undefined;
      if (this.queue.length > 0 && !this.shutDown) {
        this.exportSoon(
          this.queue.length >= this.options.maxExportBatchSize ? 0 : this.options.scheduledDelayMs,
        );
      }
    });
    return this.exporting;
  }

  private async exportBatch(batch: ReadableSpan[]): Promise<void> {
    await settleResourceAttributes(batch);
    return new Promise<void>((resolveExport) => {
      let settled = false;
      const settle = (failure?: string): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timeout);
        if (failure !== undefined && this.inFlight === batch) this.countFailedExport(batch.length, failure);
        resolveExport();
      };
      const timeout = setTimeout(() => settle('timed out'), this.options.exportTimeoutMs);
      timeout.unref();
      // The exporter's own HTTP requests must not become spans of their own.
      context.with(suppressTracing(context.active()), () => {
        try {
          this.exporter.export(batch, (result) =>
            settle(
              result.code === ExportResultCode.SUCCESS ? undefined : (result.error?.message ?? 'failed'),
            ),
          );
        } catch (error) {
          settle(String((error as Error)?.message ?? error));
        }
      });
    });
  }

  private countFailedExport(count: number, why: string): void {
    this.drops.report(DROP_REASON.exportFailed, `export to ${this.options.destination} failed`, count, why);
  }
}

/** Resource detectors may resolve attributes later (host.id); the exporter must see them settled. */
async function settleResourceAttributes(batch: ReadableSpan[]): Promise<void> {
  const pending = new Set(
    batch.map((span) => span.resource).filter((resource) => resource.asyncAttributesPending),
  );
  await Promise.all(
    [...pending].map((resource) => resource.waitForAsyncAttributes?.().catch(() => undefined)),
  );
}
