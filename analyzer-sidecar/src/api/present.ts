/** Records as the API serves them: times as RFC 3339 UTC strings with milliseconds. */
import type { ExecutionRecord, StepRecord } from '../model/records';

export function isoTime(ms: number): string {
  return new Date(ms).toISOString();
}

export function presentStep(step: StepRecord): Record<string, unknown> {
  return { ...step, started_at: isoTime(step.started_at), completed_at: isoTime(step.completed_at) };
}

export function presentExecution(execution: ExecutionRecord, steps?: StepRecord[]): Record<string, unknown> {
  return {
    ...execution,
    started_at: isoTime(execution.started_at),
    completed_at: execution.completed_at === null ? null : isoTime(execution.completed_at),
    requested_at: execution.requested_at == null ? null : isoTime(execution.requested_at),
    queue_ms:
      execution.requested_at == null ? null : Math.max(0, execution.started_at - execution.requested_at),
    ...(steps ? { steps: steps.map(presentStep) } : {}),
  };
}
