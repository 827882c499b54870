/** Raw records and aggregations: `GET /analytics/metrics`, `GET /analytics/aggregate`. */
import type { FastifyInstance } from 'fastify';
import {
  AGGREGATE_METRICS,
  AGGREGATIONS,
  ALL_GROUP_BY_COLUMNS,
  type AggregateMetric,
  type Aggregation,
} from '../store/aggregate-catalog';
import type { Store } from '../store/store';
import { errorResponses, timeParam } from './schemas/common';
import { executionSchema } from './schemas/execution-schema';
import { presentExecution } from './present';
import { decodeCursor, encodeCursor, parseTime, toFilter, type FilterQuery } from './query-params';

const filterProperties = {
  from: timeParam,
  to: timeParam,
  workflow_id: { type: 'array', items: { type: 'string', minLength: 1 }, description: 'Repeatable' },
  status: { type: 'string', enum: ['running', 'completed', 'failed', 'cancelled'] },
  action_type: { type: 'string', minLength: 1 },
} as const;

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
    {
      config: { access: 'viewer' },
      schema: {
        summary: 'Raw executions (and their steps with include=steps), newest first, paginated',
        tags: ['analytics'],
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            ...filterProperties,
            include: { type: 'string', enum: ['steps'] },
            limit: { type: 'integer', minimum: 1, maximum: 1000, default: 100 },
            cursor: { type: 'string' },
          },
        },
        response: {
          200: {
            type: 'object',
            required: ['items', 'total', 'next_cursor'],
            properties: {
              items: { type: 'array', items: executionSchema },
              total: { type: 'integer' },
              next_cursor: { type: ['string', 'null'] },
            },
          },
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const query = request.query;
      const filter = toFilter(query);
      const page = await store.listExecutions(filter, query.limit, decodeCursor(query.cursor));
      let items = page.items.map((execution) => presentExecution(execution));
      if (query.include === 'steps') {
        const steps = await store.stepsOf(
          page.items.map((e) => e.execution_id),
          filter.actionType,
        );
        items = page.items.map((execution) =>
          presentExecution(
            execution,
            steps.filter((s) => s.execution_id === execution.execution_id),
          ),
        );
      }
      return {
        items,
        total: page.total,
        next_cursor: page.nextCursor ? encodeCursor(page.nextCursor) : null,
      };
    },
  );

  app.get<{ Querystring: AggregateQueryString }>(
    '/analytics/aggregate',
    {
      config: { access: 'viewer' },
      schema: {
        summary: 'Aggregate a metric over a time range, grouped by allow-listed columns',
        tags: ['analytics'],
        querystring: {
          type: 'object',
          additionalProperties: false,
          required: ['metric', 'aggregation'],
          properties: {
            ...filterProperties,
            metric: { type: 'string', enum: Object.keys(AGGREGATE_METRICS) },
            aggregation: { type: 'string', enum: [...AGGREGATIONS] },
            group_by: {
              type: 'array',
              items: { type: 'string', enum: ALL_GROUP_BY_COLUMNS },
              description: 'Repeatable',
            },
          },
        },
        response: {
          200: {
            type: 'object',
            properties: {
              items: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: {
                    group: { type: 'object', additionalProperties: { type: ['string', 'null'] } },
                    value: { type: ['number', 'null'] },
                    count: { type: 'integer' },
                  },
                },
              },
              total: { type: 'integer' },
              next_cursor: { type: 'null' },
            },
          },
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const query = request.query;
      const filter = toFilter(query);
      const rows = await store.aggregate({
        metric: query.metric,
        aggregation: query.aggregation,
        groupBy: query.group_by ?? [],
        start: parseTime('from', query.from) ?? 0,
        end: parseTime('to', query.to) ?? Date.now() + 1,
        filters: filter,
      });
      return { items: rows, total: rows.length, next_cursor: null };
    },
  );
}
