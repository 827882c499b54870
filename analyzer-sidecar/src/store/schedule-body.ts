/**
 * A schedule as both backends store it: what a client chose as one JSON
 * body, its run state (next run, last run, outcome) in columns beside it,
 * which the scheduler moves without rewriting the body.
 */
import type { Schedule } from '../schedules/schedule';

export interface RunState {
  readonly next_run_at: number | null;
  readonly last_run_at: number | null;
  readonly last_outcome: Schedule['last_outcome'];
}

/** The body without the run state (kept in its columns only). */
export function scheduleBody(schedule: Schedule): string {
  return JSON.stringify({
    ...schedule,
    next_run_at: undefined,
    last_run_at: undefined,
    last_outcome: undefined,
  });
}

export function scheduleOf(body: string, run: RunState): Schedule {
  return {
    ...(JSON.parse(body) as Schedule),
    next_run_at: run.next_run_at ?? null,
    last_run_at: run.last_run_at ?? null,
    last_outcome: run.last_outcome ?? null,
  };
}
