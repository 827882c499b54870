import { ExportResultCode, type ExportResult } from '@opentelemetry/core';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  type ReadableSpan,
  type SpanExporter,
} from '@opentelemetry/sdk-trace-base';
import { BoundedBatchSpanProcessor } from '../src/sdk/bounded-batch-span-processor';
import { DropCounter } from '../src/sdk/drop-counter';

/** An exporter that holds each export until the test releases it. */
class GatedExporter implements SpanExporter {
  readonly exported: ReadableSpan[][] = [];
  private pending: Array<() => void> = [];
  constructor(private readonly result: ExportResultCode = ExportResultCode.SUCCESS) {}
  export(spans: ReadableSpan[], done: (result: ExportResult) => void): void {
    this.exported.push(spans);
    this.pending.push(() =>
      done({ code: this.result, error: this.result ? new Error('receiver down') : undefined }),
    );
  }
  release(): void {
    const pending = this.pending;
    this.pending = [];
    pending.forEach((release) => release());
  }
  async shutdown(): Promise<void> {}
}

const options = {
  maxQueueSize: 10,
  maxExportBatchSize: 4,
  scheduledDelayMs: 60_000,
  exportTimeoutMs: 60_000,
  destination: 'test',
};

function endSpans(processor: BoundedBatchSpanProcessor, count: number): void {
  const tracer = new BasicTracerProvider({ spanProcessors: [processor] }).getTracer('t');
  for (let i = 0; i < count; i += 1) tracer.startSpan(`s${i}`).end();
}

describe('BoundedBatchSpanProcessor', () => {
  it('exports full batches without waiting for the timer, one export at a time', async () => {
    const exporter = new GatedExporter();
    const processor = new BoundedBatchSpanProcessor(exporter, new DropCounter(), options);
    endSpans(processor, 9);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(exporter.exported.map((b) => b.length)).toEqual([4]);
    exporter.release();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(exporter.exported.map((b) => b.length)).toEqual([4, 4]);
  });

  it('never holds more than maxQueueSize spans and counts every drop', async () => {
    const exporter = new GatedExporter();
    const drops = new DropCounter();
    const processor = new BoundedBatchSpanProcessor(exporter, drops, options);
    endSpans(processor, 100);
    expect(processor.queued).toBeLessThanOrEqual(options.maxQueueSize);
    const exportedOrQueued = exporter.exported.flat().length + processor.queued;
    expect(drops.get('queue_full')).toBe(100 - exportedOrQueued);
  });

  it('counts the spans of a failed export as export_failed', async () => {
    const exporter = new GatedExporter(ExportResultCode.FAILED);
    const drops = new DropCounter();
    const processor = new BoundedBatchSpanProcessor(exporter, drops, options);
    endSpans(processor, 6);
    const flushed = processor.forceFlush();
    for (let i = 0; i < 5; i += 1) {
      exporter.release();
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await flushed;
    expect(drops.get('export_failed')).toBe(6);
  });

  it('forceFlush exports everything queued', async () => {
    const exporter = new InMemorySpanExporter();
    const processor = new BoundedBatchSpanProcessor(exporter, new DropCounter(), options);
    endSpans(processor, 7);
    await processor.forceFlush();
    expect(exporter.getFinishedSpans()).toHaveLength(7);
    expect(processor.queued).toBe(0);
  });

  it('counts an export that never answers as failed after the export timeout', async () => {
    const exporter = new GatedExporter();
    const drops = new DropCounter();
    const processor = new BoundedBatchSpanProcessor(exporter, drops, { ...options, exportTimeoutMs: 20 });
    endSpans(processor, 4);
    await processor.forceFlush();
    expect(drops.get('export_failed')).toBe(4);
    exporter.release();
    expect(drops.get('export_failed')).toBe(4);
  });
});
