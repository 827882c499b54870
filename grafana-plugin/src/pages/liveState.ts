import type { Anomaly, AnomalyGroup, LiveEvent, LiveExecution } from '../api/types';

/** What the Live page shows: executions in flight, the last ones ended, recent anomalies and incidents. */
export interface LiveState {
  running: Record<string, LiveExecution>;
  ended: LiveExecution[];
  anomalies: Anomaly[];
  incidents: AnomalyGroup[];
  lastEventId: number;
}

export const EMPTY_LIVE_STATE: LiveState = { running: {}, ended: [], anomalies: [], incidents: [], lastEventId: 0 };

const KEEP = 20;

/** Newest first, one entry per key, at most KEEP. */
function upsert<T>(list: T[], item: T, key: (x: T) => string): T[] {
  return [item, ...list.filter((x) => key(x) !== key(item))].slice(0, KEEP);
}

export function withRunning(state: LiveState, executions: LiveExecution[]): LiveState {
  const running = { ...state.running };
  for (const e of executions) {
    running[e.execution_id] ??= e;
  }
  return { ...state, running };
}

/** Folds one stream event into the state (events arrive in id order; repeats change nothing). */
export function applyLiveEvent(state: LiveState, event: LiveEvent): LiveState {
  const next = { ...state, lastEventId: Math.max(state.lastEventId, event.id) };
  switch (event.type) {
    case 'execution.started':
    case 'execution.progress':
      return { ...next, running: { ...state.running, [event.data.execution_id]: event.data } };
    case 'execution.ended': {
      const running = { ...state.running };
      delete running[event.data.execution_id];
      return { ...next, running, ended: upsert(state.ended, event.data, (e) => e.execution_id) };
    }
    case 'anomaly.opened':
    case 'anomaly.resolved':
      return { ...next, anomalies: upsert(state.anomalies, event.data, (a) => a.anomaly_id) };
    case 'incident.opened':
    case 'incident.resolved':
      return { ...next, incidents: upsert(state.incidents, event.data, (g) => g.group_id) };
  }
}

/** Running executions, the longest running first. */
export function runningList(state: LiveState): LiveExecution[] {
  return Object.values(state.running).sort((a, b) => Date.parse(a.started_at) - Date.parse(b.started_at));
}
