/** Builds a route's schema: strict querystring, the 200 shape with an example, the error answers. */
import { errorResponses, timeParam } from './common';

export const tags = ['analysis'];

/**
 * The contract's common filters beside `workflow_id`, accepted by every
 * analysis route so one set of dashboard filters can be sent to all of them;
 * each route documents which it applies.
 */
export const rangeProperties = {
  from: timeParam,
  to: timeParam,
  status: { type: 'string', enum: ['running', 'completed', 'failed', 'cancelled'] },
  action_type: { type: 'string', minLength: 1 },
} as const;

export const workflowIdParam = { type: 'string', minLength: 1, maxLength: 256 } as const;
export const workflowIdsParam = {
  type: 'array',
  items: workflowIdParam,
  description: 'Repeatable',
} as const;
export const limitParam = { type: 'integer', minimum: 1, maximum: 1000, default: 100 } as const;
export const cursorParam = { type: 'string', description: 'next_cursor of the previous page' } as const;

export interface RouteSchemaParts {
  summary: string;
  description?: string;
  querystring?: { properties: Record<string, unknown>; required?: readonly string[] };
  body?: Record<string, unknown>;
  params?: Record<string, unknown>;
  ok: Record<string, unknown>;
  example: unknown;
}

export function routeSchema(parts: RouteSchemaParts): Record<string, unknown> {
  return {
    summary: parts.summary,
    ...(parts.description && { description: parts.description }),
    tags,
    ...(parts.querystring && {
      querystring: {
        type: 'object',
        additionalProperties: false,
        properties: parts.querystring.properties,
        ...(parts.querystring.required && { required: parts.querystring.required }),
      },
    }),
    ...(parts.params && { params: parts.params }),
    ...(parts.body && { body: parts.body }),
    response: { 200: { ...parts.ok, examples: [parts.example] }, ...errorResponses },
  };
}

export function listOf(items: unknown) {
  return {
    type: 'object',
    required: ['items', 'total', 'next_cursor'],
    properties: {
      items: { type: 'array', items },
      total: { type: 'integer' },
      next_cursor: { type: ['string', 'null'] },
    },
  };
}
