/** A small history ending now, for analysis API tests: three workflows, one degrading on its last day. */
import { generateHistory, type SyntheticWorkflow } from '../analysis/test-support/synthetic-history';
import type { RecordBatch } from '../model/records';
import { emptyBatch } from '../model/records';

export const HISTORY_DAY = 86_400_000;
export const HISTORY_DAYS = 4;
export const DEGRADING_WORKFLOW = 'wf-slow';

function workflow(id: string, slowNode: string, mix: Record<string, number>): SyntheticWorkflow {
  return {
    workflow_id: id,
    intervalMs: 30 * 60_000,
    failureRate: 0.1,
    failureMix: mix,
    nodes: ['open', 'search', 'type', 'save'].map((node) => ({
      node_id: node,
      action_type: node === 'search' ? 'wait' : 'click',
      medianMs: node === slowNode ? 3000 : 400,
      sigma: 0.25,
    })),
  };
}

export function analysisHistory(now: number): RecordBatch {
  const from = now - HISTORY_DAYS * HISTORY_DAY;
  const { executions, steps } = generateHistory({
    workflows: [
      workflow('wf-fast', 'open', { timeout: 3, network: 1 }),
      workflow(DEGRADING_WORKFLOW, 'search', { element_not_found: 2, validation: 1 }),
      workflow('wf-mid', 'save', { application_error: 1 }),
    ],
    from,
    days: HISTORY_DAYS,
    seed: 7,
    events: [
      {
        kind: 'slowdown',
        workflow_ids: [DEGRADING_WORKFLOW],
        from: now - HISTORY_DAY,
        to: now + 1,
        factor: 2,
      },
    ],
  });
  return { ...emptyBatch(), executions: storable(executions, now), steps: storable(steps, now) };
}

/** Started before `now`, with whole-millisecond times as the store keeps them. */
export function storable<T extends { started_at: number; completed_at: number | null }>(
  rows: T[],
  now = Infinity,
): T[] {
  return rows
    .filter((r) => r.started_at < now)
    .map((r) => ({
      ...r,
      started_at: Math.round(r.started_at),
      completed_at: r.completed_at === null ? null : Math.round(r.completed_at),
    }));
}
