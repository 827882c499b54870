/**
 * Side-by-side comparison of workflows (seed `QueryEngine.compare`, Property
 * 17): each metric of each workflow with its difference from, and percentage
 * change against, the reference workflow (the first one listed, unless named).
 */
import type { Comparison, MetricComparison } from '../model/analysis';
import { percentChange } from './degradation';

/** Metric values of one workflow, e.g. a PerformanceStats or SuccessRate flattened. */
export type MetricValues = Readonly<Record<string, unknown>>;

export interface CompareOptions {
  /** Default: the first workflow id. */
  referenceWorkflowId?: string;
}

function numeric(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

function compareMetric(value: number | null, reference: number | null): MetricComparison {
  return {
    value,
    difference: value === null || reference === null ? null : value - reference,
    percent_change: percentChange(reference, value),
  };
}

export function compareWorkflows(
  values: ReadonlyMap<string, MetricValues>,
  metrics: readonly string[],
  options: CompareOptions = {},
): Comparison {
  const ids = [...values.keys()];
  const reference = options.referenceWorkflowId ?? ids[0];
  if (reference === undefined || !values.has(reference)) {
    throw new RangeError(`reference workflow ${String(reference)} is not among the compared workflows`);
  }
  const referenceValues = values.get(reference) as MetricValues;
  const workflows: Comparison['workflows'] = {};
  for (const [id, own] of values) {
    workflows[id] = Object.fromEntries(
      metrics.map((m) => [m, compareMetric(numeric(own[m]), numeric(referenceValues[m]))]),
    );
  }
  return { reference_workflow_id: reference, metrics: [...metrics], workflows };
}
