/**
 * Adds the analysis part to the app: the backend's answers to analysis-level
 * questions, the implementations, the analysis services with their
 * refresh timer and alert gauges, and the analysis and insight routes.
 */
import { instanceIdOf } from './config/store-config';
import type { FastifyInstance } from 'fastify';
import { compileFailureRules } from './analysis/failure-categories';
import { analysisRoutes } from './api/analysis-routes';
import websocket from '@fastify/websocket';
import { insightRoutes } from './api/insight-routes';
import { liveRoutes } from './api/live-routes';
import { streamRoutes } from './api/stream-routes';
import type { AnalyzerConfig } from './config/config';
import { type AnalysisServices, createAnalysisServices } from './services/analysis-services';
import { createAlertmanagerPush } from './services/alerts/alertmanager-push';
import { DEFAULT_ALERT_RULES } from './services/alerts/live-alerts';
import { createLiveServices, type LiveServices } from './services/live/live-services';
import type { StoreBackend } from './backend/store-backend';
import type { ClusterCoordinator } from './cluster/cluster-coordinator';
import { relayLiveEvents } from './cluster/cluster-wiring';
import { clusterRoutes } from './api/cluster-routes';
import type { Store } from './store/store';
import type { WriteEvents } from './store/write-events';
import { createAlertGauges } from './telemetry/alert-gauges';
import { createLiveMetrics } from './telemetry/live-metrics';
import { healingRoutes } from './api/healing-routes';
import { createHealingService, type HealingService } from './services/healing/healing-service';
import { createMissingRunMonitor, type MissingRunMonitor } from './services/healing/missing-runs';
import type { HealingStore } from './store/healing-store';
import type { WorkflowSettingsStore } from './store/workflow-settings-store';
import { createHealingGauges } from './telemetry/healing-gauges';
import type { AnalyzerMetrics } from './telemetry/analyzer-metrics';

declare module 'fastify' {
  interface FastifyInstance {
    analysis: AnalysisServices;
    live: LiveServices;
    healing: {
      service: HealingService;
      settings: WorkflowSettingsStore;
      monitor: MissingRunMonitor;
    };
  }
}

export interface AnalysisAppOptions {
  config: AnalyzerConfig;
  backend: StoreBackend;
  /** Analyzers sharing the backend: which workflows this one judges, and everyone's commits. */
  cluster?: ClusterCoordinator;
  /** The store as ingestion writes it (announcing writes on `writes`). */
  store: Store;
  writes: WriteEvents;
  metrics: AnalyzerMetrics;
}

export async function registerAnalysis(app: FastifyInstance, options: AnalysisAppOptions): Promise<void> {
  const compiled = compileFailureRules(options.config.analysis.failureRules);
  if (!compiled.ok) throw new Error(`failureRules: ${compiled.error}`);
  const { live, countStreamClients } = await startLive(app, options);
  const healingStore = options.backend.healing;
  const analysis = createAnalysisServices({
    healingStore,
    live: { store: live.store, idle: live.idle },
    failureRules: compiled.rules,
    store: options.store,
    analysisStore: options.backend.analysis,
    implementations: options.backend.implementations,
    config: options.config.analysis,
    gauges: createAlertGauges(options.metrics.registry),
    writes: options.writes,
    onError: (error) => app.log.error({ err: error }, 'analysis refresh failed'),
  });
  app.decorate('analysis', analysis); // buildApp stops it in its ordered shutdown
  await app.register(analysisRoutes, { analysis });
  await app.register(insightRoutes, { analysis });
  await registerHealing(app, options, healingStore, live);
  await app.register(liveRoutes, { live, now: Date.now });
  await app.register(streamRoutes, { bus: live.bus, now: Date.now, onClients: countStreamClients });
  analysis.start();
}

