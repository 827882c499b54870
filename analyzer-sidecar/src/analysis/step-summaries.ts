/**
 * Per-node step aggregates. This is the reference the store's pushed-down
 * GROUP BY (workflow_id, node_id) is tested against: count, sum, avg, type-7
 * p95, max, failures, retries, and the node's most frequent action type.
 */
import { STEP_STATUS, type StepStatus } from '@rpa-analytics/conventions';
import type { NodeSummary } from '../model/analysis';
import type { StepRecord } from '../model/records';
import { mean, quantileSorted, sortAscending } from './statistics';

export interface StepSummaryOptions {
  /** Step statuses whose durations count; default completed only. */
  statuses?: readonly StepStatus[];
}

interface NodeAccumulator {
  durations: number[];
  actionCounts: Map<string, number>;
  failed: number;
  retries: number;
}

/** Most frequent value; ties go to the smallest name so every backend agrees. */
export function mostFrequent(counts: ReadonlyMap<string, number>): string {
  let best = '';
  let bestCount = -1;
  for (const [value, count] of counts) {
    if (count > bestCount || (count === bestCount && value < best)) [best, bestCount] = [value, count];
  }
  return best;
}

function accumulate(
  steps: readonly StepRecord[],
  statuses: ReadonlySet<string>,
): Map<string, NodeAccumulator> {
  const byKey = new Map<string, NodeAccumulator>();
  for (const step of steps) {
    if (!statuses.has(step.status)) continue;
    const key = `${step.workflow_id}\u0000${step.node_id}`;
    let acc = byKey.get(key);
    if (!acc) byKey.set(key, (acc = { durations: [], actionCounts: new Map(), failed: 0, retries: 0 }));
    acc.durations.push(step.duration_ms);
    acc.actionCounts.set(step.action_type, (acc.actionCounts.get(step.action_type) ?? 0) + 1);
    if (step.status === STEP_STATUS.failed) acc.failed += 1;
    acc.retries += step.retry_count;
  }
  return byKey;
}

/** One row per (workflow, node), ordered by workflow then node id. */
export function summarizeSteps(
  steps: readonly StepRecord[],
  options: StepSummaryOptions = {},
): NodeSummary[] {
  const statuses = new Set<string>(options.statuses ?? [STEP_STATUS.completed]);
  const rows: NodeSummary[] = [];
  for (const [key, acc] of accumulate(steps, statuses)) {
    const [workflow_id, node_id] = key.split('\u0000') as [string, string];
    const sorted = sortAscending(acc.durations);
    rows.push({
      workflow_id,
      node_id,
      action_type: mostFrequent(acc.actionCounts),
      count: sorted.length,
      total_duration_ms: acc.durations.reduce((a, b) => a + b, 0),
      avg_duration_ms: mean(sorted),
      p95_duration_ms: quantileSorted(sorted, 0.95),
      max_duration_ms: sorted[sorted.length - 1] as number,
      failed_count: acc.failed,
      retry_total: acc.retries,
    });
  }
  return rows.sort(
    (a, b) => compareStrings(a.workflow_id, b.workflow_id) || compareStrings(a.node_id, b.node_id),
  );
}

export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
