/**
 * Next-run computation of a cron expression in an IANA time zone, by croner.
 * Across DST it follows Vixie cron: a job at a fixed wall-clock time runs once
 * a day either way: on the spring-forward day a time in the skipped hour runs
 * at the first instant after the gap (02:30 → 03:00), on the fall-back day a
 * time in the repeated hour runs at its first occurrence only; a job with a
 * wildcard hour (`*\/30 * * * *`) keeps its real-time rhythm through both.
 */
import { Cron } from 'croner';

export type CronCheck = { ok: true } | { ok: false; error: string };

/** Five fields (minute hour day-of-month month day-of-week), or a nickname such as `@daily`. */
const FIVE_FIELDS = /^\S+(\s+\S+){4}$/;
const NICKNAMES = new Set(['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly']);

/** IANA names (`Europe/Berlin`, `UTC`, `Etc/GMT+5`); no bare offsets such as `+02:00`. */
const ZONE_NAME = /^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/;

export function checkTimeZone(timezone: string): CronCheck {
  if (!ZONE_NAME.test(timezone)) return { ok: false, error: `"${timezone}" is not an IANA time zone name` };
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: timezone });
    return { ok: true };
  } catch {
    return { ok: false, error: `unknown time zone "${timezone}"` };
  }
}

export function checkCron(expression: string, timezone: string): CronCheck {
  const trimmed = expression.trim();
  if (!FIVE_FIELDS.test(trimmed) && !NICKNAMES.has(trimmed.toLowerCase()))
    return {
      ok: false,
      error: 'needs five fields (minute hour day-of-month month day-of-week) or @daily-like',
    };
  let cron: Cron;
  try {
    cron = new Cron(trimmed, { timezone, paused: true });
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  }
  if (cron.nextRun(new Date(0)) === null && cron.nextRun() === null)
    return { ok: false, error: 'never fires (no date matches)' };
  return { ok: true };
}

/** The first run strictly after `after` (epoch ms), or null when the expression never fires again. */
export function nextRunAfter(expression: string, timezone: string, after: number): number | null {
  const cron = new Cron(expression.trim(), { timezone, paused: true });
  return cron.nextRun(new Date(after))?.getTime() ?? null;
}
