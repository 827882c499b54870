import { WorkerResourceSource } from '../src/resources/worker-resource-source';
import type { ResourceSample } from '../src/resources/sample';
import { createRpa } from '../src';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { RESOURCE_ATTR, SPAN_NAMES } from '../src/conventions';

describe('the systeminformation sampler (worker thread, real machine)', () => {
  it('delivers samples with CPU and memory, and GPUs only where one reports', async () => {
    const source = new WorkerResourceSource(200);
    const samples: ResourceSample[] = [];
    const errors: string[] = [];
    source.start(
      (sample) => samples.push(sample),
      (message) => errors.push(message),
    );
    const deadline = Date.now() + 15_000;
    while (samples.length < 2 && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 100));
    await source.stop();
    expect(errors).toEqual([]);
    expect(samples.length).toBeGreaterThanOrEqual(2);
    for (const sample of samples) {
      expect(sample.cpuPercent).toBeGreaterThanOrEqual(0);
      expect(sample.cpuPercent).toBeLessThanOrEqual(100);
      expect(sample.memoryMb).toBeGreaterThan(0);
      expect(sample.processMemoryMb).toBeGreaterThan(0);
      expect(Array.isArray(sample.gpus)).toBe(true);
      for (const gpu of sample.gpus) expect(gpu.utilizationPercent).toBeGreaterThanOrEqual(0);
    }
  });

  it('summarizes real samples onto an execution span', async () => {
    const spans = new InMemorySpanExporter();
    const rpa = createRpa({
      metricsPort: -1,
      resourceIntervalMs: 100,
      spanProcessors: [new SimpleSpanProcessor(spans)],
    });
    const execution = rpa.startExecution({ workflowId: 'wf' });
    await new Promise((resolve) => setTimeout(resolve, 3000));
    execution.end();
    await rpa.forceFlush();
    // The in-memory exporter forgets its spans on shutdown: read them first.
    const span = spans.getFinishedSpans().find((s) => s.name === SPAN_NAMES.execution);
    await rpa.shutdown();
    expect(span?.attributes[RESOURCE_ATTR.cpuPercentAvg]).toEqual(expect.any(Number));
    expect(span?.attributes[RESOURCE_ATTR.memoryMbMax]).toBeGreaterThan(0);
  });
});
