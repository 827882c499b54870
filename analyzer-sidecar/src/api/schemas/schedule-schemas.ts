/** Schemas of the report schedule routes (they also generate `/openapi.json`). */
import { REPORT_TEMPLATES } from '../../reports/report-request';
import { MAX_RANGE_MS, MAX_RECIPIENTS, MIN_RANGE_MS } from '../../schedules/schedule';
import { component, errorResponses, errorSchema, rfc3339 } from './common';
import { cursorParam, limitParam } from './route-schema';

const tags = ['reports'];
const nullableTime = { ...rfc3339, type: ['string', 'null'] } as const;
const notFound = { 404: { description: 'No such schedule (or not yours)', ...errorSchema } };

const reportSpec = {
  type: 'object',
  additionalProperties: false,
  required: ['template'],
  properties: {
    template: { type: 'string', enum: [...REPORT_TEMPLATES] },
    format: { type: 'string', enum: ['pdf', 'html'], default: 'pdf' },
    range: {
      description: `The report covers this much time up to the run: 24h, 7d, 30d, or milliseconds (${MIN_RANGE_MS}..${MAX_RANGE_MS})`,
      anyOf: [
        { type: 'string', enum: ['24h', '7d', '30d'] },
        { type: 'integer', minimum: MIN_RANGE_MS, maximum: MAX_RANGE_MS },
      ],
      default: '24h',
    },
    workflow_id: {
      type: 'string',
      minLength: 1,
      maxLength: 256,
      description: 'Required by the workflow template',
    },
  },
} as const;

const email = {
  type: ['object', 'null'],
  additionalProperties: false,
  required: ['to'],
  properties: {
    to: { type: 'array', minItems: 1, maxItems: MAX_RECIPIENTS, items: { type: 'string', maxLength: 320 } },
  },
} as const;

const webhook = {
  type: ['object', 'null'],
  additionalProperties: false,
  required: ['url'],
  properties: { url: { type: 'string', maxLength: 2048, description: 'http or https' } },
} as const;

const specProperties = {
  name: { type: 'string', minLength: 1, maxLength: 200 },
  cron: {
    type: 'string',
    minLength: 1,
    maxLength: 200,
    description: 'Five fields (minute hour day-of-month month day-of-week) or @daily, @hourly, …',
  },
  timezone: { type: 'string', minLength: 1, maxLength: 64, description: 'IANA, e.g. Europe/Berlin' },
  enabled: { type: 'boolean' },
  report: reportSpec,
  email,
  webhook,
} as const;

export const scheduleSchema = component('Schedule', {
  type: 'object',
  properties: {
    id: { type: 'string' },
    name: { type: 'string' },
    owner: { type: 'string', description: 'Principal id of the creator (token:<12 hex>[/grafana:<login>])' },
    cron: { type: 'string' },
    timezone: { type: 'string' },
    enabled: { type: 'boolean' },
    report: {
      type: 'object',
      properties: {
        template: { type: 'string' },
        format: { type: 'string' },
        range: { anyOf: [{ type: 'string' }, { type: 'integer' }] },
        workflow_id: { type: 'string' },
      },
    },
    email: { type: ['object', 'null'], properties: { to: { type: 'array', items: { type: 'string' } } } },
    webhook: { type: ['object', 'null'], properties: { url: { type: 'string' } } },
    next_run_at: nullableTime,
    last_run_at: nullableTime,
    last_outcome: {
      type: ['string', 'null'],
      description: 'succeeded, partial, failed, or null before a run',
    },
    running: { type: 'boolean' },
    created_at: rfc3339,
    updated_at: rfc3339,
  },
} as const);

const scheduleExample = {
  id: '6f1c1f0e-6b0d-4a53-9a5c-2b1f1d1e7a10',
  name: 'Fleet every Monday',
  owner: 'token:3fa2c1d9b8e7',
  cron: '0 7 * * 1',
  timezone: 'Europe/Berlin',
  enabled: true,
  report: { template: 'fleet', format: 'pdf', range: '7d' },
  email: { to: ['ops@example.com'] },
  webhook: { url: 'https://hooks.example.com/rpa' },
  next_run_at: '2026-12-07T06:00:00.000Z',
  last_run_at: null,
  last_outcome: null,
  running: false,
  created_at: '2026-12-03T14:00:00.000Z',
  updated_at: '2026-12-03T14:00:00.000Z',
};

