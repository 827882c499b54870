/** Raw records and aggregations: `GET /analytics/metrics`, `GET /analytics/aggregate`. */
import type { FastifyInstance } from 'fastify';
import type { StepRecord } from '../model/records';
import type { AggregateMetric, Aggregation } from '../store/aggregate-catalog';
import type { Store } from '../store/store';
import { presentExecution } from './present';
import { decodeCursor, encodeCursor, parseTime, toFilter, type FilterQuery } from './query-params';
import { aggregateRouteSchema, metricsRouteSchema } from './schemas/analytics-schema';

interface MetricsQuery extends FilterQuery {
  include?: 'steps';
  limit: number;
  cursor?: string;
}

interface AggregateQueryString extends FilterQuery {
  metric: AggregateMetric;
  aggregation: Aggregation;
  group_by?: string[];
}

export async function analyticsRoutes(app: FastifyInstance, options: { store: Store }): Promise<void> {
  const { store } = options;
  app.get<{ Querystring: MetricsQuery }>(
    '/analytics/metrics',
    { config: { access: 'viewer' }, schema: metricsRouteSchema },
    async (request) => listExecutions(store, request.query),
  );
  app.get<{ Querystring: AggregateQueryString }>(
    '/analytics/aggregate',
    { config: { access: 'viewer' }, schema: aggregateRouteSchema },
    async (request) => aggregate(store, request.query),
  );
}

async function listExecutions(store: Store, query: MetricsQuery): Promise<object> {
  const filter = toFilter(query);
  const page = await store.listExecutions(filter, query.limit, decodeCursor(query.cursor));
  const stepsByExecution = new Map<string, StepRecord[]>();
  if (query.include === 'steps') {
    const ids = page.items.map((e) => e.execution_id);
    for (const id of ids) stepsByExecution.set(id, []);
    for (const step of await store.stepsOf(ids, filter.actionType))
      stepsByExecution.get(step.execution_id)?.push(step);
  }
  const items = page.items.map((execution) =>
    presentExecution(
      execution,
      query.include === 'steps' ? stepsByExecution.get(execution.execution_id) : undefined,
    ),
  );
  return { items, total: page.total, next_cursor: page.nextCursor ? encodeCursor(page.nextCursor) : null };
}

async function aggregate(store: Store, query: AggregateQueryString): Promise<object> {
  const rows = await store.aggregate({
    metric: query.metric,
    aggregation: query.aggregation,
    groupBy: query.group_by ?? [],
    start: parseTime('from', query.from) ?? 0,
    end: parseTime('to', query.to) ?? Date.now() + 1,
    filters: toFilter(query),
  });
  return { items: rows, total: rows.length, next_cursor: null };
}
