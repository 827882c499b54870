/** Reliability rule: a success rate below target, and the failure category to fix first. */
import type { Ease } from '../model/analysis';
import { FAILURE_CATEGORY } from '@rpa-analytics/conventions';
import type { InsightDraft } from './build-insight';
import { INSIGHT_THRESHOLDS as T, type WorkflowAnalysis } from './workflow-analysis';

const C = FAILURE_CATEGORY;
const FIXES: Record<string, { ease: Ease; fix: string }> = {
  [C.timeout]: {
    ease: 'easy',
    fix: 'Wait for the awaited state explicitly and size timeouts from the p95 of the step, not a constant.',
  },
  [C.elementNotFound]: {
    ease: 'medium',
    fix: 'Use selectors anchored on stable attributes and enable self-healing for this element.',
  },
  [C.lowConfidence]: {
    ease: 'medium',
    fix: 'Refresh the reference images or narrow the match region; the screen has drifted from them.',
  },
  [C.applicationError]: {
    ease: 'hard',
    fix: "Handle the application's error dialogs and restart it cleanly before retrying; report the crash to its owners.",
  },
  [C.network]: {
    ease: 'easy',
    fix: 'Retry network calls with exponential backoff and check the connectivity of the executor hosts.',
  },
  [C.validation]: {
    ease: 'medium',
    fix: 'Validate the input data before the run and route bad records to a review queue instead of failing.',
  },
  [C.unknown]: {
    ease: 'medium',
    fix: 'Throw typed errors (error.type) from the workflow so failures can be categorized and fixed.',
  },
};

/** Fixing the dominant category is assumed to remove 80 % of its failures. */
const FIX_EFFECTIVENESS = 0.8;

export function reliabilityInsights(a: WorkflowAnalysis): InsightDraft[] {
  const r = a.reliability;
  if (
    !r ||
    r.success_rate === null ||
    r.total < T.minFinishedForReliability ||
    r.success_rate >= T.successRateBelow
  )
    return [];
  const categories = a.failures?.categories ?? [];
  const failures = categories.reduce((s, c) => s + c.count, 0);
  const top = categories[0] ?? { category: C.unknown, count: r.failed, examples: [] };
  const share = failures > 0 ? top.count / failures : 1;
  const { ease, fix } = FIXES[top.category] ?? {
    ease: 'medium' as const,
    fix: `Address the "${top.category}" failures first.`,
  };
  const expected = Math.min(100, r.success_rate + FIX_EFFECTIVENESS * share * (100 - r.success_rate));
  return [
    {
      workflow_id: a.workflow_id,
      category: 'reliability',
      key: `failures:${top.category}`,
      title: `${r.success_rate.toFixed(1)} % success; ${(share * 100).toFixed(0)} % of failures are ${top.category}`,
      description: `${r.failed} of ${r.total} finished executions failed. The most frequent category is ${top.category} (${top.count}).`,
      recommendation: fix,
      ease,
      metric: 'success_rate',
      baseline_value: r.success_rate,
      expected_value: expected,
      evidence: r.total,
      unit: ' %',
      supporting_data: {
        success_rate: r,
        failure_categories: categories.map(({ category, count }) => ({ category, count })),
        examples: top.examples,
      },
    },
  ];
}
