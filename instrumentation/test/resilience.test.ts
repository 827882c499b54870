import { createServer, type Socket } from 'node:net';
import { createRpa } from '../src';
import { METRICS } from '../src/conventions';

/** A port nothing listens on: bound, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('with no analyzer and no Tempo reachable', () => {
  it('an executor of 10,000 steps finishes, memory stays bounded and drops are counted', async () => {
    const port = await closedPort();
    const rpa = createRpa({
      analyzerUrl: `http://127.0.0.1:${port}`,
      tracesUrl: `http://127.0.0.1:${port}/v1/traces`,
      metricsPort: -1,
      resourceIntervalMs: 0,
      maxQueueSize: 1000,
      scheduledDelayMs: 50,
      exportTimeoutMs: 2000,
      otlpMaxQueueSize: 1000,
      otlpScheduledDelayMs: 50,
      otlpExportTimeoutMs: 2000,
    });
    global.gc?.();
    const heapBefore = process.memoryUsage().heapUsed;
    let peakHeap = 0;
    for (let e = 0; e < 100; e += 1) {
      await rpa.trackExecution({ workflowId: `wf-${e % 5}` }, async (execution) => {
        for (let s = 0; s < 100; s += 1) {
          const step = execution.startStep({ nodeId: `n${s}`, actionType: 'click', targetElement: 'button' });
          step.setConfidence(0.9);
          step.end();
        }
      });
      peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
      await new Promise((resolve) => setImmediate(resolve));
    }
    await rpa.shutdown();
    const dropped = rpa.droppedTelemetry();
    // 10,200 spans (10,000 steps, 100 executions, 100 start markers) went to two destinations that never
    // answer: every one is queued then failed, dropped, or left at the end of the shutdown grace.
    expect((dropped.queue_full ?? 0) + (dropped.export_failed ?? 0)).toBe(2 * 10_200);
    expect(dropped.queue_full).toBeGreaterThan(0);
    expect(peakHeap - heapBefore).toBeLessThan(64 * 1024 * 1024);
    expect(METRICS.telemetryDropped.name).toBe('rpa_telemetry_dropped_total');
  });
});

describe('shutdown with an analyzer that never answers', () => {
  it('returns within its grace and counts what it could not export', async () => {
    const sockets = new Set<Socket>();
    const blackHole = createServer((socket) => sockets.add(socket));
    await new Promise<void>((resolve) => blackHole.listen(0, '127.0.0.1', resolve));
    const { port } = blackHole.address() as { port: number };
    try {
      const rpa = createRpa({
        analyzerUrl: `http://127.0.0.1:${port}`,
        metricsPort: -1,
        resourceIntervalMs: 0,
        flushOnSignals: false,
        // Exports that would wait two minutes; the shutdown may wait a fifth of a second.
        exportTimeoutMs: 120_000,
        shutdownGraceMs: 200,
      });
      rpa.startExecution({ workflowId: 'stuck' }).end();
      await rpa.shutdown();
      expect(rpa.droppedTelemetry().export_failed).toBe(2);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => blackHole.close(resolve));
    }
  });
});
