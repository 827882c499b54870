/**
 * Wires the analysis services over a store: per-request analytics, the
 * periodic snapshot (anomalies, groups, insights), insight tracking and the
 * alert gauges, refreshed every `refreshIntervalMs` and on demand.
 */
import type { FailureRule } from '../analysis/failure-categories';
import { QueryCache } from '../analysis/query-cache';
import type { AnalysisConfig } from '../config/config';
import type { AnalysisStore } from '../store/analysis-store';
import type { ImplementationStore } from '../store/implementation-store';
import type { Store } from '../store/store';
import type { WriteEvents } from '../store/write-events';
import type { AlertGauges } from '../telemetry/alert-gauges';
import type { AnalysisContext } from './analysis-context';
import { type AnalysisSnapshot, createSnapshotService } from './analysis-snapshot';
import { computeAlertValues } from './alert-values';
import { createAnalyticsService } from './analytics-service';
import { createInsightTracking } from './insight-tracking';

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
}

export function createAnalysisServices(options: AnalysisServiceOptions) {
  const context: AnalysisContext = {
    store: options.store,
    analysisStore: options.analysisStore,
    config: options.config,
    now: options.now ?? Date.now,
    cache: new QueryCache<unknown>(500),
    ...(options.failureRules && { failureRules: options.failureRules }),
  };
  const snapshots = createSnapshotService(context);
  options.writes.subscribe((workflowIds) => {
    for (const id of workflowIds) context.cache.invalidateWorkflow(id);
    snapshots.markDirty();
  });
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();

  /** A fresh analysis pass, then the alert gauges from it. */
  async function refresh(): Promise<AnalysisSnapshot> {
    const snapshot = await snapshots.refresh();
    options.gauges.publish(await computeAlertValues(context, snapshot.anomalies));
    return snapshot;
  }

  function start(): void {
    const every = options.config.refreshIntervalMs;
    if (every <= 0 || timer) return;
    const tick = () => {
      running = refresh()
        .catch((error: unknown) => options.onError?.(error))
        .finally(() => {
          if (timer) timer = setTimeout(tick, every).unref();
        });
    };
    timer = setTimeout(tick, 0).unref();
  }

  async function stop(): Promise<void> {
    if (timer) clearTimeout(timer);
    timer = undefined;
    await running;
  }

  return {
    context,
    analytics: createAnalyticsService(context),
    snapshots,
    insights: createInsightTracking(context, options.implementations, snapshots),
    refresh,
    start,
    stop,
  };
}

export type AnalysisServices = ReturnType<typeof createAnalysisServices>;
