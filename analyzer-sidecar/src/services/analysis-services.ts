/**
 * Wires the analysis services over a store: per-request analytics, the
 * periodic snapshot (anomalies, groups, insights), insight tracking and the
 * alert gauges, refreshed every `refreshIntervalMs` and on demand.
 */
import type { FailureRule } from '../analysis/failure-categories';
import { QueryCache } from '../analysis/query-cache';
import type { AnalysisConfig } from '../config/config';
import type { AnalysisStore } from '../store/analysis-store';
import type { HealingStore } from '../store/healing-store';
import type { ImplementationStore } from '../store/implementation-store';
import type { Store } from '../store/store';
import type { WriteEvents } from '../store/write-events';
import type { AlertGauges } from '../telemetry/alert-gauges';
import type { AnalysisContext, LiveAnalysis } from './analysis-context';
import { type AnalysisSnapshot, createSnapshotService } from './analysis-snapshot';
import { computeAlertValues } from './alert-values';
import { createAnalyticsService } from './analytics-service';
import { createInsightTracking } from './insight-tracking';
import { QueryQueue, queued } from './query-queue';
import { createRefreshTimer } from './refresh-timer';

export interface AnalysisServiceOptions {
  store: Store;
  analysisStore: AnalysisStore;
  implementations: ImplementationStore;
  config: AnalysisConfig;
  gauges: AlertGauges;
  writes: WriteEvents;
  failureRules?: readonly FailureRule[];
  now?: () => number;
  onError?: (error: unknown) => void;
  live?: LiveAnalysis;
  /** With it, drift and healing-debt insights join the periodic pass. */
  healingStore?: HealingStore;
}

export function createAnalysisServices(options: AnalysisServiceOptions) {
  const queue = new QueryQueue();
  const context: AnalysisContext = {
    store: queued(options.store, queue),
    analysisStore: queued(options.analysisStore, queue),
    config: options.config,
    now: options.now ?? Date.now,
    cache: new QueryCache<Promise<unknown> | undefined>(500),
    ...(options.failureRules && { failureRules: options.failureRules }),
    ...(options.live && { live: options.live }),
    ...(options.healingStore && { healingStore: queued(options.healingStore, queue) }),
  };
  const snapshots = createSnapshotService(context);
  options.writes.subscribe((workflowIds) => {
    for (const id of workflowIds) context.cache.invalidateWorkflow(id);
    snapshots.markDirty();
  });
  options.writes.subscribeRemovals(() => {
    context.cache.clear();
    snapshots.markDirty();
  });
  /** A fresh analysis pass, then the alert gauges from it. */
  async function refresh(): Promise<AnalysisSnapshot> {
    const snapshot = await snapshots.refresh();
    options.gauges.publish(await computeAlertValues(context, snapshot.anomalies));
    return snapshot;
  }
  const timer = createRefreshTimer(refresh, options.config.refreshIntervalMs, (error) =>
    options.onError?.(error),
  );

  return {
    context,
    analytics: createAnalyticsService(context),
    snapshots,
    insights: createInsightTracking(context, options.implementations, snapshots),
    refresh,
    start: timer.start,
    stop: timer.stop,
  };
}

export type AnalysisServices = ReturnType<typeof createAnalysisServices>;
