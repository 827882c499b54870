/** Where schedules, their delivery log and share links live (store/duckdb/report-tables.ts). */
import type { DeliveryDetail } from '../delivery/delivery';
import type { RunOutcome, Schedule } from '../schedules/schedule';
import type { ShareLink } from '../sharing/share-link';

export type LogChannel = 'render' | 'email' | 'webhook' | 'run';
export type LogStatus = 'succeeded' | 'failed' | 'skipped';

/** One attempt of one step of a run (or a run that was skipped), as the log keeps it. */
export interface DeliveryLogEntry {
  readonly id: string;
  readonly schedule_id: string;
  readonly run_id: string;
  readonly channel: LogChannel;
  readonly attempt: number;
  readonly status: LogStatus;
  readonly at: number;
  readonly error: string | null;
  /** When the next attempt follows; null after the last one or a success. */
  readonly retry_in_ms: number | null;
  readonly detail: DeliveryDetail | null;
}

/** Where a page of the log ends: its last entry's place in insertion order. */
export interface LogCursor {
  readonly seq: number;
}

export interface LogPage {
  readonly items: DeliveryLogEntry[];
  readonly total: number;
  readonly nextCursor: LogCursor | null;
}

export interface ScheduleStore {
  insert(schedule: Schedule): Promise<void>;
  /** Replaces what a client chose and the next run (PATCH); run state is left alone. */
  updateSpec(schedule: Schedule): Promise<void>;
  remove(id: string): Promise<boolean>;
  get(id: string): Promise<Schedule | undefined>;
  /** All, or those of one owner; oldest first. */
  list(owner?: string): Promise<Schedule[]>;
  /** Enabled schedules whose next run is at or before `now`. */
  due(now: number): Promise<Schedule[]>;
  earliestNextRun(): Promise<number | null>;
  /**
   * Moves the next run from `expected` to `next` (compare-and-set: a PATCH that
   * rescheduled in between wins); false when it had moved.
   */
  advance(id: string, expected: number | null, next: number | null): Promise<boolean>;
  recordOutcome(id: string, at: number, outcome: RunOutcome): Promise<void>;
  appendLog(entry: DeliveryLogEntry): Promise<void>;
  log(scheduleId: string, limit: number, cursor?: LogCursor): Promise<LogPage>;
}

export interface ShareLinkStore {
  insert(link: ShareLink): Promise<void>;
  /** The link whose token hashes to `tokenHash`, whatever its state. */
  byTokenHash(tokenHash: string): Promise<ShareLink | undefined>;
  get(linkId: string): Promise<ShareLink | undefined>;
  list(owner?: string): Promise<ShareLink[]>;
  revoke(linkId: string, at: number): Promise<void>;
}
