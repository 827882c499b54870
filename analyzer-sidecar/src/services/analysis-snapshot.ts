/**
 * The periodic pass: anomalies over the lookback period (every watched
 * series), correlated groups, and insights for every workflow. Requests read
 * the latest snapshot; without a refresh timer, a snapshot made stale by new
 * data is recomputed on the next request.
 */
import { correlateAnomalies } from '../analysis/anomaly/correlate-anomalies';
import { detectInSeries } from '../analysis/anomaly/detect-anomalies';
import { generateAllInsights } from '../insights/generate-insights';
import type { Anomaly, AnomalyGroup, Insight } from '../model/analysis';
import type { AnalysisContext } from './analysis-context';
import { seriesFromStore } from './anomaly-series';
import { recentPeriods } from './periods';
import { buildWorkflowAnalyses } from './workflow-analyses';

export interface AnalysisSnapshot {
  computed_at: number;
  /** By start time. */
  anomalies: Anomaly[];
  groups: AnomalyGroup[];
  /** Highest priority first. */
  insights: Insight[];
}

export async function computeSnapshot(context: AnalysisContext): Promise<AnalysisSnapshot> {
  const now = context.now();
  const periods = recentPeriods(context.config, now);
  const records = await context.analysisStore.seriesRecords(periods.lookback);
  const { anomalies } = detectInSeries(seriesFromStore(records), { now });
  const groups = correlateAnomalies(anomalies);
  const analyses = await buildWorkflowAnalyses(context, periods, anomalies);
  return { computed_at: now, anomalies, groups, insights: generateAllInsights(analyses, { now }) };
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
