/**
 * Success rates per window from the store's windowed counts, every window of
 * the range present (empty ones with a null rate) as analysis/success-rate's
 * successRateWindows makes them from records.
 */
import type { Period } from '../analysis/performance';
import { toSuccessRate } from '../analysis/success-rate';
import type { SuccessRateWindow } from '../model/analysis';
import type { WindowedOutcomes } from '../store/analysis-store';

export const MAX_WINDOWS = 1000;

export function fillWindows(
  workflowId: string,
  rows: readonly WindowedOutcomes[],
  period: Period,
  windowMs: number,
): SuccessRateWindow[] {
  const count = Math.ceil((period.to - period.from) / windowMs);
  const byIndex = new Map(rows.filter((r) => r.workflow_id === workflowId).map((r) => [r.window_index, r]));
  return Array.from({ length: count }, (_, k) => {
    const counts = byIndex.get(k);
    return {
      ...toSuccessRate({
        workflow_id: workflowId,
        completed: counts?.completed ?? 0,
        failed: counts?.failed ?? 0,
      }),
      window_start: period.from + k * windowMs,
      window_end: Math.min(period.to, period.from + (k + 1) * windowMs),
    };
  });
}
