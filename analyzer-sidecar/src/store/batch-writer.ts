/**
 * Groups concurrent writes into one store transaction (group commit). A
 * submission resolves only after the commit that holds it, so an OTLP 2xx
 * means durable; past `maxPendingRows` waiting rows, submissions are refused
 * at once (the API answers 429 with Retry-After).
 */
import { batchSize, emptyBatch, RECORD_TYPES, type RecordBatch } from '../model/records';
import type { InsertCounts, Store } from './store';

export interface BatchWriterOptions {
  readonly flushIntervalMs: number;
  readonly maxBatchRows: number;
  readonly maxPendingRows: number;
}

export interface FlushObserver {
  onFlush?(rows: number, seconds: number): void;
}

export class OverloadedError extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super('the analyzer is writing as fast as it can; retry later');
    this.name = 'OverloadedError';
  }
}

export class ClosedError extends Error {
  constructor() {
    super('the analyzer is shutting down');
    this.name = 'ClosedError';
  }
}

interface Submission {
  batch: RecordBatch;
  /** When it was submitted (Date.now()). */
  at: number;
  resolve(counts: InsertCounts): void;
  reject(error: unknown): void;
}

export class BatchWriter {
  private pending: RecordBatch = emptyBatch();
  private pendingRows = 0;
  private submissions: Submission[] = [];
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> | undefined;
  /** Submission time of the oldest submission in the commit under way. */
  private flushingSince: number | undefined;
  /** Rows committed per second, a moving average over recent commits. */
  private rowsPerSecond: number | undefined;
  private closed = false;

  constructor(
    private readonly store: Pick<Store, 'insert'>,
    private readonly options: BatchWriterOptions,
    private readonly observer: FlushObserver = {},
  ) {}

  /** Rows accepted and not yet committed. */
  get backlog(): number {
    return this.pendingRows;
  }

  /**
   * How long a submission made now would wait for its commit, from the rows
   * ahead of it and the recent commit rate (0 before the first commit).
   */
  expectedWaitMs(): number {
    if (this.rowsPerSecond === undefined || this.pendingRows === 0) return 0;
    return (this.pendingRows / this.rowsPerSecond) * 1000;
  }

  /** How long the oldest submission not yet committed has waited (0 when none waits). */
  queueDelayMs(now: number = Date.now()): number {
    const oldest = this.flushingSince ?? this.submissions[0]?.at;
    return oldest === undefined ? 0 : Math.max(0, now - oldest);
  }

  submit(batch: RecordBatch): Promise<InsertCounts> {
    if (this.closed) return Promise.reject(new ClosedError());
    const rows = batchSize(batch);
    if (rows === 0)
      return Promise.resolve({ inserted: { executions: 0, steps: 0, recoveries: 0, resources: 0 } });
    if (this.pendingRows > 0 && this.pendingRows + rows > this.options.maxPendingRows) {
      return Promise.reject(new OverloadedError(1));
    }
    for (const type of RECORD_TYPES) {
      for (const row of batch[type]) (this.pending[type] as unknown[]).push(row);
    }
    this.pendingRows += rows;
    const done = new Promise<InsertCounts>((resolve, reject) =>
      this.submissions.push({ batch, at: Date.now(), resolve, reject }),
    );
    this.schedule();
    return done;
  }

  /**
   * Starts the commit of what waits now instead of at the flush timer (the
   * caller knows no other submission is on its way); during a commit, the
   * next one starts as soon as it ends, as always.
   */
  startCommit(): void {
    this.startFlush();
  }

  /** Commits everything submitted so far. */
  async flush(): Promise<void> {
    while (this.flushing || this.pendingRows > 0) {
      if (this.flushing) await this.flushing;
      else this.startFlush();
    }
  }

  async close(): Promise<void> {
    await this.flush();
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
  }

  private schedule(): void {
    if (this.flushing) return;
    if (this.pendingRows >= this.options.maxBatchRows || this.options.flushIntervalMs === 0) {
      this.startFlush();
      return;
    }
    this.timer ??= setTimeout(() => this.startFlush(), this.options.flushIntervalMs);
  }

  private startFlush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.flushing || this.pendingRows === 0) return;
    const batch = this.pending;
    const submissions = this.submissions;
    const rows = this.pendingRows;
    this.pending = emptyBatch();
    this.submissions = [];
    this.flushingSince = submissions[0]?.at;
    const started = process.hrtime.bigint();
    this.flushing = this.store
      .insert(batch)
      .then(
        (counts) => {
          const seconds = Number(process.hrtime.bigint() - started) / 1e9;
          this.observeRate(rows, seconds);
          this.observer.onFlush?.(rows, seconds);
          for (const submission of submissions) submission.resolve(counts);
        },
        (error: unknown) => this.commitOneByOne(submissions, error),
      )
      .finally(() => {
        this.pendingRows -= rows;
        this.flushing = undefined;
        this.flushingSince = undefined;
        // What arrived during this commit has waited already: commit it now (group commit).
        if (this.pendingRows > 0) this.startFlush();
      });
  }

  private observeRate(rows: number, seconds: number): void {
    if (seconds <= 0) return;
    const rate = rows / seconds;
    this.rowsPerSecond = this.rowsPerSecond === undefined ? rate : 0.7 * this.rowsPerSecond + 0.3 * rate;
  }

  /** A failed group commit is retried per request, so one bad request fails alone. */
  private async commitOneByOne(submissions: readonly Submission[], error: unknown): Promise<void> {
    if (submissions.length === 1) {
      submissions[0]?.reject(error);
      return;
    }
    for (const submission of submissions) {
      await this.store.insert(submission.batch).then(submission.resolve, submission.reject);
    }
  }
}
