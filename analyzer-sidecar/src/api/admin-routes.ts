/** Retention policies and on-demand archiving (admin role). */
import type { FastifyInstance } from 'fastify';
import type { RetentionJob } from '../archive/retention-job';
import type { RetentionSettings } from '../archive/retention-settings';
import { RECORD_TYPES } from '../model/records';
import { errorResponses } from './schemas/common';

const ruleSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    hot_days: {
      type: 'integer',
      minimum: 0,
      maximum: 36500,
      description: 'Rows older than this move to the Parquet archive',
    },
    archive_days: {
      type: ['integer', 'null'],
      minimum: 0,
      maximum: 36500,
      description: 'Archived days older than this are deleted; null keeps them',
    },
  },
} as const;

const policySchema = {
  type: 'object',
  additionalProperties: false,
  properties: Object.fromEntries(RECORD_TYPES.map((type) => [type, ruleSchema])),
} as const;

const outcomeSchema = {
  type: 'object',
  properties: {
    archived_rows: { type: 'integer' },
    archived_files: { type: 'integer' },
    deleted_rows: { type: 'integer' },
  },
} as const;

export async function adminRoutes(
  app: FastifyInstance,
  options: { settings: RetentionSettings; job: RetentionJob },
): Promise<void> {
  const { settings, job } = options;
  app.get(
    '/admin/retention',
    {
      config: { access: 'admin' },
      schema: {
        summary: 'The retention policy per record type',
        tags: ['admin'],
        response: { 200: policySchema, ...errorResponses },
      },
    },
    async () => settings.get(),
  );
  app.put<{ Body: Record<string, unknown> }>(
    '/admin/retention',
    {
      config: { access: 'admin' },
      schema: {
        summary: 'Replace rules of the retention policy',
        tags: ['admin'],
        body: policySchema,
        response: { 200: policySchema, ...errorResponses },
      },
    },
    async (request) => settings.update(request.body),
  );
  app.post(
    '/admin/retention/apply',
    {
      config: { access: 'admin' },
      schema: {
        summary: 'Apply the retention policy now: archive old rows, delete expired archive days',
        tags: ['admin'],
        response: {
          200: {
            type: 'object',
            properties: Object.fromEntries(RECORD_TYPES.map((t) => [t, outcomeSchema])),
          },
          ...errorResponses,
        },
      },
    },
    async () => job.runNow(),
  );
}
