/**
 * Insights with their implementation (seed `track_insight_implementation`):
 * an implemented insight is measured over the period that follows, actual
 * against the change it expected, and served with that impact.
 */
import type { Period } from '../analysis/performance';
import { evaluateInsightImpact, type ImpactReport } from '../insights/impact-tracking';
import type { Insight } from '../model/analysis';
import type { ImplementationStore, InsightImplementation } from '../store/implementation-store';
import type { AnalysisContext } from './analysis-context';
import type { AnalysisSnapshot, SnapshotService } from './analysis-snapshot';
import { NotFoundError } from './not-found-error';
import { metricValues } from './workflow-metrics';

export interface ImplementationStatus {
  implemented_at: number;
  note: string | null;
  reported_impact: Record<string, unknown> | null;
  following_period: Period;
  impact: ImpactReport;
}

export interface TrackedInsight extends Insight {
  implementation: ImplementationStatus | null;
}

export interface ImplementationReport {
  note: string | null;
  /** Default now. */
  at?: number;
  reported: Record<string, unknown> | null;
}

export interface InsightFilter {
  workflowIds?: readonly string[];
  category?: string;
}

export function createInsightTracking(
  context: AnalysisContext,
  implementations: ImplementationStore,
  snapshots: SnapshotService,
) {
  async function measure(
    impl: InsightImplementation,
    snapshot: AnalysisSnapshot,
  ): Promise<ImplementationStatus> {
    const now = context.now();
    const period = {
      from: impl.implemented_at,
      to: Math.min(now + 1, impl.implemented_at + context.config.impactPeriodMs),
    };
    const values = await metricValues(context, [impl.workflow_id], period);
    const anomaly_episodes = snapshot.anomalies.filter(
      (a) => a.workflow_id === impl.workflow_id && a.started_at >= period.from && a.started_at < period.to,
    ).length;
    const metrics = { ...values.get(impl.workflow_id), anomaly_episodes };
    return {
      implemented_at: impl.implemented_at,
      note: impl.note,
      reported_impact: impl.reported_impact,
      following_period: period,
      impact: evaluateInsightImpact(impl.insight, metrics),
    };
  }

  /** Current insights, plus implemented ones no longer raised; highest priority first. */
  async function list(filter: InsightFilter): Promise<TrackedInsight[]> {
    const snapshot = await snapshots.current();
    const recorded = new Map((await implementations.list()).map((i) => [i.insight_id, i]));
    const current = new Set(snapshot.insights.map((i) => i.insight_id));
    const retired = [...recorded.values()].filter((i) => !current.has(i.insight_id)).map((i) => i.insight);
    const all = [...snapshot.insights, ...retired]
      .filter((i) => !filter.workflowIds?.length || filter.workflowIds.includes(i.workflow_id))
      .filter((i) => filter.category === undefined || i.category === filter.category)
      .sort((a, b) => b.priority_score - a.priority_score || (a.insight_id < b.insight_id ? -1 : 1));
    return Promise.all(
      all.map(async (insight) => {
        const impl = recorded.get(insight.insight_id);
        return { ...insight, implementation: impl ? await measure(impl, snapshot) : null };
      }),
    );
  }

  async function find(insightId: string): Promise<{ insight: Insight; snapshot: AnalysisSnapshot }> {
    const snapshot = await snapshots.current();
    const insight =
      snapshot.insights.find((i) => i.insight_id === insightId) ??
      (await implementations.list()).find((i) => i.insight_id === insightId)?.insight;
    if (!insight) throw new NotFoundError(`no insight ${insightId}`);
    return { insight, snapshot };
  }

  async function implement(insightId: string, report: ImplementationReport): Promise<TrackedInsight> {
    const { insight, snapshot } = await find(insightId);
    const impl = {
      insight_id: insightId,
      workflow_id: insight.workflow_id,
      implemented_at: report.at ?? context.now(),
      note: report.note,
      reported_impact: report.reported,
      insight,
    };
    await implementations.record(impl);
    return { ...insight, implementation: await measure(impl, snapshot) };
  }

  /** Forgets a recorded implementation (`implemented: false`). */
  async function withdraw(insightId: string): Promise<TrackedInsight> {
    const { insight } = await find(insightId);
    await implementations.remove(insightId);
    return { ...insight, implementation: null };
  }

  return { list, implement, withdraw };
}

export type InsightTracking = ReturnType<typeof createInsightTracking>;
