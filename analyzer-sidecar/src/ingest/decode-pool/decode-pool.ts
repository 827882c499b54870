/**
 * OTLP decoding and span mapping in worker threads, so the main thread only
 * reads bodies, commits and answers. Bodies wait in a FIFO for the next idle
 * worker; what waits is bounded by the ingestor's bytes in flight (a body
 * holds its bytes until it is answered), so the pool adds no bound of its own
 * and sheds nothing the ingestor would not have shed. A worker that dies fails
 * its one request (DecoderUnavailableError: nothing was submitted, so nothing
 * is stored or acknowledged) and is replaced for the next.
 */
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Decoded } from '../decode-request';
import type { DecodeLimits } from '../limits/decode-limits';
import type { OtlpEncoding, OtlpSignal } from '../otlp-response';
import { reviveError, type DecodeJob, type DecodeReply, type DecodeWorkerData } from './decode-messages';
import { DecoderUnavailableError, type RequestDecoder } from './request-decoder';

/** The script a worker runs, and the Node flags it needs. */
export interface WorkerEntry {
  readonly file: string;
  readonly execArgv: readonly string[];
}

interface Job {
  readonly signal: OtlpSignal;
  readonly encoding: OtlpEncoding;
  readonly raw: Buffer;
  resolve(decoded: Decoded): void;
  reject(error: unknown): void;
}

export class DecodePool implements RequestDecoder {
  private readonly workers = new Set<Worker>();
  private readonly idle: Worker[] = [];
  private readonly running = new Map<Worker, Job>();
  private readonly queue: Job[] = [];
  private closed = false;

  constructor(
    private readonly size: number,
    private readonly limits: DecodeLimits,
    private readonly entry: WorkerEntry = decodeWorkerEntry(),
  ) {
    if (!Number.isInteger(size) || size < 1)
      throw new RangeError(`decode pool size must be ≥ 1, got ${size}`);
  }

  /** Bodies waiting for a worker. */
  get waiting(): number {
    return this.queue.length;
  }

  /** Takes the body's bytes when it owns them whole (no copy); `raw` is then empty. */
  decode(signal: OtlpSignal, encoding: OtlpEncoding, raw: Buffer): Promise<Decoded> {
    if (this.closed) return Promise.reject(new DecoderUnavailableError('the analyzer is shutting down'));
    return new Promise<Decoded>((resolve, reject) => {
      this.queue.push({ signal, encoding, raw, resolve, reject });
      this.dispatch();
    });
  }

  /** Fails what waits, stops the workers (a request being decoded fails too). */
  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0))
      job.reject(new DecoderUnavailableError('the analyzer is shutting down'));
    await Promise.all([...this.workers].map((worker) => worker.terminate()));
  }

  private dispatch(): void {
    while (this.queue.length > 0 && !this.closed) {
      const worker = this.idle.pop() ?? (this.workers.size < this.size ? this.spawn() : undefined);
      if (worker === undefined) return;
      const job = this.queue.shift() as Job;
      this.running.set(worker, job);
      const { body, transfer } = bodyOf(job.raw);
      const message: DecodeJob = { signal: job.signal, encoding: job.encoding, body };
      worker.postMessage(message, transfer);
    }
  }

  private spawn(): Worker {
    const workerData: DecodeWorkerData = { limits: pickLimits(this.limits) };
    // No flags of its own: the worker inherits the process's (Node's default).
    const execArgv = this.entry.execArgv.length > 0 ? [...this.entry.execArgv] : undefined;
    const worker = new Worker(this.entry.file, { workerData, execArgv });
    this.workers.add(worker);
    worker.on('message', (reply: DecodeReply) => this.settle(worker, reply));
    worker.on('error', (error) => this.lose(worker, `the decode worker failed: ${error.message}`));
    worker.on('exit', (code) => this.lose(worker, `the decode worker exited (code ${code})`));
    // After the listeners (a 'message' listener refs the worker again): an idle pool keeps no process alive.
    worker.unref();
    return worker;
  }

  private settle(worker: Worker, reply: DecodeReply): void {
    const job = this.running.get(worker);
    this.running.delete(worker);
    this.idle.push(worker);
    if (job !== undefined) {
      if (reply.ok) job.resolve(reply.decoded);
      else job.reject(reviveError(reply.error));
    }
    this.dispatch();
  }

  /** A dead worker: its request fails, a new worker takes the queue. Called once per worker ('error', then 'exit'). */
  private lose(worker: Worker, reason: string): void {
    if (!this.workers.delete(worker)) return;
    const at = this.idle.indexOf(worker);
    if (at >= 0) this.idle.splice(at, 1);
    const job = this.running.get(worker);
    this.running.delete(worker);
    job?.reject(new DecoderUnavailableError(`${reason}; nothing of this request was stored`));
    this.dispatch();
  }
}

/** The compiled worker beside this file; from the TypeScript sources (Jest), the .ts one through SWC, as Jest runs it. */
export function decodeWorkerEntry(): WorkerEntry {
  if (__filename.endsWith('.ts'))
    return {
      file: join(__dirname, 'decode-worker.ts'),
      execArgv: ['--require', join(__dirname, '..', '..', 'test-support', 'typescript-worker.cjs')],
    };
  return { file: join(__dirname, 'decode-worker.js'), execArgv: [] };
}

/** Only the limits cross to the worker (the ingest config has more). */
function pickLimits(limits: DecodeLimits): DecodeLimits {
  const { maxDecodedObjects, maxSpans, maxAttributes, maxAttributeValueBytes, maxNestingDepth } = limits;
  return { maxDecodedObjects, maxSpans, maxAttributes, maxAttributeValueBytes, maxNestingDepth };
}

/**
 * A body that owns its whole ArrayBuffer (Buffer.concat's result past Node's
 * 4 KiB pool) is moved to the worker; a pooled one shares its memory with
 * other buffers and is copied.
 */
function bodyOf(raw: Buffer): { body: Uint8Array; transfer: ArrayBuffer[] } {
  const owned = raw.byteOffset === 0 && raw.buffer.byteLength === raw.byteLength;
  if (owned && raw.buffer instanceof ArrayBuffer) return { body: raw, transfer: [raw.buffer] };
  return { body: raw, transfer: [] };
}
