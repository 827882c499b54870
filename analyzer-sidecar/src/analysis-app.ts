/**
 * Adds the analysis part to the app: the DuckDB answers to analysis-level
 * questions, the implementation table, the analysis services with their
 * refresh timer and alert gauges, and the analysis and insight routes.
 */
import type { FastifyInstance } from 'fastify';
import { compileFailureRules } from './analysis/failure-categories';
import { analysisRoutes } from './api/analysis-routes';
import { insightRoutes } from './api/insight-routes';
import type { AnalyzerConfig } from './config/config';
import { type AnalysisServices, createAnalysisServices } from './services/analysis-services';
import { createDuckDbAnalysisStore } from './store/duckdb/duckdb-analysis-store';
import type { DuckDbStore } from './store/duckdb/duckdb-store';
import { openImplementationTable } from './store/duckdb/implementation-table';
import type { Store } from './store/store';
import type { WriteEvents } from './store/write-events';
import { createAlertGauges } from './telemetry/alert-gauges';
import type { AnalyzerMetrics } from './telemetry/analyzer-metrics';

declare module 'fastify' {
  interface FastifyInstance {
    analysis: AnalysisServices;
  }
}

export interface AnalysisAppOptions {
  config: AnalyzerConfig;
  duckdb: DuckDbStore;
  /** The store as ingestion writes it (announcing writes on `writes`). */
  store: Store;
  writes: WriteEvents;
  metrics: AnalyzerMetrics;
}

export async function registerAnalysis(app: FastifyInstance, options: AnalysisAppOptions): Promise<void> {
  const compiled = compileFailureRules(options.config.analysis.failureRules);
  if (!compiled.ok) throw new Error(`failureRules: ${compiled.error}`);
  const analysis = createAnalysisServices({
    failureRules: compiled.rules,
    store: options.store,
    analysisStore: createDuckDbAnalysisStore(options.duckdb),
    implementations: await openImplementationTable(options.duckdb),
    config: options.config.analysis,
    gauges: createAlertGauges(options.metrics.registry),
    writes: options.writes,
    onError: (error) => app.log.error({ err: error }, 'analysis refresh failed'),
  });
  app.decorate('analysis', analysis); // buildApp stops it in its ordered shutdown
  await app.register(analysisRoutes, { analysis });
  await app.register(insightRoutes, { analysis });
  analysis.start();
}
