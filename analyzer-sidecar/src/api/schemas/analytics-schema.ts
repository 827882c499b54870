/** Query and response schemas of the analytics routes. */
import { AGGREGATE_METRICS, AGGREGATIONS, ALL_GROUP_BY_COLUMNS } from '../../store/aggregate-catalog';
import { errorResponses, timeParam } from './common';
import { executionSchema } from './execution-schema';

const filterProperties = {
  from: timeParam,
  to: timeParam,
  workflow_id: { type: 'array', items: { type: 'string', minLength: 1 }, description: 'Repeatable' },
  status: { type: 'string', enum: ['running', 'completed', 'failed', 'cancelled'] },
  action_type: { type: 'string', minLength: 1 },
} as const;

export const metricsRouteSchema = {
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
};

export const aggregateRouteSchema = {
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
};
