/**
 * Executions in flight, from what each commit brought: a start marker (or,
 * from executors without it, the first step) starts one, steps move its
 * progress, the execution span ends it. Any order, any repetition: an ended
 * execution is remembered for a while so late markers or steps do not
 * revive it. Plain in-memory state, seeded from the store at startup.
 */
import type { ExecutionRecord, RecordBatch, StepRecord } from '../../model/records';
import type { RunningExecution } from '../../store/live-store';

export interface LiveExecution {
  execution_id: string;
  workflow_id: string;
  status: string;
  started_at: number;
  completed_at: number | null;
  steps_total: number | null;
  steps_completed: number;
  steps_failed: number;
  current_step: { node_id: string; action_type: string } | null;
  /** Latest step end (or the start). */
  last_activity_at: number;
  /** Started by a marker (stored) rather than inferred from steps. */
  announced: boolean;
}

export type ExecutionEventType = 'execution.started' | 'execution.progress' | 'execution.ended';

export interface ExecutionEvent {
  type: ExecutionEventType;
  execution: LiveExecution;
}

export interface TrackerOptions {
  /** Executions known only from their steps are forgotten after this long without a step; default 15 min. */
  inferredTtlMs?: number;
  /** Ended executions remembered; default 50,000. */
  endedMemory?: number;
}

export class ExecutionTracker {
  private readonly live = new Map<string, LiveExecution>();
  private readonly ended = new Set<string>();
  private readonly inferredTtlMs: number;
  private readonly endedMemory: number;

  constructor(options: TrackerOptions = {}) {
    this.inferredTtlMs = options.inferredTtlMs ?? 15 * 60_000;
    this.endedMemory = options.endedMemory ?? 50_000;
  }

  /** Announced executions the store no longer holds as running are forgotten (retention). */
  reseed(running: readonly RunningExecution[]): void {
    const stored = new Set(running.map((r) => r.execution_id));
    for (const [id, e] of this.live) if (e.announced && !stored.has(id)) this.live.delete(id);
    this.seed(running);
  }

  seed(running: readonly RunningExecution[]): void {
    for (const r of running)
      this.live.set(r.execution_id, { ...r, status: 'running', completed_at: null, announced: true });
  }

  /** Running executions, oldest first. */
  running(workflowIds?: ReadonlySet<string>): LiveExecution[] {
    return [...this.live.values()]
      .filter((e) => !workflowIds || workflowIds.has(e.workflow_id))
      .sort((a, b) => a.started_at - b.started_at || (a.execution_id < b.execution_id ? -1 : 1));
  }

  get size(): number {
    return this.live.size;
  }

  apply(batch: RecordBatch, now: number): ExecutionEvent[] {
    const events: ExecutionEvent[] = [];
    const finals = new Map<string, ExecutionRecord>();
    for (const e of batch.executions) if (e.status !== 'running') finals.set(e.execution_id, e);
    for (const e of batch.executions) {
      if (e.status === 'running' && !finals.has(e.execution_id)) this.start(e, events);
    }
    for (const [id, steps] of groupSteps(batch.steps)) {
      if (!finals.has(id)) this.progress(id, steps, events);
    }
    for (const e of finals.values()) events.push({ type: 'execution.ended', execution: this.end(e) });
    this.expire(now);
    return events;
  }

  private start(marker: ExecutionRecord, events: ExecutionEvent[]): void {
    if (this.ended.has(marker.execution_id)) return;
    const known = this.live.get(marker.execution_id);
    if (known) {
      known.announced = true;
      known.started_at = Math.min(known.started_at, marker.started_at);
      known.steps_total ??= marker.steps_total > 0 ? marker.steps_total : null;
      return;
    }
    const execution = fromMarker(marker);
    this.live.set(execution.execution_id, execution);
    events.push({ type: 'execution.started', execution });
  }

  private progress(id: string, steps: readonly StepRecord[], events: ExecutionEvent[]): void {
    if (this.ended.has(id)) return;
    let execution = this.live.get(id);
    if (!execution) {
      execution = fromSteps(steps);
      this.live.set(id, execution);
      events.push({ type: 'execution.started', execution });
    }
    for (const s of steps) {
      if (s.status === 'completed') execution.steps_completed++;
      else if (s.status === 'failed') execution.steps_failed++;
      if (s.completed_at >= execution.last_activity_at) {
        execution.last_activity_at = s.completed_at;
        execution.current_step = { node_id: s.node_id, action_type: s.action_type };
      }
    }
    events.push({ type: 'execution.progress', execution });
  }

  private end(e: ExecutionRecord): LiveExecution {
    const known = this.live.get(e.execution_id);
    this.live.delete(e.execution_id);
    this.ended.add(e.execution_id);
    if (this.ended.size > this.endedMemory) this.ended.delete(this.ended.values().next().value as string);
    return {
      execution_id: e.execution_id,
      workflow_id: e.workflow_id,
      status: e.status,
      started_at: e.started_at,
      completed_at: e.completed_at,
      steps_total: e.steps_total > 0 ? e.steps_total : (known?.steps_total ?? null),
      steps_completed: Math.max(e.steps_completed, known?.steps_completed ?? 0),
      steps_failed: Math.max(e.steps_failed, known?.steps_failed ?? 0),
      current_step: known?.current_step ?? null,
      last_activity_at: e.completed_at ?? known?.last_activity_at ?? e.started_at,
      announced: known?.announced ?? false,
    };
  }

  private expire(now: number): void {
    for (const [id, e] of this.live) {
      if (!e.announced && now - e.last_activity_at > this.inferredTtlMs) this.live.delete(id);
    }
  }
}

function fromMarker(m: ExecutionRecord): LiveExecution {
  return {
    execution_id: m.execution_id,
    workflow_id: m.workflow_id,
    status: 'running',
    started_at: m.started_at,
    completed_at: null,
    steps_total: m.steps_total > 0 ? m.steps_total : null,
    steps_completed: 0,
    steps_failed: 0,
    current_step: null,
    last_activity_at: m.started_at,
    announced: true,
  };
}

function fromSteps(steps: readonly StepRecord[]): LiveExecution {
  const first = steps[0] as StepRecord;
  return {
    execution_id: first.execution_id,
    workflow_id: first.workflow_id,
    status: 'running',
    started_at: Math.min(...steps.map((s) => s.started_at)),
    completed_at: null,
    steps_total: null,
    steps_completed: 0,
    steps_failed: 0,
    current_step: null,
    last_activity_at: 0,
    announced: false,
  };
}

function groupSteps(steps: readonly StepRecord[]): Map<string, StepRecord[]> {
  const map = new Map<string, StepRecord[]>();
  for (const s of steps) {
    const list = map.get(s.execution_id);
    if (list) list.push(s);
    else map.set(s.execution_id, [s]);
  }
  return map;
}

/** The wire shape of execution.* events and of the live list (times as epoch ms; the API formats them). */
export function executionPayload(e: LiveExecution, now: number) {
  return {
    execution_id: e.execution_id,
    workflow_id: e.workflow_id,
    status: e.status,
    started_at: e.started_at,
    completed_at: e.completed_at,
    elapsed_ms: Math.max(0, (e.completed_at ?? now) - e.started_at),
    steps_total: e.steps_total,
    steps_completed: e.steps_completed,
    steps_failed: e.steps_failed,
    current_step: e.current_step,
  };
}
