/** Live records as the API and the stream serve them: times as RFC 3339 UTC strings. */
import type { Anomaly, Incident } from '../model/analysis';
import type { LiveEvent } from '../services/live/event-bus';
import { executionPayload, type LiveExecution } from '../services/live/execution-tracker';
import { isoTime } from './present';
import { presentAnomaly, presentGroup } from './present-analysis';

export function presentLiveExecution(e: LiveExecution, now: number): Record<string, unknown> {
  const payload = executionPayload(e, now);
  return {
    ...payload,
    started_at: isoTime(payload.started_at),
    completed_at: payload.completed_at === null ? null : isoTime(payload.completed_at),
    last_activity_at: isoTime(e.last_activity_at),
  };
}

/** The event's JSON payload: execution.* the live execution, anomaly.* the Anomaly, incident.* the group. */
export function presentLiveEvent(event: LiveEvent, now: number): Record<string, unknown> {
  if (event.type.startsWith('execution.'))
    return presentLiveExecution(event.data as unknown as LiveExecution, now);
  if (event.type.startsWith('anomaly.')) return presentAnomaly(event.data as unknown as Anomaly);
  return presentGroup(event.data as unknown as Incident);
}
