/**
 * Workflow performance (seed `analyze_workflow`): exact duration statistics of
 * finished executions, `completed` only unless a status filter says otherwise.
 */
import { EXECUTION_STATUS } from '@rpa-analytics/conventions';
import type { DurationSummary, NodeSummary, PerformanceStats } from '../model/analysis';
import type { ExecutionRecord, StoredExecutionStatus } from '../model/records';
import { rankSteps } from './bottlenecks';
import { summarizeDurations } from './statistics';

/** Half-open time range [from, to) in epoch milliseconds. */
export interface Period {
  from: number;
  to: number;
}

export interface DurationFilter {
  workflowId: string;
  /** Executions that started in this period; default any time. */
  period?: Period;
  /** Default `completed`. */
  statuses?: readonly StoredExecutionStatus[];
}

export function inPeriod(time: number, period: Period | undefined): boolean {
  return period === undefined || (time >= period.from && time < period.to);
}

/** Durations the statistics count: the workflow's executions matching the filter that have a duration. */
export function selectDurations(executions: readonly ExecutionRecord[], filter: DurationFilter): number[] {
  const statuses = new Set<string>(filter.statuses ?? [EXECUTION_STATUS.completed]);
  const durations: number[] = [];
  for (const e of executions) {
    if (e.workflow_id !== filter.workflowId || !statuses.has(e.status) || e.duration_ms === null) continue;
    if (inPeriod(e.started_at, filter.period)) durations.push(e.duration_ms);
  }
  return durations;
}

/** `time_period` label: the explicit period as RFC 3339 `from/to` (ISO 8601 interval), or `all`. */
export function describePeriod(period: Period | undefined): string {
  if (!period) return 'all';
  return `${new Date(period.from).toISOString()}/${new Date(period.to).toISOString()}`;
}

export interface AnalyzeWorkflowOptions extends DurationFilter {
  /** Per-node step summaries of the same workflow and period, for `slowest_steps`. */
  stepSummaries?: readonly NodeSummary[];
  /** How many slowest steps to list; default 5. */
  slowestStepsLimit?: number;
}

export type PerformanceOptions = Omit<AnalyzeWorkflowOptions, 'workflowId'>;

/** PerformanceStats from already selected durations. */
export function buildPerformanceStats(
  workflowId: string,
  durations: readonly number[],
  options: PerformanceOptions = {},
): PerformanceStats {
  return performanceStatsFromSummary(workflowId, summarizeDurations(durations), options);
}

/** PerformanceStats from a duration summary the store computed (quantile_cont, stddev_samp). */
export function performanceStatsFromSummary(
  workflowId: string,
  { count, ...summary }: DurationSummary,
  options: PerformanceOptions = {},
): PerformanceStats {
  const nodes = (options.stepSummaries ?? []).filter((s) => s.workflow_id === workflowId);
  return {
    workflow_id: workflowId,
    time_period: describePeriod(options.period),
    execution_count: count,
    ...summary,
    slowest_steps: rankSteps(nodes, options.slowestStepsLimit ?? 5),
  };
}

export function analyzeWorkflow(
  executions: readonly ExecutionRecord[],
  options: AnalyzeWorkflowOptions,
): PerformanceStats {
  return buildPerformanceStats(options.workflowId, selectDurations(executions, options), options);
}
