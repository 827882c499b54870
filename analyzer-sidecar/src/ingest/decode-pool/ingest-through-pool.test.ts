import { Readable } from 'node:stream';
import { DEFAULT_INGEST, type IngestConfig } from '../../config/ingest-config';
import { BatchWriter } from '../../store/batch-writer';
import { DuckDbStore } from '../../store/duckdb/duckdb-store';
import { createAnalyzerMetrics } from '../../telemetry/analyzer-metrics';
import { CRASH_BODY, CRASHING_DECODE_WORKER } from '../../test-support/decode-workers';
import { executionSpecs, protobufBody, recordSpans } from '../../test-support/sdk-spans';
import { InflightBytes } from '../limits/inflight-bytes';
import { OtlpIngestor } from '../otlp-ingestor';
import { DecodePool } from './decode-pool';

const silent = { info: () => {}, warn: () => {}, error: () => {} };

async function setUp() {
  const config: IngestConfig = { ...DEFAULT_INGEST, flushIntervalMs: 5 };
  const store = await DuckDbStore.open(
    { path: ':memory:', memoryLimit: '256MB', threads: 1, tempDir: undefined },
    { log: silent },
  );
  const writer = new BatchWriter(store, config);
  const inflight = new InflightBytes(config.maxInflightBytes);
  const decoder = new DecodePool(1, config, CRASHING_DECODE_WORKER);
  const ingestor = new OtlpIngestor({
    writer,
    metrics: createAnalyzerMetrics(),
    config,
    inflight,
    loopLagMs: () => 0,
    decoder,
  });
  const close = async () => {
    await decoder.close();
    await writer.close();
    await store.close();
  };
  return { store, inflight, ingestor, close };
}

const post = (ingestor: OtlpIngestor, body: Buffer) =>
  ingestor.handle({
    signal: 'traces',
    contentType: 'application/x-protobuf',
    contentEncoding: undefined,
    body: Readable.from([body]),
  });

describe('OtlpIngestor through the decode pool', () => {
  it('answers 503 + Retry-After when the worker dies, stores nothing of that request, and the retry is stored once', async () => {
    const { store, inflight, ingestor, close } = await setUp();
    try {
      const body = protobufBody(recordSpans(executionSpecs('exec-1', 'wf', Date.UTC(2026, 0, 1), 3)));
      const others = [2, 3].map((n) =>
        protobufBody(recordSpans(executionSpecs(`exec-${n}`, 'wf', Date.UTC(2026, 0, 1), 3))),
      );
      // The crash between two requests queued on the one worker: only its own request fails.
      const [before, crashed, after] = await Promise.all([
        post(ingestor, others[0] as Buffer),
        post(ingestor, CRASH_BODY),
        post(ingestor, others[1] as Buffer),
      ]);
      expect([before.status, crashed.status, after.status]).toEqual([200, 503, 200]);
      expect(crashed.retryAfterSeconds).toBe(5);
      expect(crashed.body.toString('latin1')).toMatch(
        /decode worker exited .*nothing of this request was stored/,
      );
      expect(inflight.bytes).toBe(0);
      expect(await store.rowCounts()).toMatchObject({ executions: 2, steps: 6 });

      expect((await post(ingestor, body)).status).toBe(200);
      expect((await post(ingestor, body)).status).toBe(200); // an exporter's retry
      expect(await store.rowCounts()).toMatchObject({ executions: 3, steps: 9 });
    } finally {
      await close();
    }
  });
});
