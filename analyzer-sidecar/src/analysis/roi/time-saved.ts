/**
 * Time saved and its value per workflow, from the configured manual effort a
 * case takes and the cost of an hour of that effort.
 *
 *   gross  = completed runs × manual minutes per case
 *   net    = gross − failed runs × failure-handling minutes − healing time
 *   value  = net hours × cost per hour
 *
 * A failed run saves nothing (someone does the case by hand, as before) and
 * costs the configured handling time on top; the time recoveries took is
 * deducted because a case waiting on healing is not yet done. Workflows
 * without settings are listed with null savings and left out of the totals.
 */

export interface WorkflowValueSetting {
  readonly manual_minutes_per_case: number;
  readonly cost_per_hour: number;
  /** Manual minutes a failed run costs on top (noticing, redoing); default 0. */
  readonly failure_handling_minutes: number;
}

export interface WorkflowRunTotals {
  readonly workflow_id: string;
  readonly completed: number;
  readonly failed: number;
  /** Time spent in recoveries, ms. */
  readonly healing_ms: number;
}

export interface WorkflowSavings {
  readonly workflow_id: string;
  readonly configured: boolean;
  readonly completed: number;
  readonly failed: number;
  readonly gross_saved_hours: number | null;
  readonly failure_cost_hours: number | null;
  readonly healing_hours: number;
  readonly net_saved_hours: number | null;
  readonly net_saved_cost: number | null;
}

export interface FleetSavings {
  readonly workflows_configured: number;
  readonly gross_saved_hours: number;
  readonly net_saved_hours: number;
  readonly net_saved_cost: number;
}

const HOUR_MS = 3_600_000;

export function computeSavings(
  totals: readonly WorkflowRunTotals[],
  settings: ReadonlyMap<string, WorkflowValueSetting>,
): { items: WorkflowSavings[]; fleet: FleetSavings } {
  const items = totals.map((t) => savingsOf(t, settings.get(t.workflow_id)));
  const configured = items.filter((i) => i.configured);
  const fleet: FleetSavings = {
    workflows_configured: configured.length,
    gross_saved_hours: sum(configured.map((i) => i.gross_saved_hours ?? 0)),
    net_saved_hours: sum(configured.map((i) => i.net_saved_hours ?? 0)),
    net_saved_cost: sum(configured.map((i) => i.net_saved_cost ?? 0)),
  };
  items.sort(
    (a, b) =>
      (b.net_saved_cost ?? -Infinity) - (a.net_saved_cost ?? -Infinity) ||
      a.workflow_id.localeCompare(b.workflow_id),
  );
  return { items, fleet };
}

function savingsOf(t: WorkflowRunTotals, setting: WorkflowValueSetting | undefined): WorkflowSavings {
  const healing_hours = t.healing_ms / HOUR_MS;
  if (!setting)
    return {
      ...t,
      configured: false,
      gross_saved_hours: null,
      failure_cost_hours: null,
      healing_hours,
      net_saved_hours: null,
      net_saved_cost: null,
    };
  const gross = (t.completed * setting.manual_minutes_per_case) / 60;
  const failure = (t.failed * setting.failure_handling_minutes) / 60;
  const net = gross - failure - healing_hours;
  return {
    workflow_id: t.workflow_id,
    configured: true,
    completed: t.completed,
    failed: t.failed,
    gross_saved_hours: gross,
    failure_cost_hours: failure,
    healing_hours,
    net_saved_hours: net,
    net_saved_cost: net * setting.cost_per_hour,
  };
}

function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
