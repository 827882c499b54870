/** OTLP ingestion settings: body and decoding limits, memory in flight, admission, decode workers, group commit. */
import { availableParallelism } from 'node:os';
import { DEFAULT_DECODE_LIMITS, type DecodeLimits } from '../ingest/limits/decode-limits';
import type { ConfigSource } from './config-source';

export interface IngestConfig extends DecodeLimits {
  /** Largest request body as sent (compressed or not). */
  readonly maxBodyBytes: number;
  /** Largest body after gzip decompression, enforced while streaming. */
  readonly maxDecompressedBytes: number;
  /**
   * Decompressed bytes of all requests being read, decoded or committed at once;
   * a request past it is answered 429 + Retry-After (one request is always let in).
   */
  readonly maxInflightBytes: number;
  /**
   * Worker threads that decode bodies and map spans (ingest/decode-pool), off
   * the main thread; 0 decodes on the main thread.
   */
  readonly decodeWorkers: number;
  /** Requests are shed (429 + Retry-After) while commits or the event loop lag more than this. */
  readonly maxQueueDelayMs: number;
  /** A request not committed by then is answered 503 + Retry-After, before exporters time out (10 s). */
  readonly answerDeadlineMs: number;
  /** How long the writer waits to group requests into one commit. */
  readonly flushIntervalMs: number;
  /** Rows that trigger a flush before the interval. */
  readonly maxBatchRows: number;
  /** Rows waiting for a commit beyond which requests are shed with 429. */
  readonly maxPendingRows: number;
}

export const DEFAULT_INGEST: IngestConfig = {
  maxBodyBytes: 16 * 1024 * 1024,
  maxDecompressedBytes: 64 * 1024 * 1024,
  ...DEFAULT_DECODE_LIMITS,
  maxInflightBytes: 128 * 1024 * 1024,
  // One core is the main thread's (HTTP, commits); decoding takes at most a few of the others.
  decodeWorkers: Math.min(4, Math.max(1, availableParallelism() - 1)),
  maxQueueDelayMs: 2_000,
  answerDeadlineMs: 5_000,
  flushIntervalMs: 20,
  maxBatchRows: 20_000,
  maxPendingRows: 200_000,
};

type IntegerKey = keyof IngestConfig;

/** [file key, environment suffix after RPA_ANALYZER_, min, max] */
const BOUNDS: ReadonlyArray<readonly [IntegerKey, string, number, number]> = [
  ['maxBodyBytes', 'MAX_BODY_BYTES', 1024, 2 ** 31],
  ['maxDecompressedBytes', 'MAX_DECOMPRESSED_BYTES', 1024, 2 ** 31],
  ['maxDecodedObjects', 'MAX_DECODED_OBJECTS', 100, 100_000_000],
  ['maxSpans', 'MAX_SPANS', 1, 10_000_000],
  ['maxAttributes', 'MAX_ATTRIBUTES', 1, 1_000_000],
  ['maxAttributeValueBytes', 'MAX_ATTRIBUTE_VALUE_BYTES', 64, 2 ** 30],
  ['maxNestingDepth', 'MAX_NESTING_DEPTH', 0, 64],
  ['maxInflightBytes', 'MAX_INFLIGHT_BYTES', 1024, 2 ** 40],
  ['decodeWorkers', 'DECODE_WORKERS', 0, 64],
  ['maxQueueDelayMs', 'MAX_QUEUE_DELAY_MS', 10, 600_000],
  ['answerDeadlineMs', 'ANSWER_DEADLINE_MS', 100, 600_000],
  ['flushIntervalMs', 'FLUSH_INTERVAL_MS', 0, 60_000],
  ['maxBatchRows', 'MAX_BATCH_ROWS', 1, 10_000_000],
  ['maxPendingRows', 'MAX_PENDING_ROWS', 1, 100_000_000],
];

export const INGEST_FILE_KEYS: readonly string[] = BOUNDS.map(([key]) => key);

export function ingestConfig(source: ConfigSource): IngestConfig {
  const values: Record<string, number> = {};
  for (const [key, env, min, max] of BOUNDS) {
    values[key] = source.integer(`RPA_ANALYZER_${env}`, key, min, max) ?? DEFAULT_INGEST[key];
  }
  return values as unknown as IngestConfig;
}
