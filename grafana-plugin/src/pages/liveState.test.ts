import type { LiveExecution } from '../api/types';
import { applyLiveEvent, EMPTY_LIVE_STATE, runningList, withRunning } from './liveState';

const execution = (id: string, over: Partial<LiveExecution> = {}): LiveExecution => ({
  execution_id: id,
  workflow_id: 'wf',
  status: 'running',
  started_at: '2026-11-20T10:00:00.000Z',
  completed_at: null,
  elapsed_ms: 0,
  steps_total: 3,
  steps_completed: 0,
  steps_failed: 0,
  current_step: null,
  last_activity_at: '2026-11-23T10:00:00.000Z',
  service_name: null,
  host_name: null,
  ...over,
});

describe('live state', () => {
  it('tracks an execution from start through progress to its end', () => {
    let s = applyLiveEvent(EMPTY_LIVE_STATE, { type: 'execution.started', id: 1, data: execution('a') });
    s = applyLiveEvent(s, { type: 'execution.progress', id: 2, data: execution('a', { steps_completed: 2 }) });
    expect(runningList(s).map((e) => e.steps_completed)).toEqual([2]);
    s = applyLiveEvent(s, { type: 'execution.ended', id: 3, data: execution('a', { status: 'completed' }) });
    expect([runningList(s), s.ended.map((e) => e.status), s.lastEventId]).toEqual([[], ['completed'], 3]);
  });

  it('keeps newer stream state over the initial list', () => {
    const s = applyLiveEvent(EMPTY_LIVE_STATE, {
      type: 'execution.progress',
      id: 1,
      data: execution('a', { steps_completed: 2 }),
    });
    expect(runningList(withRunning(s, [execution('a'), execution('b')])).map((e) => e.steps_completed)).toEqual([2, 0]);
  });
});
