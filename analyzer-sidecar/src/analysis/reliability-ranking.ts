/**
 * Reliability ranking (seed task 10.3): success rate combined with stability.
 *
 *   reliability_score = 100 × wilson_lower_95(completed, total) / (1 + spread)
 *
 * - The Wilson lower bound, not the raw rate, so 3 successes out of 3 do not
 *   outrank 995 out of 1000: a small sample earns less confidence.
 * - `spread` is the robust standard deviation (1.4826 × MAD) of the log
 *   durations of completed executions: scale-free, so a 2 s and a 2 h workflow
 *   compare fairly, and unmoved by a few stuck runs. A spread of 0.5 (typical
 *   durations varying by a factor ~1.65) costs a third of the score; a workflow
 *   that succeeds but whose run time is unpredictable is less reliable to plan on.
 * - A product, so either failing or erratic lowers the score; without
 *   durations the spread term is left out (factor 1).
 */
import type { ReliabilityScore, SuccessCounts } from '../model/analysis';
import { robustLocationScale } from './statistics';
import { compareStrings } from './step-summaries';
import { toSuccessRate } from './success-rate';

const Z_95 = 1.959963984540054;

/** Lower end of the Wilson score interval for a binomial proportion, in [0, 1]. */
export function wilsonLowerBound(successes: number, total: number, z = Z_95): number {
  if (total === 0) return 0;
  const p = successes / total;
  const z2 = z * z;
  const center = p + z2 / (2 * total);
  const margin = z * Math.sqrt((p * (1 - p)) / total + z2 / (4 * total * total));
  return Math.max(0, (center - margin) / (1 + z2 / total));
}

export interface WorkflowReliabilityInput extends SuccessCounts {
  /** Durations of completed executions (ms); may be empty. */
  durations?: readonly number[];
  /**
   * Or the spread computed by the store: 1.4826 × DuckDB's `mad(ln(1 + duration_ms))`
   * over completed executions (null below two); wins over `durations`.
   */
  duration_spread?: number | null;
}

/** Reference of the spread: robust σ of log(1 + duration); null below two durations. */
export function durationSpread(durations: readonly number[]): number | null {
  if (durations.length < 2) return null;
  return robustLocationScale(durations.map((d) => Math.log1p(Math.max(0, d)))).scale;
}

/** Most reliable first; ties by workflow id. */
export function rankReliability(inputs: readonly WorkflowReliabilityInput[]): ReliabilityScore[] {
  const scored = inputs.map((input) => {
    const rate = toSuccessRate(input);
    const lower = wilsonLowerBound(input.completed, rate.total);
    const spread =
      input.duration_spread !== undefined ? input.duration_spread : durationSpread(input.durations ?? []);
    return {
      workflow_id: input.workflow_id,
      rank: 0,
      reliability_score: (100 * lower) / (1 + (spread ?? 0)),
      success_rate: rate.success_rate,
      success_rate_lower_bound: lower * 100,
      duration_spread: spread,
      total: rate.total,
    };
  });
  scored.sort(
    (a, b) => b.reliability_score - a.reliability_score || compareStrings(a.workflow_id, b.workflow_id),
  );
  return scored.map((s, i) => ({ ...s, rank: i + 1 }));
}