const idParams = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string', minLength: 1, maxLength: 64 } },
} as const;

export const createScheduleRouteSchema = {
  summary:
    'Creates a report schedule (e-mail and/or signed webhook delivery); the webhook secret is shown once',
  tags,
  body: {
    type: 'object',
    additionalProperties: false,
    required: ['name', 'cron', 'timezone', 'report'],
    properties: { ...specProperties, enabled: { type: 'boolean', default: true } },
  },
  response: {
    201: {
      ...scheduleSchema,
      title: 'CreatedSchedule',
      properties: {
        ...scheduleSchema.properties,
        webhook_secret: {
          type: 'string',
          description: 'Keys X-RPA-Signature (HMAC-SHA256 of `<X-RPA-Timestamp>.<body>`); shown only here',
        },
      },
      examples: [{ ...scheduleExample, webhook_secret: 'q3Vh…' }],
    },
    ...errorResponses,
  },
};

export const listSchedulesRouteSchema = {
  summary: 'Report schedules: your own (editor) or all (admin)',
  tags,
  response: {
    200: {
      type: 'object',
      properties: { items: { type: 'array', items: scheduleSchema } },
      examples: [{ items: [scheduleExample] }],
    },
    ...errorResponses,
  },
};

export const getScheduleRouteSchema = {
  summary: 'One report schedule',
  tags,
  params: idParams,
  response: { 200: { ...scheduleSchema, examples: [scheduleExample] }, ...errorResponses, ...notFound },
};

export const patchScheduleRouteSchema = {
  summary: 'Changes a report schedule (fields given replace theirs; email or webhook null removes it)',
  tags,
  params: idParams,
  body: { type: 'object', additionalProperties: false, minProperties: 1, properties: specProperties },
  response: { 200: { ...scheduleSchema, examples: [scheduleExample] }, ...errorResponses, ...notFound },
};

export const deleteScheduleRouteSchema = {
  summary: 'Deletes a report schedule and its delivery log',
  tags,
  params: idParams,
  response: { 204: { description: 'Deleted' }, ...errorResponses, ...notFound },
};

export const runScheduleRouteSchema = {
  summary: 'Runs a schedule now (its deliveries follow in the delivery log)',
  tags,
  params: idParams,
  response: {
    202: {
      type: 'object',
      properties: { run_id: { type: 'string' }, schedule_id: { type: 'string' } },
      examples: [{ run_id: 'b1e0…', schedule_id: scheduleExample.id }],
    },
    ...errorResponses,
    ...notFound,
    409: { description: 'The schedule is running (runs never overlap)', ...errorSchema },
  },
};

const logEntrySchema = component('DeliveryLogEntry', {
  type: 'object',
  properties: {
    id: { type: 'string' },
    run_id: { type: 'string' },
    channel: { type: 'string', enum: ['render', 'email', 'webhook', 'run'] },
    attempt: { type: 'integer', description: '1-based; 0 for a skipped run' },
    status: { type: 'string', enum: ['succeeded', 'failed', 'skipped'] },
    at: rfc3339,
    error: { type: ['string', 'null'] },
    retry_in_ms: { type: ['integer', 'null'], description: 'When the next attempt follows; null: none' },
    detail: {
      type: ['object', 'null'],
      additionalProperties: true,
      description:
        'webhook: status_code; email: message_id, accepted, rejected; render: filename, size_bytes',
    },
  },
} as const);

export const deliveriesRouteSchema = {
  summary: 'Delivery log of a schedule: every render and delivery attempt, and skipped runs, newest first',
  tags,
  params: idParams,
  querystring: {
    type: 'object',
    additionalProperties: false,
    properties: { limit: limitParam, cursor: cursorParam },
  },
  response: {
    200: {
      type: 'object',
      properties: {
        items: { type: 'array', items: logEntrySchema },
        total: { type: 'integer' },
        next_cursor: { type: ['string', 'null'] },
      },
      examples: [
        {
          items: [
            {
              id: 'c2…',
              run_id: 'b1e0…',
              channel: 'webhook',
              attempt: 2,
              status: 'succeeded',
              at: '2026-12-07T06:00:05.120Z',
              error: null,
              retry_in_ms: null,
              detail: { status_code: 204 },
            },
          ],
          total: 1,
          next_cursor: null,
        },
      ],
    },
    ...errorResponses,
    ...notFound,
  },
};
