/** The periodic pass's self-healing findings: drift over the last week, healing debt over the default window. */
import { DEFAULT_DRIFT_OPTIONS, detectConfidenceDrift } from '../../analysis/drift/confidence-drift';
import { rankHealingDebt } from '../../analysis/healing/healing-debt';
import { driftInsightDrafts, healingDebtDrafts } from '../../insights/healing-insights';
import type { InsightDraft } from '../../insights/build-insight';
import type { HealingStore } from '../../store/healing-store';
import { DEBT_DEFAULTS, DRIFT_WINDOW_MS } from './healing-defaults';

export async function healingDrafts(store: HealingStore, now: number): Promise<InsightDraft[]> {
  const [points, rows] = await Promise.all([
    store.confidencePoints({ from: now - DRIFT_WINDOW_MS, to: now + 1 }, DEFAULT_DRIFT_OPTIONS.maxPoints),
    store.healingRows({ from: now - DEBT_DEFAULTS.days * 86_400_000, to: now + 1 }),
  ]);
  return [
    ...driftInsightDrafts(detectConfidenceDrift(points)),
    ...healingDebtDrafts(
      rankHealingDebt(rows, {
        now,
        minDays: DEBT_DEFAULTS.minDays,
        stillHealingMs: DEBT_DEFAULTS.stillHealingMs,
      }).slice(0, 10),
    ),
  ];
}
