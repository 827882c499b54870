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
  following_period: Period;
  impact: ImpactReport;
}

export interface TrackedInsight extends Insight {
  implementation: ImplementationStatus | null;
}

export interface InsightFilter {
  workflowId?: string;
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
      .filter((i) => filter.workflowId === undefined || i.workflow_id === filter.workflowId)
      .filter((i) => filter.category === undefined || i.category === filter.category)
      .sort((a, b) => b.priority_score - a.priority_score || (a.insight_id < b.insight_id ? -1 : 1));
    return Promise.all(
      all.map(async (insight) => {
        const impl = recorded.get(insight.insight_id);
        return { ...insight, implementation: impl ? await measure(impl, snapshot) : null };
      }),
    );
  }

  async function implement(insightId: string, note: string | null, at?: number): Promise<TrackedInsight> {
    const snapshot = await snapshots.current();
    const known =
      snapshot.insights.find((i) => i.insight_id === insightId) ??
      (await implementations.list()).find((i) => i.insight_id === insightId)?.insight;
    if (!known) throw new NotFoundError(`no insight ${insightId}`);
    const impl = {
      insight_id: insightId,
      workflow_id: known.workflow_id,
      implemented_at: at ?? context.now(),
      note,
      insight: known,
    };
    await implementations.record(impl);
    return { ...known, implementation: await measure(impl, snapshot) };
  }

  return { list, implement };
}

export type InsightTracking = ReturnType<typeof createInsightTracking>;
