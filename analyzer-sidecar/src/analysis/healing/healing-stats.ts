/**
 * Self-healing analytics over plain recovery rows: how often each strategy,
 * target element and workflow needed healing, how often healing worked, what
 * it cost in time, and how often a healed execution failed later anyway.
 */

/** One recovery with the step it healed and what happened after it in the same execution. */
export interface HealingRow {
  readonly recovery_id: string;
  readonly workflow_id: string;
  readonly execution_id: string;
  readonly step_id: string;
  readonly target_element: string;
  readonly node_id: string;
  readonly strategy: string;
  readonly outcome: 'recovered' | 'failed';
  readonly started_at: number;
  readonly completed_at: number;
  /**
   * Start of the first failed step of the same execution that started after
   * this recovery ended (another step, or the healed one failing again); null
   * when none failed later.
   */
  readonly later_failure_at: number | null;
  /** The target element of that later failed step. */
  readonly later_failure_target: string | null;
}

/** Steps run per (workflow, target): the denominator of the recovery rate. */
export interface TargetStepCount {
  readonly workflow_id: string;
  readonly target_element: string;
  readonly steps: number;
}

export const HEALING_DIMENSIONS = ['strategy', 'target', 'workflow'] as const;
export type HealingDimension = (typeof HEALING_DIMENSIONS)[number];

export interface HealingGroup {
  /** The strategy, the target element or the workflow id. */
  readonly key: string;
  /** For `target`: the workflow the target belongs to; null otherwise. */
  readonly workflow_id: string | null;
  readonly recoveries: number;
  readonly recovered: number;
  readonly failed: number;
  /** recovered / recoveries, 0..1. */
  readonly success_rate: number;
  /** Distinct steps that needed a recovery. */
  readonly healed_steps: number;
  /** Steps run (target, workflow); null for strategies, which have no such denominator. */
  readonly steps_total: number | null;
  /** healed_steps / steps_total, 0..1; null without a denominator. */
  readonly recovery_rate: number | null;
  /** Executions where a recovery succeeded and a later step of the same execution still failed. */
  readonly failed_after_recovery: number;
  /** failed_after_recovery / executions with a successful recovery, 0..1; null when none. */
  readonly failed_after_recovery_rate: number | null;
  /** Time spent in recovery spans, ms. */
  readonly healing_ms_total: number;
  readonly healing_ms_avg: number;
}

interface Accumulator {
  key: string;
  workflow_id: string | null;
  recoveries: number;
  recovered: number;
  healingMs: number;
  steps: Set<string>;
  healedExecutions: Set<string>;
  failedAfter: Set<string>;
}

function keyOf(row: HealingRow, dimension: HealingDimension): [string, string | null] {
  if (dimension === 'strategy') return [row.strategy, null];
  if (dimension === 'target') return [row.target_element, row.workflow_id];
  return [row.workflow_id, null];
}

/** Groups by the dimension, most recoveries first (ties by key). */
export function summarizeHealing(
  rows: readonly HealingRow[],
  dimension: HealingDimension,
  stepCounts: readonly TargetStepCount[] = [],
): HealingGroup[] {
  const groups = new Map<string, Accumulator>();
  for (const row of rows) {
    const [key, workflow_id] = keyOf(row, dimension);
    const id = JSON.stringify([key, workflow_id]);
    let g = groups.get(id);
    if (!g) {
      g = {
        key,
        workflow_id,
        recoveries: 0,
        recovered: 0,
        healingMs: 0,
        steps: new Set(),
        healedExecutions: new Set(),
        failedAfter: new Set(),
      };
      groups.set(id, g);
    }
    g.recoveries += 1;
    g.healingMs += Math.max(0, row.completed_at - row.started_at);
    g.steps.add(row.step_id);
    if (row.outcome === 'recovered') {
      g.recovered += 1;
      g.healedExecutions.add(row.execution_id);
      if (row.later_failure_at !== null) g.failedAfter.add(row.execution_id);
    }
  }
  const denominators = stepDenominators(stepCounts, dimension);
  return [...groups.values()]
    .map((g) =>
      finish(
        g,
        dimension === 'strategy' ? null : (denominators.get(JSON.stringify([g.key, g.workflow_id])) ?? null),
      ),
    )
    .sort((a, b) => b.recoveries - a.recoveries || a.key.localeCompare(b.key));
}

function stepDenominators(
  counts: readonly TargetStepCount[],
  dimension: HealingDimension,
): Map<string, number> {
  const totals = new Map<string, number>();
  for (const c of counts) {
    const id =
      dimension === 'target'
        ? JSON.stringify([c.target_element, c.workflow_id])
        : JSON.stringify([c.workflow_id, null]);
    totals.set(id, (totals.get(id) ?? 0) + c.steps);
  }
  return totals;
}

function finish(g: Accumulator, steps_total: number | null): HealingGroup {
  const healed_steps = g.steps.size;
  return {
    key: g.key,
    workflow_id: g.workflow_id,
    recoveries: g.recoveries,
    recovered: g.recovered,
    failed: g.recoveries - g.recovered,
    success_rate: g.recovered / g.recoveries,
    healed_steps,
    steps_total,
    recovery_rate: steps_total && steps_total > 0 ? Math.min(1, healed_steps / steps_total) : null,
    failed_after_recovery: g.failedAfter.size,
    failed_after_recovery_rate:
      g.healedExecutions.size > 0 ? g.failedAfter.size / g.healedExecutions.size : null,
    healing_ms_total: g.healingMs,
    healing_ms_avg: g.healingMs / g.recoveries,
  };
}

/** Fleet totals over all rows. */
export function healingTotals(rows: readonly HealingRow[], stepCounts: readonly TargetStepCount[]) {
  const all = summarizeHealing(
    rows.map((r) => ({ ...r, workflow_id: '*' })),
    'workflow',
    stepCounts.map((c) => ({ ...c, workflow_id: '*' })),
  )[0];
  return {
    recoveries: all?.recoveries ?? 0,
    recovered: all?.recovered ?? 0,
    success_rate: all?.success_rate ?? null,
    recovery_rate: all?.recovery_rate ?? null,
    failed_after_recovery: all?.failed_after_recovery ?? 0,
    healing_ms_total: all?.healing_ms_total ?? 0,
  };
}

/** The healed-then-failed cases: a recovery that succeeded, and a later step of its execution failed. */
export function failuresAfterRecovery(rows: readonly HealingRow[]): HealingRow[] {
  return rows
    .filter((r) => r.outcome === 'recovered' && r.later_failure_at !== null)
    .sort((a, b) => b.started_at - a.started_at || a.recovery_id.localeCompare(b.recovery_id));
}
