/**
 * Schedules as their owners see them: editors create and manage their own,
 * admins all. Another owner's schedule is answered as not found, so ids do
 * not tell what exists. Every change is checked whole (checkScheduleSpec)
 * before it is stored, and the scheduler is told.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { Principal } from '../api/principal';
import { BadRequestError } from '../api/errors';
import type { RunInfo } from '../delivery/delivery';
import { NotFoundError } from '../services/not-found-error';
import type { LogCursor, LogPage, ScheduleStore } from '../store/schedule-store';
import { nextRunAfter } from './cron-schedule';
import { checkScheduleSpec, type Schedule, type ScheduleSpec } from './schedule';
import type { Scheduler } from './scheduler';

export type SchedulePatch = Partial<ScheduleSpec>;

export interface ScheduleServiceDeps {
  readonly store: ScheduleStore;
  readonly scheduler: Scheduler;
  readonly now: () => number;
  readonly emailEnabled: boolean;
}

function visibleTo(principal: Principal, schedule: Schedule): boolean {
  return principal.role === 'admin' || schedule.owner === principal.id;
}

export function createScheduleService(deps: ScheduleServiceDeps) {
  const { store, scheduler } = deps;
  const check = (spec: ScheduleSpec) => {
    const result = checkScheduleSpec(spec, { emailEnabled: deps.emailEnabled });
    if (!result.ok) throw new BadRequestError(result.field, `${result.field}: ${result.error}`);
  };
  const nextRun = (spec: ScheduleSpec, now: number) =>
    spec.enabled ? nextRunAfter(spec.cron, spec.timezone, now) : null;
  const find = async (principal: Principal, id: string): Promise<Schedule> => {
    const schedule = await store.get(id);
    if (schedule === undefined || !visibleTo(principal, schedule))
      throw new NotFoundError(`no schedule ${id}`);
    return schedule;
  };
  return {
    /** The new schedule; its webhook secret is in it this once. */
    async create(principal: Principal, spec: ScheduleSpec): Promise<Schedule> {
      check(spec);
      const now = deps.now();
      const schedule: Schedule = {
        ...spec,
        id: randomUUID(),
        owner: principal.id,
        webhook_secret: randomBytes(32).toString('base64url'),
        created_at: now,
        updated_at: now,
        next_run_at: nextRun(spec, now),
        last_run_at: null,
        last_outcome: null,
      };
      await store.insert(schedule);
      await scheduler.wake();
      return schedule;
    },
    list: (principal: Principal) => store.list(principal.role === 'admin' ? undefined : principal.id),
    get: find,
    async update(principal: Principal, id: string, patch: SchedulePatch): Promise<Schedule> {
      const current = await find(principal, id);
      const merged: Schedule = { ...current, ...patch, updated_at: deps.now() };
      check(merged);
      const timing = patch.cron !== undefined || patch.timezone !== undefined || patch.enabled !== undefined;
      const updated = { ...merged, next_run_at: timing ? nextRun(merged, deps.now()) : current.next_run_at };
      await store.updateSpec(updated);
      await scheduler.wake();
      return updated;
    },
    async remove(principal: Principal, id: string): Promise<void> {
      await find(principal, id);
      await store.remove(id);
      scheduler.cancel(id);
    },
    async runNow(principal: Principal, id: string): Promise<RunInfo> {
      return scheduler.runNow(await find(principal, id));
    },
    async deliveries(principal: Principal, id: string, limit: number, cursor?: LogCursor): Promise<LogPage> {
      await find(principal, id);
      return store.log(id, limit, cursor);
    },
  };
}

export type ScheduleService = ReturnType<typeof createScheduleService>;
