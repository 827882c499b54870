/**
 * Builds the analyzer app: store, archive, writer, retention job, routes.
 * Never listens (server.ts does); tests call `inject()` on what this returns.
 */
import { join } from 'node:path';
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
import { ParquetArchive } from './archive/parquet-archive';
import { RetentionJob } from './archive/retention-job';
import { ClusteringJob } from './store/duckdb/clustering/clustering-job';
import { RetentionSettings } from './archive/retention-settings';
import type { AnalyzerConfig } from './config/config';
import { LoopLagMonitor } from './ingest/admission/loop-lag';
import { InflightBytes } from './ingest/limits/inflight-bytes';
import { OtlpIngestor } from './ingest/otlp-ingestor';
import { RECORD_TYPES } from './model/records';
import { BatchWriter } from './store/batch-writer';
import { DuckDbStore } from './store/duckdb/duckdb-store';
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
  readonly archive: ParquetArchive;
  readonly retention: RetentionJob;
  readonly retentionSettings: RetentionSettings;
  readonly clustering: ClusteringJob;
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
  const store = await DuckDbStore.open(
    {
      path: join(config.dataDir, 'store.duckdb'),
      memoryLimit: config.duckdb.memoryLimit,
      threads: config.duckdb.threads,
      tempDir: config.duckdb.tempDir ?? join(config.dataDir, 'tmp'),
      walRecovery: config.duckdb.walRecovery,
    },
    {
      log: app.log,
      onWalQuarantined: () => metrics.walQuarantined.inc(),
      onCorruption: (kind) => metrics.storeCorruption.inc({ kind }),
    },
  );
  const writes = new WriteEvents();
  const services = await startServices(config, store, metrics, app, writes);
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
  const ingestor = new OtlpIngestor({
    writer: services.writer,
    metrics,
    config: config.ingest,
    inflight: new InflightBytes(config.ingest.maxInflightBytes),
    loopLagMs: () => loopLag.lag,
  });
  await app.register(otlpRoutes, { ingestor });
  await app.register(analyticsRoutes, { store });
  await app.register(adminRoutes, { settings: services.retentionSettings, job: services.retention });
  await ui.register(app, failedAuth);
  await registerSchedules(app, {
    duckdb: store,
    delivery: config.delivery,
    // Looked up per report: the reports module registers after the analysis it reads.
    render: options.delivery?.render ?? ((request) => app.reports.render(request)),
    failedAuth,
    wiring: options.delivery,
    registry: metrics.registry,
  });
  await registerAnalysis(app, {
    config,
    duckdb: store,
    store: notifyingStore(store, writes),
    writes,
    metrics,
  });
  await registerReports(app, { config, duckdb: store, store });
  // One ordered shutdown (Fastify runs separate onClose hooks last-added first):
  // commit what was accepted, stop whatever still queries, then close the store.
  app.addHook('onClose', async () => {
    loopLag.stop();
    await services.writer.close();
    await app.live.stop(); // judges and stores what the last commits brought
    await app.analysis.stop();
    await app.schedules.stop(); // no new run; retries waiting are given up
    await services.retention.stop();
    await services.clustering.stop();
    await store.close();
  });
  services.retention.start();
  services.clustering.start();
  loopLag.start();
  return app;
}

async function startServices(
  config: AnalyzerConfig,
  store: DuckDbStore,
  metrics: AnalyzerMetrics,
  app: FastifyInstance,
  writes: WriteEvents,
): Promise<AnalyzerServices> {
  const archive = new ParquetArchive(store, config.dataDir);
  await archive.recover();
  const writer = new BatchWriter(notifyingStore(store, writes), config.ingest, {
    onFlush(rows, seconds) {
      metrics.writeBatchRows.observe(rows);
      metrics.flushDuration.observe(seconds);
    },
  });
  const settings = new RetentionSettings(config.dataDir);
  const retention = new RetentionJob(archive, {
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
      if ((await store.forgetRunningBefore(before)) > 0) writes.notifyRemoval();
    },
  });
  // Rows only move between tables: answers stay the same, so no cache is told.
  const clustering = new ClusteringJob(store, {
    intervalMs: config.clusterIntervalMs ?? 60_000,
    onOutcome: (outcome) => {
      if (outcome.moved > 0) app.log.info(outcome, 'executions clustered by workflow');
    },
    onError: (error) => app.log.error({ err: error }, 'clustering job failed'),
  });
  metrics.bindSources({ rowCounts: () => store.rowCounts(), archiveBytes: () => archive.bytes() });
  return { config, store, writer, archive, retention, retentionSettings: settings, clustering, metrics };
}
