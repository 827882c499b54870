/**
 * Assembles one workflow's WorkflowAnalysis from raw records, for callers that
 * hold records rather than store-computed summaries (tests, small deployments).
 */
import { detectPerformanceDegradation } from '../analysis/degradation';
import { categorizeFailures, failuresFromRecords } from '../analysis/failure-breakdown';
import type { FailureRule } from '../analysis/failure-categories';
import { analyzeWorkflow, inPeriod, type Period, selectDurations } from '../analysis/performance';
import { summarizeResources } from '../analysis/resource-usage';
import { summarizeDurations } from '../analysis/statistics';
import { summarizeSteps } from '../analysis/step-summaries';
import { countOutcomes, toSuccessRate } from '../analysis/success-rate';
import type { Anomaly } from '../model/analysis';
import type { ExecutionRecord, StepRecord } from '../model/records';
import type { WorkflowAnalysis } from './workflow-analysis';

export interface AssembleOptions {
  workflowId: string;
  /** The analysed period (executions by start time). */
  period: Period;
  /** The period degradation compares against; none: no degradation analysis. */
  baselinePeriod?: Period;
  /** Anomalies already detected; those of this workflow overlapping the period are kept. */
  anomalies?: readonly Anomaly[];
  failureRules?: readonly FailureRule[];
}

export function assembleWorkflowAnalysis(
  executions: readonly ExecutionRecord[],
  steps: readonly StepRecord[],
  options: AssembleOptions,
): WorkflowAnalysis {
  const { workflowId, period } = options;
  const own = executions.filter((e) => e.workflow_id === workflowId && inPeriod(e.started_at, period));
  const ids = new Set(own.map((e) => e.execution_id));
  const ownSteps = steps.filter((s) => s.workflow_id === workflowId && ids.has(s.execution_id));
  const nodes = summarizeSteps(ownSteps);
  const baseline = options.baselinePeriod;
  return {
    workflow_id: workflowId,
    performance: analyzeWorkflow(own, { workflowId, period, stepSummaries: nodes }),
    nodes,
    degradation: baseline
      ? detectPerformanceDegradation(
          workflowId,
          summarizeDurations(selectDurations(executions, { workflowId, period: baseline })),
          summarizeDurations(selectDurations(own, { workflowId })),
        )
      : null,
    reliability: toSuccessRate(countOutcomes(own)[0] ?? { workflow_id: workflowId, completed: 0, failed: 0 }),
    failures: categorizeFailures(
      failuresFromRecords(own, ownSteps),
      options.failureRules ? { rules: options.failureRules } : {},
    ),
    resources: summarizeResources(workflowId, own),
    anomalies: (options.anomalies ?? []).filter(
      (a) => a.workflow_id === workflowId && a.started_at < period.to && a.ended_at >= period.from,
    ),
  };
}
