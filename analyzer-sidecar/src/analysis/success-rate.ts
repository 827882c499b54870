/**
 * Success rates (Property 8): completed / (completed + failed) × 100 over
 * finished executions; cancelled and running executions are not counted.
 * Counts are the pushdown unit: the store may compute them with one GROUP BY.
 */
import { EXECUTION_STATUS } from '@rpa-analytics/conventions';
import type { SuccessCounts, SuccessRate, SuccessRateWindow } from '../model/analysis';
import type { ExecutionRecord } from '../model/records';
import { type Period } from './performance';
import { compareStrings } from './step-summaries';

export function toSuccessRate(counts: SuccessCounts): SuccessRate {
  const total = counts.completed + counts.failed;
  return { ...counts, total, success_rate: total === 0 ? null : (counts.completed / total) * 100 };
}

function countInto(counts: SuccessCounts, e: ExecutionRecord): void {
  if (e.status === EXECUTION_STATUS.completed) counts.completed += 1;
  else if (e.status === EXECUTION_STATUS.failed) counts.failed += 1;
}

/** Reference for the store's `GROUP BY workflow_id` counts, ordered by workflow id. */
export function countOutcomes(executions: readonly ExecutionRecord[]): SuccessCounts[] {
  const byWorkflow = new Map<string, SuccessCounts>();
  for (const e of executions) {
    let counts = byWorkflow.get(e.workflow_id);
    if (!counts)
      byWorkflow.set(e.workflow_id, (counts = { workflow_id: e.workflow_id, completed: 0, failed: 0 }));
    countInto(counts, e);
  }
  return [...byWorkflow.values()].sort((a, b) => compareStrings(a.workflow_id, b.workflow_id));
}

export function successRatesByWorkflow(executions: readonly ExecutionRecord[]): SuccessRate[] {
  return countOutcomes(executions).map(toSuccessRate);
}

export interface WindowOptions extends Period {
  windowMs: number;
}

/**
 * One workflow's success rate per window [from + k·windowMs, from + (k+1)·windowMs),
 * by start time, including empty windows (success_rate null) so charts keep gaps.
 */
export function successRateWindows(
  workflowId: string,
  executions: readonly ExecutionRecord[],
  options: WindowOptions,
): SuccessRateWindow[] {
  const { from, to, windowMs } = options;
  if (!(windowMs > 0) || !(to >= from)) throw new RangeError('windows need windowMs > 0 and to >= from');
  const count = Math.ceil((to - from) / windowMs);
  const buckets = Array.from({ length: count }, () => ({ workflow_id: workflowId, completed: 0, failed: 0 }));
  for (const e of executions) {
    if (e.workflow_id !== workflowId || e.started_at < from || e.started_at >= to) continue;
    countInto(buckets[Math.floor((e.started_at - from) / windowMs)] as SuccessCounts, e);
  }
  return buckets.map((b, k) => ({
    ...toSuccessRate(b),
    window_start: from + k * windowMs,
    window_end: Math.min(to, from + (k + 1) * windowMs),
  }));
}
