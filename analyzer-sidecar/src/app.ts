/**
 * Builds the analyzer app: backend (store, archive), writer, retention job, routes.
 * Never listens (server.ts does); tests call `inject()` on what this returns.
 */
import { instanceIdOf } from './config/store-config';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import Fastify, { LogController, type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { registerAnalysis } from './analysis-app';
import { registerReports } from './reports-app';
import { adminRoutes } from './api/admin-routes';
import { analyticsRoutes } from './api/analytics-routes';
import { registerAuth } from './api/auth';
import { hoistComponents } from './api/openapi/hoist-components';
import { registerErrorHandler } from './api/error-handler';
import { createFailedAuthLimiter, DEFAULT_FAILED_AUTH } from './api/failed-auth-limiter';
import { registerFiniteNumbers } from './api/finite-numbers';
import { registerOriginCheck } from './api/origin-check';
import { registerSecurityHeaders } from './api/security-headers';
import { healthRoutes } from './api/health-routes';
import { otlpRoutes } from './api/otlp-routes';
import { RetentionJob } from './archive/retention-job';
import { RetentionSettings } from './archive/retention-settings';
import type { AnalyzerConfig } from './config/config';
import { LoopLagMonitor } from './ingest/admission/loop-lag';
import { InflightBytes } from './ingest/limits/inflight-bytes';
import { OtlpIngestor } from './ingest/otlp-ingestor';
import { DecodePool } from './ingest/decode-pool/decode-pool';
import { inThreadDecoder } from './ingest/decode-pool/request-decoder';
import { RECORD_TYPES } from './model/records';
import { BatchWriter } from './store/batch-writer';
import { openBackend } from './backend/open-backend';
import type { ClusterCoordinator } from './cluster/cluster-coordinator';
import { openCluster } from './cluster/cluster-wiring';
import { feedingStore } from './cluster/feeding-store';
import type { StoreBackend } from './backend/store-backend';
import type { Store } from './store/store';
import { registerSchedules, type DeliveryWiring } from './schedules-app';
import { notifyingStore, WriteEvents } from './store/write-events';
import { createAnalyzerMetrics, type AnalyzerMetrics } from './telemetry/analyzer-metrics';
import { createStandaloneUi } from './ui/standalone-ui';

/** What routes added by other modules (analysis, insights) build on. */
export interface AnalyzerServices {
  readonly config: AnalyzerConfig;
  readonly store: Store;
  readonly writer: BatchWriter;
  readonly backend: StoreBackend;
  readonly retention: RetentionJob;
  readonly retentionSettings: RetentionSettings;
  readonly metrics: AnalyzerMetrics;
}

declare module 'fastify' {
  interface FastifyInstance {
    analyzer: AnalyzerServices;
  }
}

export interface AppOptions {
  readonly config: AnalyzerConfig;
  readonly logger?: FastifyServerOptions['logger'];
  /** Report schedules and share links: a renderer, clock or retry policy other than the real ones (tests). */
  readonly delivery?: DeliveryWiring;
}

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const { config } = options;
  const metrics = createAnalyzerMetrics();
  const app = Fastify({
    logger: options.logger ?? false,
    // OTLP exporters post many times a second; errors are logged by the error handler.
    logController: new LogController({ disableRequestLogging: true }),
    ajv: {
      customOptions: { removeAdditional: false, coerceTypes: 'array', useDefaults: true, allErrors: false },
    },
  });
  const backend = await openBackend(config, {
    log: app.log,
    onWalQuarantined: () => metrics.walQuarantined.inc(),
    onCorruption: (kind) => metrics.storeCorruption.inc({ kind }),
  });
  const store = backend.store;
  const cluster = await openCluster(backend, instanceIdOf(config), (error) =>
    app.log.error({ err: error }, 'cluster coordination failed'),
  );
  const writes = new WriteEvents();
  const services = startServices(config, backend, metrics, app, writes, cluster);
  app.decorate('analyzer', services);
  registerErrorHandler(app);
  registerSecurityHeaders(app);
  registerOriginCheck(app);
  registerFiniteNumbers(app);
  await app.register(rateLimit, { global: false });
  const failedAuth = createFailedAuthLimiter(app, config.authFailures ?? DEFAULT_FAILED_AUTH);
  const ui = createStandaloneUi(config);
  registerAuth(app, {
    ...config,
    sessionRole: ui.sessionRole,
    sessionCredential: ui.sessionCredential,
    failedAuth,
  });
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'RPA Analytics analyzer',
        version: '0.1.0',
        description: 'OTLP receiver and analytics API of the RPA analyzer sidecar',
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
    // Every body's schema into components.schemas, for the plugin's generated types.
    transformObject: (document) =>
      'openapiObject' in document ? hoistComponents(document.openapiObject as Record<string, unknown>) : {},
  });
  app.get('/openapi.json', { config: { access: 'open' }, schema: { hide: true } }, async () => app.swagger());
  await app.register(healthRoutes, { metrics });
  const loopLag = new LoopLagMonitor();
  const decoder =
    config.ingest.decodeWorkers > 0
      ? new DecodePool(config.ingest.decodeWorkers, config.ingest)
      : inThreadDecoder(config.ingest);
  const ingestor = new OtlpIngestor({
    writer: services.writer,
    metrics,
    config: config.ingest,
    inflight: new InflightBytes(config.ingest.maxInflightBytes),
    loopLagMs: () => loopLag.lag,
    decoder,
  });
  await app.register(otlpRoutes, { ingestor });
  await app.register(analyticsRoutes, { store });
  await app.register(adminRoutes, { settings: services.retentionSettings, job: services.retention });
  await ui.register(app, failedAuth);
  await registerSchedules(app, {
    backend,
    cluster,
    delivery: config.delivery,
    // Looked up per report: the reports module registers after the analysis it reads.
    render: options.delivery?.render ?? ((request) => app.reports.render(request)),
    failedAuth,
    wiring: options.delivery,
    registry: metrics.registry,
  });
  await registerAnalysis(app, {
    config,
    backend,
    cluster,
    store: notifyingStore(store, writes),
    writes,
    metrics,
  });
  await registerReports(app, { config, backend, store });
  // One ordered shutdown (Fastify runs separate onClose hooks last-added first):
  // commit what was accepted, stop whatever still queries, then close the store.
  app.addHook('onClose', async () => {
    loopLag.stop();
    await decoder.close();
    await services.writer.close();
    await cluster?.stop(); // no more polls or ownership moves
    await app.live.stop(); // judges and stores what the last commits brought
    await app.analysis.stop();
    await app.schedules.stop(); // no new run; retries waiting are given up
    await services.retention.stop();
    await backend.close(); // stops the backend's own jobs first
  });
  services.retention.start();
  backend.startJobs();
  loopLag.start();
  return app;
}

