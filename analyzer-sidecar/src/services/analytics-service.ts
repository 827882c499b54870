/**
 * The per-request analyses: the store answers aggregate questions, the pure
 * analysis layer turns them into PerformanceStats, bottlenecks, degradation,
 * success rates, failure categories, reliability ranking and comparisons.
 */
import { identifyBottlenecks } from '../analysis/bottlenecks';
import { compareWorkflows } from '../analysis/comparison';
import { detectPerformanceDegradation, type DegradationOptions } from '../analysis/degradation';
import { categorizeFailures } from '../analysis/failure-breakdown';
import { performanceStatsFromSummary, type Period } from '../analysis/performance';
import { rankReliability } from '../analysis/reliability-ranking';
import { toSuccessRate } from '../analysis/success-rate';
import type {
  Bottleneck,
  Comparison,
  Degradation,
  FailureBreakdown,
  NodeSummary,
  PerformanceStats,
  ReliabilityScore,
  SuccessRate,
  SuccessRateWindow,
} from '../model/analysis';
import type { ExecutionFilter } from '../store/store';
import { type AnalysisContext, cached } from './analysis-context';
import { degradationPeriods } from './periods';
import { fillWindows } from './success-windows';
import { durationSummaries, EMPTY_SUMMARY, metricValues } from './workflow-metrics';

export interface BottleneckQuery extends ExecutionFilter {
  thresholdPercentile: number;
  limit?: number;
}

export interface DegradationResult extends Degradation {
  baseline_period: Period;
  current_period: Period;
}

export function createAnalyticsService(context: AnalysisContext) {
  const { store, analysisStore } = context;
  const key = (name: string, args: unknown) => `${name}:${JSON.stringify(args)}`;
  const period = (f: ExecutionFilter) =>
    f.from === undefined && f.to === undefined
      ? undefined
      : { from: f.from ?? 0, to: f.to ?? context.now() + 1 };

  /** Shared by performance (slowest steps) and bottlenecks: one GROUP BY per workflow and filter. */
  function nodeSummaries(workflowId: string, filter: ExecutionFilter): Promise<NodeSummary[]> {
    const { from, to, actionType } = filter;
    const scoped = { from, to, actionType, workflowIds: [workflowId] };
    return cached(context, key('nodes', scoped), [workflowId], () => store.nodeSummaries(scoped));
  }

  async function performance(workflowId: string, filter: ExecutionFilter): Promise<PerformanceStats> {
    return cached(context, key('performance', [workflowId, filter]), [workflowId], async () => {
      const scoped = { ...filter, workflowIds: [workflowId] };
      const [summaries, nodes] = await Promise.all([
        durationSummaries(store, scoped),
        nodeSummaries(workflowId, filter),
      ]);
      return performanceStatsFromSummary(workflowId, summaries.get(workflowId) ?? EMPTY_SUMMARY, {
        stepSummaries: nodes,
        period: period(filter),
      });
    });
  }

  async function bottlenecks(workflowId: string, query: BottleneckQuery): Promise<Bottleneck[]> {
    return cached(context, key('bottlenecks', [workflowId, query]), [workflowId], async () => {
      const nodes = await nodeSummaries(workflowId, query);
      return identifyBottlenecks(nodes, {
        thresholdPercentile: query.thresholdPercentile,
        ...(query.limit !== undefined && { limit: query.limit }),
      });
    });
  }

  /** Current period [from, to) when both are given, else the configured one ending at `to` or now. */
  async function degradation(
    workflowId: string,
    options: DegradationOptions,
    range: { from?: number; to?: number } = {},
  ): Promise<DegradationResult> {
    const periods = degradationPeriods(context.config, context.now(), range);
    const [baseline, current] = await Promise.all(
      [periods.baseline, periods.current].map((p) =>
        durationSummaries(store, { workflowIds: [workflowId], from: p.from, to: p.to }),
      ),
    );
    return {
      ...detectPerformanceDegradation(
        workflowId,
        baseline?.get(workflowId) ?? EMPTY_SUMMARY,
        current?.get(workflowId) ?? EMPTY_SUMMARY,
        options,
      ),
      baseline_period: periods.baseline,
      current_period: periods.current,
    };
  }

  async function successRates(filter: ExecutionFilter): Promise<SuccessRate[]> {
    return cached(context, key('success', filter), filter.workflowIds ?? [], async () => {
      const rows = await store.successRates(filter);
      return rows.map((r) =>
        toSuccessRate({ workflow_id: r.workflow_id, completed: r.completed, failed: r.failed }),
      );
    });
  }

  /** Each workflow's success rate per window of `windowMs` over the period. */
  async function successRateWindows(
    workflowIds: readonly string[],
    period: Period,
    windowMs: number,
  ): Promise<Map<string, SuccessRateWindow[]>> {
    const filter = { workflowIds: [...workflowIds], from: period.from, to: period.to };
    const rows = await analysisStore.windowedOutcomes(filter, windowMs);
    return new Map(workflowIds.map((id) => [id, fillWindows(id, rows, period, windowMs)]));
  }

  async function failures(filter: ExecutionFilter, examples: number): Promise<FailureBreakdown> {
    return cached(context, key('failures', [filter, examples]), filter.workflowIds ?? [], async () => {
      const rows = await analysisStore.failures(filter);
      return categorizeFailures(rows, {
        examplesPerCategory: examples,
        ...(context.failureRules && { rules: context.failureRules }),
      });
    });
  }

  async function reliability(filter: ExecutionFilter): Promise<ReliabilityScore[]> {
    return cached(context, key('reliability', filter), filter.workflowIds ?? [], async () => {
      const [rates, spreads] = await Promise.all([
        store.successRates(filter),
        analysisStore.durationSpreads(filter),
      ]);
      const spreadOf = new Map(spreads.map((s) => [s.workflow_id, s.duration_spread]));
      return rankReliability(
        rates.map((r) => ({
          workflow_id: r.workflow_id,
          completed: r.completed,
          failed: r.failed,
          duration_spread: spreadOf.get(r.workflow_id) ?? null,
        })),
      );
    });
  }

  async function compare(
    workflowIds: readonly string[],
    metrics: readonly string[],
    filter: ExecutionFilter,
  ): Promise<Comparison> {
    const values = await metricValues(context, workflowIds, filter);
    return compareWorkflows(values, metrics);
  }

  return {
    performance,
    bottlenecks,
    degradation,
    successRates,
    successRateWindows,
    failures,
    reliability,
    compare,
  };
}

export type AnalyticsService = ReturnType<typeof createAnalyticsService>;
