/** Decode worker entries for tests of the decode pool. */
import { join } from 'node:path';
import type { WorkerEntry } from '../ingest/decode-pool/decode-pool';

/** Dies on a body starting with "CRASH"; decodes every other body as the real worker. */
export const CRASHING_DECODE_WORKER: WorkerEntry = {
  file: join(__dirname, 'crashing-decode-worker.cjs'),
  execArgv: [],
};

/** A body the crashing worker dies on. */
export const CRASH_BODY = Buffer.from('CRASH and burn');
