/**
 * Insights from self-healing: an early warning for each target whose
 * visual-match confidence is drifting down (flagged by the drift test, before
 * it fails), and one for each target in healing debt. Both recommend the same
 * fix, updating the target's selector or reference image, which is easy.
 *
 * Metrics (lower is better, so buildInsight's benefit applies as is):
 * - `target_confidence_loss`: the fitted decline over the window → 0.
 * - `healing_time_ms`: time spent healing the target → 0.
 */
import type { ElementDrift } from '../analysis/drift/confidence-drift';
import type { HealingDebt } from '../analysis/healing/healing-debt';
import { formatNumber, type InsightDraft } from './build-insight';

export function driftInsightDrafts(drifts: readonly ElementDrift[]): InsightDraft[] {
  return drifts
    .filter((d) => d.flagged)
    .map((d) => {
      const loss = d.fitted_start - d.fitted_end;
      const when =
        d.days_to_floor === null
          ? 'already near its failure floor'
          : `about ${formatNumber(d.days_to_floor)} days from its failure floor`;
      return {
        workflow_id: d.workflow_id,
        category: 'reliability',
        key: `confidence_drift:${d.target_element}`,
        title: `Visual match of ${d.target_element} is drifting down`,
        description: `Confidence on ${d.target_element} fell from ${formatNumber(d.fitted_start)} to ${formatNumber(d.fitted_end)} over ${d.executions_count} executions (Mann-Kendall z ${formatNumber(d.mann_kendall_z)}, p ${d.p_value.toExponential(1)}); ${when}.${d.first_failure_at === null ? ' It has not failed yet.' : ''}`,
        recommendation: `Update the selector or reference image of ${d.target_element} before it starts failing.`,
        ease: 'easy',
        metric: 'target_confidence_loss',
        baseline_value: loss,
        expected_value: 0,
        evidence: d.executions_count,
        supporting_data: {
          target_element: d.target_element,
          slope_per_day: d.slope_per_day,
          fitted_start: d.fitted_start,
          fitted_end: d.fitted_end,
          days_to_floor: d.days_to_floor,
          p_value: d.p_value,
          first_failure_at: d.first_failure_at,
          execution_ids: d.executions.slice(-20).map((e) => e.execution_id),
        },
      } satisfies InsightDraft;
    });
}

export function healingDebtDrafts(debts: readonly HealingDebt[]): InsightDraft[] {
  return debts.map((d) => ({
    workflow_id: d.workflow_id,
    category: 'reliability',
    key: `healing_debt:${d.target_element}`,
    title: `${d.target_element} is healed on ${d.healed_days} days instead of being fixed`,
    description: `The bot healed ${d.target_element} ${d.healed_count} times on ${d.healed_days} days (${d.strategies.join(', ')}), losing ${formatNumber(d.time_lost_ms / 1000)} s.`,
    recommendation: `Update the selector of ${d.target_element}; every run pays the healing again until then.`,
    ease: 'easy',
    metric: 'healing_time_ms',
    baseline_value: d.time_lost_ms,
    expected_value: 0,
    evidence: d.healed_count,
    supporting_data: { ...d },
  }));
}
