/** Schemas of the export routes (they also document them in `/openapi.json`). */
import { EXPORT_DATASETS, EXPORT_FORMATS, EXPORT_STATUSES } from '../../exports/export-columns';
import { errorResponses, timeParam } from './common';
import { workflowIdsParam } from './route-schema';

const allStatuses = [...new Set(Object.values(EXPORT_STATUSES).flat())];

export const exportRouteSchema = {
  summary: 'Streams a dataset for a range as CSV (RFC 4180), JSON Lines or Parquet (ZSTD)',
  description:
    'Every row of the range, streamed in constant memory (`Content-Disposition: attachment`). ' +
    "Columns are the dataset's fields; times are RFC 3339 UTC in CSV and JSON Lines, TIMESTAMP (UTC) in Parquet. " +
    'CSV: a null is an empty field, an empty string `""`; with `formulas=escape` (default) a text value starting ' +
    "with =, +, -, @, TAB or CR gets a leading ' so spreadsheets do not run it (`formulas=keep`: exact values). " +
    '`status` per dataset: executions running|completed|failed|cancelled, steps completed|failed|skipped, ' +
    'anomalies open|resolved (selected by overlap with the range), insights none (selected by created_at).',
  tags: ['exports'],
  params: {
    type: 'object',
    required: ['dataset'],
    properties: { dataset: { type: 'string', enum: [...EXPORT_DATASETS] } },
  },
  querystring: {
    type: 'object',
    additionalProperties: false,
    required: ['format'],
    properties: {
      format: { type: 'string', enum: [...EXPORT_FORMATS] },
      from: timeParam,
      to: timeParam,
      workflow_id: workflowIdsParam,
      status: { type: 'string', enum: allStatuses },
      formulas: { type: 'string', enum: ['escape', 'keep'], default: 'escape' },
    },
  },
  response: {
    200: {
      description: 'The export file',
      content: {
        'text/csv': { schema: { type: 'string' } },
        'application/jsonl': { schema: { type: 'string' } },
        'application/vnd.apache.parquet': { schema: { type: 'string', format: 'binary' } },
      },
    },
    ...errorResponses,
    429: {
      ...errorResponses[429],
      description: `${errorResponses[429].description}; or as many exports as run at once are running (too_many_exports)`,
    },
  },
};
