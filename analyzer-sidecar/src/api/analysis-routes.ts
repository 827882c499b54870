/**
 * The analysis API: performance, bottlenecks, degradation, success rates,
 * failure categories, reliability ranking and comparisons (viewer role).
 */
import type { FastifyInstance } from 'fastify';
import type { DegradationStatistic } from '../model/analysis';
import type { AnalysisServices } from '../services/analysis-services';
import { COMPARABLE_METRICS } from '../services/workflow-metrics';
import { recentPeriods } from '../services/periods';
import { BadRequestError } from './errors';
import { paginate } from './pagination';
import { presentDegradation } from './present-analysis';
import { parseTime, toFilter, type FilterQuery } from './query-params';
import * as R from './schemas/analysis-route-schemas';

interface WorkflowQuery extends Omit<FilterQuery, 'workflow_id'> {
  workflow_id: string;
}
interface PageQuery extends FilterQuery {
  limit: number;
  cursor?: string;
}
interface BottleneckQuery extends WorkflowQuery {
  threshold_percentile: number;
  limit: number;
}
interface DegradationQuery {
  workflow_id: string;
  threshold_percent: number;
  statistic: DegradationStatistic;
}
interface CompareQuery extends FilterQuery {
  workflow_ids: string;
  metrics?: string;
}

const viewer = { access: 'viewer' as const };

export async function analysisRoutes(app: FastifyInstance, options: { analysis: AnalysisServices }) {
  const { analytics, context } = options.analysis;
  app.get<{ Querystring: WorkflowQuery }>(
    '/analytics/performance',
    { config: viewer, schema: R.performanceRouteSchema },
    async ({ query }) =>
      analytics.performance(query.workflow_id, toFilter({ ...query, workflow_id: undefined })),
  );
  app.get<{ Querystring: BottleneckQuery }>(
    '/analytics/bottlenecks',
    { config: viewer, schema: R.bottlenecksRouteSchema },
    async ({ query }) => {
      const filter = toFilter({ ...query, workflow_id: undefined });
      const items = await analytics.bottlenecks(query.workflow_id, {
        ...filter,
        thresholdPercentile: query.threshold_percentile,
      });
      return { workflow_id: query.workflow_id, ...paginate(items, query.limit, undefined) };
    },
  );
  app.get<{ Querystring: DegradationQuery }>(
    '/analytics/degradation',
    { config: viewer, schema: R.degradationRouteSchema },
    async ({ query }) =>
      presentDegradation(
        await analytics.degradation(query.workflow_id, {
          thresholdPercent: query.threshold_percent,
          statistic: query.statistic,
        }),
      ),
  );
  app.get<{ Querystring: PageQuery }>(
    '/analytics/success-rates',
    { config: viewer, schema: R.successRatesRouteSchema },
    async ({ query }) => {
      const filter = toFilter(query);
      const window = recentPeriods(context.config, context.now());
      const defaultFrom = window.current.to - context.config.successRateWindowMs;
      const ranged =
        filter.from === undefined && filter.to === undefined ? { ...filter, from: defaultFrom } : filter;
      return paginate(await analytics.successRates(ranged), query.limit, query.cursor);
    },
  );
  app.get<{ Querystring: FilterQuery & { examples: number } }>(
    '/analytics/failures',
    { config: viewer, schema: R.failuresRouteSchema },
    async ({ query }) => {
      const breakdown = await analytics.failures(toFilter(query), query.examples);
      return { ...breakdown, total: breakdown.categories.reduce((n, c) => n + c.count, 0) };
    },
  );
  app.get<{ Querystring: PageQuery }>(
    '/analytics/reliability',
    { config: viewer, schema: R.reliabilityRouteSchema },
    async ({ query }) => paginate(await analytics.reliability(toFilter(query)), query.limit, query.cursor),
  );
  app.get<{ Querystring: CompareQuery }>(
    '/analytics/compare',
    { config: viewer, schema: R.compareRouteSchema },
    async ({ query }) => {
      const ids = query.workflow_ids.split(',').map((id) => id.trim());
      if (new Set(ids).size !== ids.length)
        throw new BadRequestError('workflow_ids', 'workflow_ids repeats an id');
      const metrics = parseMetrics(query.metrics);
      const filter = { from: parseTime('from', query.from), to: parseTime('to', query.to) };
      return analytics.compare(ids, metrics, filter);
    },
  );
}

function parseMetrics(raw: string | undefined): string[] {
  if (raw === undefined) return [...COMPARABLE_METRICS];
  const known = new Set<string>(COMPARABLE_METRICS);
  const metrics = raw.split(',').map((m) => m.trim());
  const unknown = metrics.find((m) => !known.has(m));
  if (unknown !== undefined) throw new BadRequestError('metrics', `unknown metric ${unknown}`);
  return metrics;
}
