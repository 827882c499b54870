/**
 * Planted timing of the demo: a workflow started on a fixed cadence (as a
 * scheduler with cron `*\/N * * * *` would) with runs it skips, and the queue
 * delay between a run's request and its start, larger at planted busy hours.
 */
import type { SeededRandom } from './random';

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;

/** One workflow started every `everyMs` on the UTC minute grid, except the fires in `skipped`. */
export interface Schedule {
  readonly workflowId: string;
  readonly everyMs: number;
  /** Fire times (epoch ms, on the grid) that do not run: the planted missing runs. */
  readonly skipped: ReadonlySet<number>;
}

/** Busy hours of each UTC day, [fromHour, toHour): runs wait longer for a free bot. */
export interface BusyHours {
  readonly fromHour: number;
  readonly toHour: number;
}

/** The grid's fire times in [from, to), skipped ones left out. */
export function fireTimes(schedule: Schedule, from: number, to: number): number[] {
  const fires: number[] = [];
  for (let at = nextFire(schedule, from); at < to; at += schedule.everyMs) {
    if (!schedule.skipped.has(at)) fires.push(at);
  }
  return fires;
}

/** The first fire time at or after `at`, skipped or not. */
export function nextFire(schedule: Pick<Schedule, 'everyMs'>, at: number): number {
  return Math.ceil(at / schedule.everyMs) * schedule.everyMs;
}

/** Parses `workflow=minutes` (a whole divisor of 60, as `*\/N` in cron); `skip` names fire times to leave out. */
export function parseSchedule(raw: string | undefined, skip: string | undefined): Schedule | undefined {
  if (raw === undefined) {
    if (skip !== undefined) throw new Error('--skip-run: needs --schedule');
    return undefined;
  }
  const [workflowId, minutesText] = raw.split('=');
  const minutes = Number(minutesText);
  if (!workflowId || !Number.isInteger(minutes) || minutes < 1 || 60 % minutes !== 0)
    throw new Error(`--schedule: expected workflow=minutes (a divisor of 60), got "${raw}"`);
  const everyMs = minutes * MINUTE_MS;
  const skipped = new Set<number>();
  for (const text of (skip ?? '').split(',').filter(Boolean)) {
    const at = /^\d+$/.test(text) ? Number(text) : Date.parse(text);
    if (!Number.isFinite(at))
      throw new Error(`--skip-run: expected RFC 3339 times or epoch ms, got "${text}"`);
    // A skip names the first fire at or after its time, so a caller need not know the grid.
    skipped.add(nextFire({ everyMs }, at));
  }
  return { workflowId, everyMs, skipped };
}

/** Parses `FROM..TO` hours of the UTC day (0..24, FROM < TO). */
export function parseBusyHours(raw: string | undefined): BusyHours | undefined {
  if (raw === undefined) return undefined;
  const [fromHour, toHour] = raw.split('..').map(Number);
  if (
    !Number.isInteger(fromHour) ||
    !Number.isInteger(toHour) ||
    (fromHour as number) < 0 ||
    (toHour as number) > 24 ||
    (fromHour as number) >= (toHour as number)
  )
    throw new Error(`--busy-hours: expected FROM..TO hours of the UTC day (0..24), got "${raw}"`);
  return { fromHour: fromHour as number, toHour: toHour as number };
}

/** Queue delay median: about a second normally, half a minute at busy hours (every bot taken). */
const QUEUE_MEDIAN_MS = 1_200;
const BUSY_QUEUE_MEDIAN_MS = 30_000;

/** How long a run started at `at` waited between its request and its start. */
export function queueDelayMs(random: SeededRandom, at: number, busy: BusyHours | undefined): number {
  const hour = Math.floor((at % (24 * HOUR_MS)) / HOUR_MS);
  const busyNow = busy !== undefined && hour >= busy.fromHour && hour < busy.toHour;
  return Math.round(random.logNormal(busyNow ? BUSY_QUEUE_MEDIAN_MS : QUEUE_MEDIAN_MS, 0.5));
}
