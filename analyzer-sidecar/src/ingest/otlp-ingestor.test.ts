import { Readable } from 'node:stream';
import { DEFAULT_INGEST, type IngestConfig } from '../config/ingest-config';
import type { InsertCounts } from '../store/store';
import { BatchWriter } from '../store/batch-writer';
import { createAnalyzerMetrics } from '../telemetry/analyzer-metrics';
import { executionSpecs, protobufBody, recordSpans } from '../test-support/sdk-spans';
import { InflightBytes } from './limits/inflight-bytes';
import { OtlpIngestor } from './otlp-ingestor';

const NONE: InsertCounts = { inserted: { executions: 0, steps: 0, recoveries: 0, resources: 0 } };

/** A store whose commits wait until `release()`; after it, they commit at once. */
function stalledStore() {
  const waiting: Array<() => void> = [];
  let released = false;
  return {
    insert: () =>
      released
        ? Promise.resolve(NONE)
        : new Promise<InsertCounts>((resolve) => waiting.push(() => resolve(NONE))),
    release: () => {
      released = true;
      waiting.splice(0).forEach((resolve) => resolve());
    },
  };
}

function ingestorWith(config: Partial<IngestConfig>, store: ConstructorParameters<typeof BatchWriter>[0]) {
  const full = { ...DEFAULT_INGEST, flushIntervalMs: 0, ...config };
  const writer = new BatchWriter(store, full);
  const inflight = new InflightBytes(full.maxInflightBytes);
  const ingestor = new OtlpIngestor({
    writer,
    metrics: createAnalyzerMetrics(),
    config: full,
    inflight,
    loopLagMs: () => 0,
  });
  return { ingestor, writer, inflight };
}

const body = protobufBody(recordSpans(executionSpecs('exec-a', 'wf-a', Date.UTC(2026, 11, 1), 2)));
const request = (payload: Buffer | Readable = body) => ({
  signal: 'traces' as const,
  contentType: 'application/x-protobuf',
  contentEncoding: undefined,
  body: payload instanceof Readable ? payload : Readable.from([payload]),
});

describe('OtlpIngestor admission', () => {
  it('answers 503 + Retry-After at the deadline, then sheds with 429 while commits wait, and recovers', async () => {
    const store = stalledStore();
    const { ingestor, writer, inflight } = ingestorWith(
      { answerDeadlineMs: 100, maxQueueDelayMs: 10 },
      store,
    );
    const first = await ingestor.handle(request());
    expect(first.status).toBe(503);
    expect(first.retryAfterSeconds).toBe(2);
    expect(first.body.toString('latin1')).toMatch(/not committed within 100 ms/);
    expect(inflight.bytes).toBe(0);
    const shed = await ingestor.handle(request());
    expect(shed.status).toBe(429);
    expect(shed.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(shed.body.toString('latin1')).toMatch(/commits wait \d+ ms/);
    store.release();
    await writer.flush();
    expect(writer.queueDelayMs()).toBe(0);
    expect((await ingestor.handle(request())).status).toBe(200);
  });

  it('answers 429 when the bytes in flight are at their bound, and gives them back', async () => {
    const store = stalledStore();
    const { ingestor, inflight } = ingestorWith({ maxInflightBytes: body.length + 10 }, store);
    const stream = new Readable({ read() {} });
    const pending = ingestor.handle(request(stream));
    stream.push(body);
    await new Promise((resolve) => setImmediate(resolve));
    expect(inflight.bytes).toBe(body.length);
    const refused = await ingestor.handle(request());
    expect(refused.status).toBe(429);
    expect(refused.body.toString('latin1')).toMatch(/request bytes/);
    store.release();
    stream.push(null);
    expect((await pending).status).toBe(200);
    expect(inflight.bytes).toBe(0);
  });
});

describe('OtlpIngestor group commit', () => {
  /** A store that commits at once and counts its commits and their rows. */
  function countingStore() {
    const commits: number[] = [];
    return {
      commits,
      insert: (batch: { executions: unknown[]; steps: unknown[] }) => {
        commits.push(batch.executions.length + batch.steps.length);
        return Promise.resolve(NONE);
      },
      release: () => undefined,
    };
  }
  // Far longer than the test may take: only "nothing else is on its way" can start these commits.
  const NEVER_MS = 3_600_000;

  it('commits a lone request at once instead of at the flush timer', async () => {
    const store = countingStore();
    const { ingestor } = ingestorWith({ flushIntervalMs: NEVER_MS }, store);
    expect((await ingestor.handle(request())).status).toBe(200);
    expect(store.commits).toEqual([3]);
  });

  it('waits for a request whose body is still arriving, then commits both together', async () => {
    const store = countingStore();
    const { ingestor } = ingestorWith({ flushIntervalMs: NEVER_MS }, store);
    const slow = new Readable({ read() {} });
    const first = ingestor.handle(request(slow));
    slow.push(body.subarray(0, 10));
    const second = ingestor.handle(request());
    for (let i = 0; i < 10; i++) await new Promise((resolve) => setImmediate(resolve));
    expect(store.commits).toEqual([]); // the second waits for the first, on its way
    slow.push(body.subarray(10));
    slow.push(null);
    expect((await first).status).toBe(200);
    expect((await second).status).toBe(200);
    expect(store.commits).toEqual([6]);
  });

  it('commits what waits when the request on its way is refused instead', async () => {
    const store = countingStore();
    const { ingestor } = ingestorWith({ flushIntervalMs: NEVER_MS }, store);
    const broken = new Readable({ read() {} });
    const refused = ingestor.handle(request(broken));
    broken.push(Buffer.from([0x0a, 0xff]));
    const accepted = ingestor.handle(request());
    for (let i = 0; i < 10; i++) await new Promise((resolve) => setImmediate(resolve));
    expect(store.commits).toEqual([]);
    broken.push(null);
    expect((await refused).status).toBe(400);
    expect((await accepted).status).toBe(200);
    expect(store.commits).toEqual([3]);
  });
});
