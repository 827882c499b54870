/** Applies the retention policy now, and periodically. */
import { RECORD_TYPES, type RecordType } from '../model/records';
import type { ArchiveMove } from './parquet-archive';
import { archiveCutoff, hotCutoff, type RetentionPolicy } from './retention-policy';

export interface RetentionOutcome {
  readonly archived_rows: number;
  readonly archived_files: number;
  readonly deleted_rows: number;
}

export type RetentionReport = Record<RecordType, RetentionOutcome>;

/**
 * Where a backend ages its rows: DuckDB moves them to the Parquet archive and
 * deletes archived days; ClickHouse keeps them in its own compressed parts and
 * drops whole days (clickhouse/retention-sql.ts).
 */
export interface RecordRetention {
  /** Moves every row of `type` with time < `cutoff` to colder storage. */
  moveOlderThan(type: RecordType, cutoff: number): Promise<ArchiveMove>;
  /** Deletes the days of `type` that end at or before `cutoff`; returns the rows deleted. */
  deleteDaysBefore(type: RecordType, cutoff: number): Promise<number>;
}

export async function applyRetention(
  archive: RecordRetention,
  policy: RetentionPolicy,
  now: number,
): Promise<RetentionReport> {
  const report = {} as RetentionReport;
  for (const type of RECORD_TYPES) {
    const rule = policy[type];
    const moved = await archive.moveOlderThan(type, hotCutoff(rule, now));
    const cutoff = archiveCutoff(rule, now);
    const deleted = cutoff === undefined ? 0 : await archive.deleteDaysBefore(type, cutoff);
    report[type] = { archived_rows: moved.rows, archived_files: moved.files, deleted_rows: deleted };
  }
  return report;
}

export interface RetentionJobOptions {
  readonly intervalMs: number;
  readonly policy: () => RetentionPolicy;
  readonly onReport: (report: RetentionReport) => void;
  /** Runs after each application of the policy (the same `now`). */
  readonly afterRun?: (policy: RetentionPolicy, now: number) => Promise<void>;
  readonly onError: (error: unknown) => void;
}

/** Runs applyRetention every interval; a run never overlaps the previous one. */
export class RetentionJob {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<RetentionReport> | undefined;

  constructor(
    private readonly archive: RecordRetention,
    private readonly options: RetentionJobOptions,
  ) {}

  start(): void {
    if (this.options.intervalMs <= 0 || this.timer) return;
    this.timer = setInterval(() => {
      if (!this.running) this.runNow().catch(this.options.onError);
    }, this.options.intervalMs);
    this.timer.unref();
  }

  /** Applies the policy now (waits for a run already in progress first). */
  async runNow(now = Date.now()): Promise<RetentionReport> {
    while (this.running) await this.running.catch(() => undefined);
    const policy = this.options.policy();
    this.running = applyRetention(this.archive, policy, now);
    try {
      const report = await this.running;
      await this.options.afterRun?.(policy, now);
      this.options.onReport(report);
      return report;
    } finally {
      this.running = undefined;
    }
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running?.catch(() => undefined);
  }
}
