/**
 * Fires due schedules. One timer, armed for the earliest next run (at most
 * `maxSleepMs` ahead, so a changed wall clock is noticed); the store is the
 * truth, so schedules survive restarts.
 *
 * - No overlap: a schedule whose previous run (with its retries) is still
 *   going when the next one is due skips that occurrence; the skip is logged
 *   (app log and delivery log) and the schedule moves to its following run.
 * - Missed runs: an occurrence that passed while the analyzer was down (or
 *   more than `lateMs` ago, e.g. after a suspended machine) is made up once,
 *   however many passed: one `catch_up` run at start, its report ending at
 *   that moment, then the schedule resumes from the next occurrence after now.
 */
import { randomUUID } from 'node:crypto';
import type { RunInfo, RunTrigger } from '../delivery/delivery';
import type { ScheduleStore } from '../store/schedule-store';
import { nextRunAfter } from './cron-schedule';
import type { Schedule } from './schedule';
import type { RunnerLog, RunSchedule } from './schedule-runner';

export interface SchedulerDeps {
  readonly store: ScheduleStore;
  readonly run: RunSchedule;
  readonly now: () => number;
  readonly log: RunnerLog & { error(object: object, message: string): void };
  readonly maxSleepMs?: number;
  readonly lateMs?: number;
  /**
   * Whether this instance fires schedules now (analyzers sharing a cluster:
   * only the owner of the scheduler role does); default always. A dormant
   * scheduler looks again every maxSleepMs, and `start()` when it becomes active.
   */
  readonly active?: () => boolean;
}

export class RunInProgressError extends Error {
  readonly statusCode = 409;
  readonly code = 'run_in_progress';
  constructor(id: string) {
    super(`schedule ${id} is running; try again when its run has ended`);
    this.name = 'RunInProgressError';
  }
}

export class Scheduler {
  private readonly running = new Map<string, { done: Promise<void>; cancel: AbortController }>();
  private readonly abort = new AbortController();
  private timer: NodeJS.Timeout | undefined;
  private ticking: Promise<void> = Promise.resolve();
  private stopped = false;
  private readonly maxSleepMs: number;
  private readonly lateMs: number;

  constructor(private readonly deps: SchedulerDeps) {
    this.maxSleepMs = deps.maxSleepMs ?? 60_000;
    this.lateMs = deps.lateMs ?? 60_000;
  }

  /** Makes up missed runs (once each), then keeps firing. */
  start(): Promise<void> {
    return this.enqueueTick(true);
  }

  /** Looks again now (a schedule was created or changed). */
  wake(): Promise<void> {
    return this.enqueueTick(false);
  }

  isRunning(id: string): boolean {
    return this.running.has(id);
  }

  /** "Run now": refused while the schedule is running (the same no-overlap rule). */
  runNow(schedule: Schedule): RunInfo {
    if (this.running.has(schedule.id)) throw new RunInProgressError(schedule.id);
    const run: RunInfo = { id: randomUUID(), trigger: 'manual', scheduled_at: null };
    this.launch(schedule, run);
    return run;
  }

  /** Every tick and run ended (tests; stop). */
  async idle(): Promise<void> {
    await this.ticking;
    while (this.running.size > 0) await Promise.all([...this.running.values()].map((r) => r.done));
  }

  /** A deleted schedule: its run makes no further attempt. */
  cancel(id: string): void {
    this.running.get(id)?.cancel.abort();
  }

  /** No new run; retries waiting are given up (their last attempt is in the log). */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    this.abort.abort();
    await this.idle();
  }

  private enqueueTick(startup: boolean): Promise<void> {
    this.ticking = this.ticking
      .then(() => this.tick(startup))
      .catch((error: unknown) => {
        this.deps.log.error({ err: error }, 'scheduler tick failed');
        this.arm(this.deps.now() + this.maxSleepMs);
      });
    return this.ticking;
  }

  private async tick(startup: boolean): Promise<void> {
    if (this.stopped) return;
    const now = this.deps.now();
    if (this.deps.active && !this.deps.active()) {
      this.arm(now + this.maxSleepMs);
      return;
    }
    for (const schedule of await this.deps.store.due(now)) {
      const due = schedule.next_run_at!;
      const next = nextRunAfter(schedule.cron, schedule.timezone, now);
      // Compare-and-set: a PATCH that moved the schedule in between wins, and this occurrence is dropped.
      if (!(await this.deps.store.advance(schedule.id, due, next))) continue;
      const trigger: RunTrigger = startup || now - due > this.lateMs ? 'catch_up' : 'schedule';
      const run: RunInfo = { id: randomUUID(), trigger, scheduled_at: due };
      if (this.running.has(schedule.id)) await this.skip(schedule, run);
      else this.launch(schedule, run);
    }
    this.arm((await this.deps.store.earliestNextRun()) ?? now + this.maxSleepMs);
  }

  private async skip(schedule: Schedule, run: RunInfo): Promise<void> {
    const message = 'previous run still going: this occurrence is skipped';
    this.deps.log.warn({ schedule_id: schedule.id, scheduled_at: run.scheduled_at }, message);
    await this.deps.store.appendLog({
      id: randomUUID(),
      schedule_id: schedule.id,
      run_id: run.id,
      channel: 'run',
      attempt: 0,
      status: 'skipped',
      at: this.deps.now(),
      error: message,
      retry_in_ms: null,
      detail: { scheduled_at: new Date(run.scheduled_at!).toISOString() },
    });
  }

  private launch(schedule: Schedule, run: RunInfo): void {
    if (run.trigger === 'catch_up')
      this.deps.log.info({ schedule_id: schedule.id, missed: run.scheduled_at }, 'making up a missed run');
    const cancel = new AbortController();
    const done = this.deps
      .run(schedule, run, AbortSignal.any([this.abort.signal, cancel.signal]))
      .then(() => undefined)
      .catch((error: unknown) =>
        this.deps.log.error({ err: error, schedule_id: schedule.id }, 'report run failed'),
      )
      .finally(() => this.running.delete(schedule.id));
    this.running.set(schedule.id, { done, cancel });
  }

  private arm(at: number): void {
    if (this.stopped) return;
    clearTimeout(this.timer);
    const delay = Math.min(this.maxSleepMs, Math.max(0, at - this.deps.now()));
    this.timer = setTimeout(() => void this.enqueueTick(false), delay);
    this.timer.unref();
  }
}
