/**
 * The failures of a set of executions, categorized: `/analytics/failures`.
 * One failure per failed execution, described by the execution's error or,
 * when it has none, by its first failed step's.
 */
import { EXECUTION_STATUS, STEP_STATUS } from '@rpa-analytics/conventions';
import type { FailureBreakdown, FailureCategoryCount } from '../model/analysis';
import type { ExecutionRecord, StepRecord } from '../model/records';
import {
  BUILT_IN_FAILURE_RULES,
  categorizeFailure,
  type Failure,
  type FailureRule,
} from './failure-categories';
import { compareStrings } from './step-summaries';

function firstFailedSteps(steps: readonly StepRecord[]): Map<string, StepRecord> {
  const first = new Map<string, StepRecord>();
  for (const s of steps) {
    if (s.status !== STEP_STATUS.failed) continue;
    const seen = first.get(s.execution_id);
    if (!seen || s.started_at < seen.started_at) first.set(s.execution_id, s);
  }
  return first;
}

export function failuresFromRecords(
  executions: readonly ExecutionRecord[],
  steps: readonly StepRecord[] = [],
): Failure[] {
  const failedSteps = firstFailedSteps(steps);
  return executions
    .filter((e) => e.status === EXECUTION_STATUS.failed)
    .map((e) => {
      const step = failedSteps.get(e.execution_id);
      return {
        execution_id: e.execution_id,
        step_id: step?.step_id ?? null,
        error_type: e.error_type ?? step?.error_type ?? null,
        message: e.error_message ?? step?.error_details ?? null,
        confidence_score: step?.confidence_score ?? null,
      };
    });
}

export interface BreakdownOptions {
  rules?: readonly FailureRule[];
  /** Examples kept per category; default 3. */
  examplesPerCategory?: number;
}

/** Categories by count, most frequent first (ties by name). */
export function categorizeFailures(
  failures: readonly Failure[],
  options: BreakdownOptions = {},
): FailureBreakdown {
  const limit = options.examplesPerCategory ?? 3;
  const byCategory = new Map<string, FailureCategoryCount>();
  for (const failure of failures) {
    const category = categorizeFailure(failure, options.rules ?? BUILT_IN_FAILURE_RULES);
    let entry = byCategory.get(category);
    if (!entry) byCategory.set(category, (entry = { category, count: 0, examples: [] }));
    entry.count += 1;
    if (entry.examples.length < limit) {
      const { execution_id, step_id, error_type, message } = failure;
      entry.examples.push({ execution_id, step_id, error_type, message });
    }
  }
  const categories = [...byCategory.values()].sort(
    (a, b) => b.count - a.count || compareStrings(a.category, b.category),
  );
  return { categories };
}
