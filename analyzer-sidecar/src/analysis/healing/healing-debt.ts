/**
 * Healing debt: targets the bot keeps healing instead of someone updating the
 * selector. An element is in debt when it was healed on at least `minDays`
 * distinct days of the window and was still being healed at its end (its last
 * heal within `stillHealingMs` of `now`): a fix would have stopped the heals.
 * Ranked by healed count × time lost, the cost of leaving it unfixed.
 */
import type { HealingRow } from './healing-stats';

export interface HealingDebtOptions {
  readonly now: number;
  readonly minDays: number;
  /** A heal this recent means the element is still unfixed. */
  readonly stillHealingMs: number;
}

export interface HealingDebt {
  readonly workflow_id: string;
  readonly target_element: string;
  /** Successful and failed recovery attempts. */
  readonly healed_count: number;
  readonly healed_days: number;
  readonly first_healed_at: number;
  readonly last_healed_at: number;
  /** Time spent healing it, ms. */
  readonly time_lost_ms: number;
  /** healed_count × time lost in seconds. */
  readonly debt_score: number;
  readonly strategies: readonly string[];
}

const DAY_MS = 86_400_000;

export function rankHealingDebt(rows: readonly HealingRow[], options: HealingDebtOptions): HealingDebt[] {
  const groups = new Map<string, HealingRow[]>();
  for (const row of rows) {
    const key = JSON.stringify([row.workflow_id, row.target_element]);
    const list = groups.get(key);
    if (list) list.push(row);
    else groups.set(key, [row]);
  }
  const debts: HealingDebt[] = [];
  for (const list of groups.values()) {
    const days = new Set(list.map((r) => Math.floor(r.started_at / DAY_MS)));
    const last = Math.max(...list.map((r) => r.started_at));
    if (days.size < options.minDays || options.now - last > options.stillHealingMs) continue;
    const time_lost_ms = list.reduce((sum, r) => sum + Math.max(0, r.completed_at - r.started_at), 0);
    const first = list[0] as HealingRow;
    debts.push({
      workflow_id: first.workflow_id,
      target_element: first.target_element,
      healed_count: list.length,
      healed_days: days.size,
      first_healed_at: Math.min(...list.map((r) => r.started_at)),
      last_healed_at: last,
      time_lost_ms,
      debt_score: list.length * (time_lost_ms / 1000),
      strategies: [...new Set(list.map((r) => r.strategy))].sort(),
    });
  }
  return debts.sort(
    (a, b) =>
      b.debt_score - a.debt_score ||
      a.workflow_id.localeCompare(b.workflow_id) ||
      a.target_element.localeCompare(b.target_element),
  );
}