/** Live analysis over the store: judged on commit, streamed, kept in its own tables, alerts pushed. */
async function startLive(app: FastifyInstance, options: AnalysisAppOptions) {
  const sources = { running: () => 0, streams: () => 0 };
  const metrics = createLiveMetrics(options.metrics.registry, {
    running: () => sources.running(),
    streams: () => sources.streams(),
  });
  const { cluster } = options;
  const live = createLiveServices({
    store: options.backend.live,
    writes: options.writes,
    commits: cluster && ((listener) => cluster.commits(listener)),
    judges: cluster && ((workflowId) => cluster.judges(workflowId)),
    now: Date.now,
    onError: (error) => app.log.error({ err: error }, 'live analysis failed'),
    detection: { onPass: (seconds) => metrics.detectionDuration.observe(seconds) },
  });
  live.bus.subscribe((event) => {
    if (event.type === 'anomaly.opened') metrics.anomaliesOpened.inc({ kind: String(event.data.kind) });
  });
  sources.running = () => live.tracker.size;
  await live.start();
  app.decorate('live', live);
  if (cluster) await startCluster(app, cluster, live, options.writes);
  await app.register(clusterRoutes, { cluster, instanceId: instanceIdOf(options.config) });
  const { alertmanagerUrl, alertResendIntervalMs, stuckExecutionMs } = options.config.analysis;
  if (alertmanagerUrl !== undefined) {
    const push = createAlertmanagerPush({
      url: alertmanagerUrl,
      bus: live.bus,
      running: () => live.running(),
      now: Date.now,
      resendIntervalMs: alertResendIntervalMs,
      rules: { ...DEFAULT_ALERT_RULES, stuckAfterMs: stuckExecutionMs },
      onError: (error) => app.log.warn({ err: error }, 'alert push to Alertmanager failed'),
      onPosted: () => metrics.alertPushes.inc({ outcome: 'ok' }),
      onFailed: () => metrics.alertPushes.inc({ outcome: 'failed' }),
    });
    push.start();
    app.addHook('onClose', () => push.stop());
  }
  await app.register(websocket);
  return { live, countStreamClients: (count: () => number) => (sources.streams = count) };
}

/** This instance joins the others: ownership moves detection, remote writes drop cached answers. */
async function startCluster(
  app: FastifyInstance,
  cluster: ClusterCoordinator,
  live: LiveServices,
  writes: WriteEvents,
): Promise<void> {
  const onError = (error: unknown) => app.log.error({ err: error }, 'cluster coordination failed');
  cluster.handleOwnership(live.detection);
  cluster.onRemoteWrite((workflowIds) => writes.notify(workflowIds));
  relayLiveEvents(cluster, live.bus, onError);
  await cluster.start();
}

/**
 * Self-healing analytics: routes, workflow settings and the missing-run check.
 * The check stops with the analysis services (buildApp's ordered shutdown
 * calls analysis.stop before closing the store).
 */
async function registerHealing(
  app: FastifyInstance,
  options: AnalysisAppOptions,
  store: HealingStore,
  live: LiveServices,
): Promise<void> {
  const settings = options.backend.settings;
  const healing = createHealingService({ store, settings, now: Date.now });
  const monitor = createMissingRunMonitor({
    expectedRuns: () => healing.expectedRuns(),
    drift: () => healing.drift({}, {}),
    live: { store: live.store, bus: live.bus },
    gauges: createHealingGauges(options.metrics.registry),
    now: Date.now,
    intervalMs: options.config.analysis.expectedRunCheckIntervalMs,
    onError: (error) => app.log.error({ err: error }, 'missing-run check failed'),
  });
  await monitor.start();
  app.decorate('healing', { service: healing, settings, monitor });
  // An explicit refresh (tests, a caller wanting fresh gauges) checks expected runs too.
  const refreshAnalysis = app.analysis.refresh;
  app.analysis.refresh = async () => {
    const snapshot = await refreshAnalysis();
    await monitor.check();
    return snapshot;
  };
  const stopAnalysis = app.analysis.stop;
  app.analysis.stop = async () => {
    await monitor.stop();
    await stopAnalysis();
  };
  await app.register(healingRoutes, { healing, settings, now: Date.now });
}