function startServices(
  config: AnalyzerConfig,
  backend: StoreBackend,
  metrics: AnalyzerMetrics,
  app: FastifyInstance,
  writes: WriteEvents,
  cluster: ClusterCoordinator | undefined,
): AnalyzerServices {
  const { store } = backend;
  const ingestStore = cluster ? feedingStore(store, writes, cluster) : notifyingStore(store, writes);
  const writer = new BatchWriter(ingestStore, config.ingest, {
    onFlush(rows, seconds) {
      metrics.writeBatchRows.observe(rows);
      metrics.flushDuration.observe(seconds);
    },
  });
  const settings = new RetentionSettings(config.dataDir);
  const retention = new RetentionJob(backend.retention, {
    intervalMs: config.retentionIntervalMs,
    policy: () => settings.get(),
    onReport(report) {
      // Archived or deleted rows: cached answers may count rows that moved or are gone.
      if (RECORD_TYPES.some((t) => report[t].archived_rows > 0 || report[t].deleted_rows > 0))
        writes.notifyRemoval();
      for (const type of RECORD_TYPES) {
        metrics.retentionRows.inc({ type, action: 'archived' }, report[type].archived_rows);
        metrics.retentionRows.inc({ type, action: 'deleted' }, report[type].deleted_rows);
      }
    },
    onError: (error) => app.log.error({ err: error }, 'retention job failed'),
    // An execution marked running for longer than its rows stay hot (a day at least) will not end.
    async afterRun(policy, now) {
      const before = now - Math.max(1, policy.executions.hot_days) * 86_400_000;
      if ((await backend.retention.forgetRunningBefore(before)) > 0) writes.notifyRemoval();
    },
  });
  metrics.bindSources({ rowCounts: () => store.rowCounts(), archiveBytes: () => backend.archiveBytes() });
  return { config, store, writer, backend, retention, retentionSettings: settings, metrics };
}
