/**
 * The analysis API: performance, bottlenecks, degradation, success rates,
 * failure categories, reliability ranking and comparisons (viewer role).
 */
import type { FastifyInstance } from 'fastify';
import type { AnalysisServices } from '../services/analysis-services';
import {
  analysisHandlers,
  type BottleneckQuery,
  type CompareQuery,
  type DegradationQuery,
  type FailureQuery,
  type PageQuery,
  type SuccessRateQuery,
  type WorkflowQuery,
} from './analysis-handlers';
import * as R from './schemas/analysis-route-schemas';

const viewer = { access: 'viewer' as const };

export async function analysisRoutes(app: FastifyInstance, options: { analysis: AnalysisServices }) {
  const h = analysisHandlers(options.analysis);
  app.get<{ Querystring: WorkflowQuery }>(
    '/analytics/performance',
    { config: viewer, schema: R.performanceRouteSchema },
    ({ query }) => h.performance(query),
  );
  app.get<{ Querystring: BottleneckQuery }>(
    '/analytics/bottlenecks',
    { config: viewer, schema: R.bottlenecksRouteSchema },
    ({ query }) => h.bottlenecks(query),
  );
  app.get<{ Querystring: DegradationQuery }>(
    '/analytics/degradation',
    { config: viewer, schema: R.degradationRouteSchema },
    ({ query }) => h.degradation(query),
  );
  app.get<{ Querystring: SuccessRateQuery }>(
    '/analytics/success-rates',
    { config: viewer, schema: R.successRatesRouteSchema },
    ({ query }) => h.successRates(query),
  );
  app.get<{ Querystring: FailureQuery }>(
    '/analytics/failures',
    { config: viewer, schema: R.failuresRouteSchema },
    ({ query }) => h.failures(query),
  );
  app.get<{ Querystring: PageQuery }>(
    '/analytics/reliability',
    { config: viewer, schema: R.reliabilityRouteSchema },
    ({ query }) => h.reliability(query),
  );
  app.get<{ Querystring: CompareQuery }>(
    '/analytics/compare',
    { config: viewer, schema: R.compareRouteSchema },
    ({ query }) => h.compare(query),
  );
}
