/**
 * What the self-healing routes ask: each answer is one or two store queries
 * and a pure function (analysis/healing, drift, roi, cadence).
 */
import { evaluateExpectedRun, type RunExpectation } from '../../analysis/cadence/expected-runs';
import {
  DEFAULT_DRIFT_OPTIONS,
  detectConfidenceDrift,
  type DriftOptions,
} from '../../analysis/drift/confidence-drift';
import { rankHealingDebt } from '../../analysis/healing/healing-debt';
import {
  failuresAfterRecovery,
  healingTotals,
  summarizeHealing,
  type HealingDimension,
} from '../../analysis/healing/healing-stats';
import { computeSavings, type WorkflowValueSetting } from '../../analysis/roi/time-saved';
import type { HealingStore } from '../../store/healing-store';
import type { ExecutionFilter } from '../../store/store';
import type { WorkflowSettings, WorkflowSettingsStore } from '../../store/workflow-settings-store';
import { CADENCE_LOOKBACK_MS, DEBT_DEFAULTS, DRIFT_WINDOW_MS } from './healing-defaults';

const DAY_MS = 86_400_000;

export interface HealingServiceDeps {
  readonly store: HealingStore;
  readonly settings: WorkflowSettingsStore;
  readonly now: () => number;
}

export interface DebtQuery {
  readonly days?: number;
  readonly minDays?: number;
  readonly stillHealingHours?: number;
  readonly workflowIds?: readonly string[];
}

/** `from` defaults to `to − window`, `to` to now. */
function windowed(filter: ExecutionFilter, windowMs: number, now: number): ExecutionFilter {
  const to = filter.to ?? now + 1;
  return { ...filter, to, from: filter.from ?? to - windowMs };
}

export function createHealingService(deps: HealingServiceDeps) {
  const { store, settings } = deps;
  return {
    async summary(filter: ExecutionFilter, dimension: HealingDimension) {
      const [rows, counts] = await Promise.all([store.healingRows(filter), store.targetStepCounts(filter)]);
      return { totals: healingTotals(rows, counts), groups: summarizeHealing(rows, dimension, counts) };
    },

    async failuresAfterRecovery(filter: ExecutionFilter) {
      return failuresAfterRecovery(await store.healingRows(filter));
    },

    async drift(filter: ExecutionFilter, options: Partial<DriftOptions>) {
      const range = windowed(filter, DRIFT_WINDOW_MS, deps.now());
      const merged = { ...DEFAULT_DRIFT_OPTIONS, ...options };
      const points = await store.confidencePoints(range, merged.maxPoints);
      return { range, options: merged, items: detectConfidenceDrift(points, merged) };
    },

    async debt(query: DebtQuery) {
      const now = deps.now();
      const days = query.days ?? DEBT_DEFAULTS.days;
      const rows = await store.healingRows({
        from: now - days * DAY_MS,
        to: now + 1,
        workflowIds: query.workflowIds,
      });
      return rankHealingDebt(rows, {
        now,
        minDays: query.minDays ?? DEBT_DEFAULTS.minDays,
        stillHealingMs:
          query.stillHealingHours !== undefined
            ? query.stillHealingHours * 3_600_000
            : DEBT_DEFAULTS.stillHealingMs,
      });
    },

    async timeSaved(filter: ExecutionFilter) {
      const [totals, all] = await Promise.all([store.runTotals(filter), settings.list()]);
      return computeSavings(totals, valueSettings(all));
    },

    async expectedRuns(workflowIds?: readonly string[]): Promise<RunExpectation[]> {
      const now = deps.now();
      const [all, starts] = await Promise.all([
        settings.list(),
        store.executionStarts({ from: now - CADENCE_LOOKBACK_MS, to: now + 1, workflowIds }),
      ]);
      const wanted = workflowIds && workflowIds.length > 0 ? new Set(workflowIds) : null;
      const byId = new Map(all.map((s) => [s.workflow_id, s]));
      const startsOf = new Map(starts.map((s) => [s.workflow_id, s.started_at]));
      const ids = new Set([...startsOf.keys(), ...all.filter((s) => s.cron).map((s) => s.workflow_id)]);
      return [...ids]
        .filter((id) => !wanted || wanted.has(id))
        .sort()
        .map((id) => evaluateExpectedRun(id, startsOf.get(id) ?? [], byId.get(id), now))
        .filter((e): e is RunExpectation => e !== null)
        .sort((a, b) => Number(b.missing) - Number(a.missing) || b.overdue_ms - a.overdue_ms);
    },

    queueTimes: (filter: ExecutionFilter) => store.queueTimes(filter),
  };
}

export type HealingService = ReturnType<typeof createHealingService>;

function valueSettings(all: readonly WorkflowSettings[]): Map<string, WorkflowValueSetting> {
  const map = new Map<string, WorkflowValueSetting>();
  for (const s of all)
    if (s.manual_minutes_per_case !== null)
      map.set(s.workflow_id, {
        manual_minutes_per_case: s.manual_minutes_per_case,
        cost_per_hour: s.cost_per_hour ?? 0,
        failure_handling_minutes: s.failure_handling_minutes,
      });
  return map;
}
