/**
 * Fixtures of schedules and log entries, and a plain in-memory model of what
 * ScheduleStore promises, with random operations on both (the report-store
 * conformance suite holds every backend to the model).
 */
import fc from 'fast-check';
import type { RunOutcome, Schedule } from '../../schedules/schedule';
import type { DeliveryLogEntry, ScheduleStore } from '../schedule-store';

export const T0 = Date.UTC(2026, 10, 1);
export const MIN = 60_000;
/** Hostile text: quotes, backslashes, control characters, emoji. */
export const HOSTILE = `it's "quoted" \\ back\u0001slash\n✓ 🚀 =cmd`;

export function makeSchedule(id: string, overrides: Partial<Schedule> = {}): Schedule {
  return {
    id,
    owner: 'alice',
    name: `${HOSTILE} ${id}`,
    cron: '0 * * * *',
    timezone: 'UTC',
    enabled: true,
    report: { template: 'fleet', format: 'pdf', range: '24h' },
    email: { to: ['ops@example.com'] },
    webhook: null,
    webhook_secret: 'secret',
    created_at: T0,
    updated_at: T0,
    next_run_at: T0 + 60 * MIN,
    last_run_at: null,
    last_outcome: null,
    ...overrides,
  };
}

export function makeLogEntry(scheduleId: string, n: number, at = T0 + n): DeliveryLogEntry {
  return {
    id: `${scheduleId}-d${n}`,
    schedule_id: scheduleId,
    run_id: `run-${Math.floor(n / 2)}`,
    channel: n % 2 ? 'email' : 'webhook',
    attempt: (n % 3) + 1,
    status: n % 4 === 0 ? 'failed' : 'succeeded',
    at,
    error: n % 4 === 0 ? HOSTILE : null,
    retry_in_ms: n % 4 === 0 ? 1000 : null,
    detail: { http_status: 200, to: ['a@example.com', HOSTILE] },
  };
}

export const IDS = ['x', 'y'];

export type Operation =
  | { kind: 'insert'; id: string; next: number | null; enabled: boolean }
  | { kind: 'updateSpec'; id: string; next: number | null; enabled: boolean; name: string }
  | { kind: 'remove'; id: string }
  | { kind: 'advance'; id: string; expected: number | null; next: number | null }
  | { kind: 'recordOutcome'; id: string; at: number; outcome: RunOutcome }
  | { kind: 'appendLog'; id: string; n: number };

const time = fc.option(fc.constantFrom(T0, T0 + 10 * MIN, T0 + 60 * MIN), { nil: null });
const id = fc.constantFrom(...IDS);
export const operationArbitrary: fc.Arbitrary<Operation> = fc.oneof(
  fc.record({
    kind: fc.constant('insert' as const),
    id,
    next: time,
    enabled: fc.boolean(),
  }),
  fc.record({
    kind: fc.constant('updateSpec' as const),
    id,
    next: time,
    enabled: fc.boolean(),
    name: fc.string(),
  }),
  fc.record({ kind: fc.constant('remove' as const), id }),
  fc.record({ kind: fc.constant('advance' as const), id, expected: time, next: time }),
  fc.record({
    kind: fc.constant('recordOutcome' as const),
    id,
    at: fc.nat({ max: 1000 }).map((n) => T0 + n),
    outcome: fc.constantFrom<RunOutcome>('succeeded', 'failed', 'partial', 'skipped'),
  }),
  fc.record({ kind: fc.constant('appendLog' as const), id, n: fc.nat({ max: 99 }) }),
);

/** Creation times against the ids' order, so listing order is not id order. */
const CREATED: Readonly<Record<string, number>> = { x: T0 + 1, y: T0 };

function scheduleFor(op: Extract<Operation, { kind: 'insert' | 'updateSpec' }>): Schedule {
  return makeSchedule(op.id, {
    next_run_at: op.next,
    enabled: op.enabled,
    created_at: CREATED[op.id] ?? T0,
    ...(op.kind === 'updateSpec' && { name: op.name }),
  });
}

/** An insert of an id that exists fails in every backend; the sequence goes on. */
export async function apply(store: ScheduleStore, op: Operation): Promise<unknown> {
  switch (op.kind) {
    case 'insert':
      return store.insert(scheduleFor(op)).then(
        () => 'ok',
        () => 'refused',
      );
    case 'updateSpec':
      return store.updateSpec(scheduleFor(op));
    case 'remove':
      return store.remove(op.id);
    case 'advance':
      return store.advance(op.id, op.expected, op.next);
    case 'recordOutcome':
      return store.recordOutcome(op.id, op.at, op.outcome);
    case 'appendLog':
      return store.appendLog(makeLogEntry(op.id, op.n));
  }
}

/** What the interface promises, over a Map. */
export class ScheduleModel {
  private readonly schedules = new Map<string, Schedule>();
  private readonly logs = new Map<string, DeliveryLogEntry[]>();

  apply(op: Operation): unknown {
    const current = this.schedules.get(op.id);
    switch (op.kind) {
      case 'insert':
        if (current) return 'refused';
        this.schedules.set(op.id, scheduleFor(op));
        this.logs.set(op.id, []);
        return 'ok';
      case 'updateSpec':
        if (current)
          this.set({
            ...scheduleFor(op),
            last_run_at: current.last_run_at,
            last_outcome: current.last_outcome,
          });
        return undefined;
      case 'remove':
        this.logs.delete(op.id);
        return this.schedules.delete(op.id);
      case 'advance':
        if (!current || current.next_run_at !== op.expected) return false;
        this.set({ ...current, next_run_at: op.next });
        return true;
      case 'recordOutcome':
        if (current) this.set({ ...current, last_run_at: op.at, last_outcome: op.outcome });
        return undefined;
      case 'appendLog':
        if (current) this.logs.get(op.id)?.unshift(makeLogEntry(op.id, op.n));
        return undefined;
    }
  }

  private set(schedule: Schedule): void {
    this.schedules.set(schedule.id, schedule);
  }

  get(id: string): Schedule | undefined {
    return this.schedules.get(id);
  }

  log(id: string): DeliveryLogEntry[] {
    return this.logs.get(id) ?? [];
  }

  list(): Schedule[] {
    return [...this.schedules.values()].sort((a, b) => a.created_at - b.created_at || (a.id < b.id ? -1 : 1));
  }

  due(now: number): Schedule[] {
    return this.list()
      .filter((s) => s.enabled && s.next_run_at !== null && s.next_run_at <= now)
      .sort((a, b) => (a.next_run_at ?? 0) - (b.next_run_at ?? 0) || (a.id < b.id ? -1 : 1));
  }

  earliest(): number | null {
    const runs = this.list().flatMap((s) => (s.enabled && s.next_run_at !== null ? [s.next_run_at] : []));
    return runs.length ? Math.min(...runs) : null;
  }
}
