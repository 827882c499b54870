/**
 * Adds exports and reports to the app: the export service over the store's
 * streams, the report renderer over the analysis services (decorated as
 * `app.reports.render` for schedules and share links), and their routes.
 * Needs `registerAnalysis` first (it reads `app.analysis` and `app.live`).
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { exportRoutes } from './api/export-routes';
import { reportRoutes } from './api/report-routes';
import type { AnalyzerConfig } from './config/config';
import { createExportService } from './exports/export-service';
import { insightRow } from './exports/insight-rows';
import { createReportRenderer } from './reports/report-renderer';
import type { RenderReport } from './reports/report-request';
import type { ReportSources } from './reports/report-sources';
import type { StoreBackend } from './backend/store-backend';
import type { Store } from './store/store';

/** Exports at once: each holds a store connection and keeps a core busy. */
const MAX_CONCURRENT_EXPORTS = 4;

declare module 'fastify' {
  interface FastifyInstance {
    reports: { render: RenderReport };
  }
}

export interface ReportsAppOptions {
  readonly config: AnalyzerConfig;
  readonly backend: StoreBackend;
  readonly store: Store;
  readonly now?: () => number;
}

function reportSources(app: FastifyInstance, store: Store, now: () => number): ReportSources {
  const { analytics, insights } = app.analysis;
  const live = app.live.store;
  return {
    now,
    successRates: (filter) => analytics.successRates(filter),
    successRateWindows: (ids, period, windowMs) => analytics.successRateWindows(ids, period, windowMs),
    reliability: (filter) => analytics.reliability(filter),
    aggregate: (query) => store.aggregate(query),
    nodeSummaries: (filter) => store.nodeSummaries(filter),
    performance: (id, filter) => analytics.performance(id, filter),
    bottlenecks: (id, filter) => analytics.bottlenecks(id, { ...filter, thresholdPercentile: 0 }),
    failures: (filter) => analytics.failures(filter, 1),
    anomalies: (query) => live.listAnomalies(query),
    incidents: (query) => live.listIncidents(query),
    insights: (workflowIds) => insights.list({ workflowIds }),
  };
}

export async function registerReports(app: FastifyInstance, options: ReportsAppOptions): Promise<void> {
  const now = options.now ?? Date.now;
  const tempDir = join(
    options.config.duckdb.tempDir ?? join(options.config.dataDir, 'tmp'),
    'rpa-analyzer-exports',
  );
  rmSync(tempDir, { recursive: true, force: true }); // Parquet files a crashed process left behind
  const exports = createExportService({
    store: options.backend.exports,
    async insights(filter) {
      const all = await app.analysis.insights.list({ workflowIds: filter.workflowIds });
      return all
        .filter((i) => (filter.from ?? -Infinity) <= i.created_at && i.created_at < (filter.to ?? Infinity))
        .map(insightRow);
    },
    tempDir,
    now,
  });
  const render = createReportRenderer(reportSources(app, options.store, now));
  app.decorate('reports', { render });
  await app.register(exportRoutes, { exports, maxConcurrent: MAX_CONCURRENT_EXPORTS });
  await app.register(reportRoutes, { render, now });
}
