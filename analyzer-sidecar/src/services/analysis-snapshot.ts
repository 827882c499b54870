/**
 * The periodic pass: anomalies over the lookback period (every watched
 * series), correlated groups, and insights for every workflow. Requests read
 * the latest snapshot; without a refresh timer, a snapshot made stale by new
 * data is recomputed on the next request.
 */
import { correlateAnomalies } from '../analysis/anomaly/correlate-anomalies';
import { detectInSeries } from '../analysis/anomaly/detect-anomalies';
import { generateAllInsights } from '../insights/generate-insights';
import type { Period } from '../analysis/performance';
import type { Anomaly, AnomalyGroup, Insight } from '../model/analysis';
import type { AnalysisContext } from './analysis-context';
import { seriesFromStore } from './anomaly-series';
import { recentPeriods } from './periods';
import { buildWorkflowAnalyses } from './workflow-analyses';
import { healingDrafts } from './healing/healing-drafts';

export interface AnalysisSnapshot {
  computed_at: number;
  /** By start time. */
  anomalies: Anomaly[];
  groups: AnomalyGroup[];
  /** Highest priority first. */
  insights: Insight[];
}

/** Anomalies over the lookback: judged on commit (live), or detected here when there is no live analysis. */
async function lookbackAnomalies(context: AnalysisContext, lookback: Period, now: number) {
  const { live } = context;
  if (!live) {
    const records = await context.analysisStore.seriesRecords(lookback);
    const { anomalies } = detectInSeries(seriesFromStore(records), { now });
    return { anomalies, groups: correlateAnomalies(anomalies) };
  }
  await live.idle();
  const [anomalies, groups] = await Promise.all([
    live.store.anomaliesOverlapping(lookback.from, lookback.to),
    live.store.incidentsOverlapping(lookback.from, lookback.to),
  ]);
  return { anomalies, groups };
}

export async function computeSnapshot(context: AnalysisContext): Promise<AnalysisSnapshot> {
  const now = context.now();
  const periods = recentPeriods(context.config, now);
  const { anomalies, groups } = await lookbackAnomalies(context, periods.lookback, now);
  const analyses = await buildWorkflowAnalyses(context, periods, anomalies);
  const extraDrafts = context.healingStore ? await healingDrafts(context.healingStore, now) : [];
  return {
    computed_at: now,
    anomalies,
    groups,
    insights: generateAllInsights(analyses, { now, extraDrafts }),
  };
}

export function createSnapshotService(context: AnalysisContext) {
  let latest: AnalysisSnapshot | null = null;
  let dirty = true;
  let inFlight: Promise<AnalysisSnapshot> | null = null;

  /** Computes a fresh snapshot (one at a time: concurrent callers share it). */
  function refresh(): Promise<AnalysisSnapshot> {
    if (inFlight) return inFlight;
    dirty = false;
    inFlight = computeSnapshot(context)
      .then((snapshot) => (latest = snapshot))
      .finally(() => (inFlight = null));
    return inFlight;
  }

  async function current(): Promise<AnalysisSnapshot> {
    if (latest && !(dirty && context.config.refreshIntervalMs === 0)) return latest;
    return refresh();
  }

  return {
    refresh,
    current,
    markDirty: () => void (dirty = true),
  };
}

export type SnapshotService = ReturnType<typeof createSnapshotService>;
