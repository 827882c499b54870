/** Schedules, delivery log entries and share links as the API shows them (times as RFC 3339). */
import type { Schedule } from '../schedules/schedule';
import type { LinkState, ShareLink } from '../sharing/share-link';
import type { DeliveryLogEntry } from '../store/schedule-store';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** Everything but the webhook secret, which only the creation answer carries. */
export function presentSchedule(schedule: Schedule, running: boolean) {
  return {
    id: schedule.id,
    name: schedule.name,
    owner: schedule.owner,
    cron: schedule.cron,
    timezone: schedule.timezone,
    enabled: schedule.enabled,
    report: schedule.report,
    email: schedule.email,
    webhook: schedule.webhook,
    next_run_at: iso(schedule.next_run_at),
    last_run_at: iso(schedule.last_run_at),
    last_outcome: schedule.last_outcome,
    running,
    created_at: iso(schedule.created_at),
    updated_at: iso(schedule.updated_at),
  };
}

/** The schedule is the route's; the response schema leaves schedule_id out. */
export function presentLogEntry(entry: DeliveryLogEntry) {
  return { ...entry, at: iso(entry.at) };
}

export function presentShareLink(link: ShareLink, state: LinkState) {
  const { target } = link;
  return {
    link_id: link.link_id,
    owner: link.owner,
    state,
    created_at: iso(link.created_at),
    expires_at: iso(link.expires_at),
    revoked_at: iso(link.revoked_at),
    target: { ...target, from: iso(target.from), to: iso(target.to) },
  };
}
