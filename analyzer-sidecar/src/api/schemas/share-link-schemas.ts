/** Schemas of the share-link routes and of the public `/shared/{token}`. */
import { REPORT_TEMPLATES } from '../../reports/report-request';
import { DEFAULT_EXPIRY_DAYS, MAX_EXPIRY_DAYS } from '../../sharing/share-link';
import { component, errorResponses, errorSchema, rfc3339, timeParam } from './common';

const tags = ['reports'];

const targetSchema = component('ShareLinkTarget', {
  type: 'object',
  properties: {
    template: { type: 'string' },
    format: { type: 'string' },
    from: rfc3339,
    to: rfc3339,
    workflow_id: { type: 'string' },
    view: { type: 'string' },
  },
} as const);

export const shareLinkSchema = component('ShareLink', {
  type: 'object',
  properties: {
    link_id: { type: 'string' },
    owner: { type: 'string' },
    state: { type: 'string', enum: ['active', 'expired', 'revoked'] },
    created_at: rfc3339,
    expires_at: rfc3339,
    revoked_at: { ...rfc3339, type: ['string', 'null'] },
    target: targetSchema,
  },
} as const);

const linkExample = {
  link_id: '0d4b7f7e-3c55-4c55-8f3e-9a1b2c3d4e5f',
  owner: 'token:3fa2c1d9b8e7',
  state: 'active',
  created_at: '2026-12-03T14:00:00.000Z',
  expires_at: '2026-12-10T14:00:00.000Z',
  revoked_at: null,
  target: {
    template: 'workflow',
    format: 'pdf',
    from: '2026-11-26T00:00:00.000Z',
    to: '2026-12-03T00:00:00.000Z',
    workflow_id: 'wf-invoice',
  },
};

export const createShareLinkRouteSchema = {
  summary: 'Creates a read-only link to one report; the token is shown once (only its SHA-256 is stored)',
  tags,
  body: {
    type: 'object',
    additionalProperties: false,
    required: ['target'],
    properties: {
      target: {
        type: 'object',
        additionalProperties: false,
        required: ['template', 'from', 'to'],
        properties: {
          template: { type: 'string', enum: [...REPORT_TEMPLATES] },
          format: { type: 'string', enum: ['pdf', 'html'], default: 'pdf' },
          from: timeParam,
          to: timeParam,
          workflow_id: { type: 'string', minLength: 1, maxLength: 256 },
          view: { type: 'string', maxLength: 512, description: 'The app page the link was made from' },
        },
      },
      expires_in_days: {
        type: 'integer',
        minimum: 1,
        maximum: MAX_EXPIRY_DAYS,
        default: DEFAULT_EXPIRY_DAYS,
      },
    },
  },
  response: {
    201: {
      ...shareLinkSchema,
      title: 'CreatedShareLink',
      properties: {
        ...shareLinkSchema.properties,
        token: { type: 'string', description: '256 bits, base64url; shown only here' },
        url: { type: 'string', description: '/shared/<token>, relative to the analyzer' },
      },
      examples: [{ ...linkExample, token: 'Zm9v…', url: '/shared/Zm9v…' }],
    },
    ...errorResponses,
  },
};

export const listShareLinksRouteSchema = {
  summary: 'Share links: your own (editor) or all (admin), newest first, with their state',
  tags,
  response: {
    200: {
      type: 'object',
      properties: { items: { type: 'array', items: shareLinkSchema } },
      examples: [{ items: [linkExample] }],
    },
    ...errorResponses,
  },
};

export const revokeShareLinkRouteSchema = {
  summary: 'Revokes a share link (owner or admin); it answers 404 from then on',
  tags,
  params: {
    type: 'object',
    required: ['link_id'],
    properties: { link_id: { type: 'string', minLength: 1, maxLength: 64 } },
  },
  response: {
    200: {
      ...shareLinkSchema,
      examples: [{ ...linkExample, state: 'revoked', revoked_at: linkExample.created_at }],
    },
    ...errorResponses,
    404: { description: 'No such link (or not yours)', ...errorSchema },
  },
};

export const sharedReportRouteSchema = {
  summary: 'Public: the one report a share link names (no Authorization)',
  description:
    'Unknown, expired and revoked tokens all answer the same 404. Wrong tokens count as failed ' +
    'authentications of the caller (429 + Retry-After past the limit), and each address may fetch a ' +
    'limited number of reports a minute.',
  tags,
  security: [],
  params: {
    type: 'object',
    required: ['token'],
    properties: { token: { type: 'string', maxLength: 128 } },
  },
  response: {
    200: {
      description: 'The report (application/pdf or text/html)',
      content: {
        'application/pdf': { schema: { type: 'string', format: 'binary' } },
        'text/html': { schema: { type: 'string' } },
      },
    },
    404: { description: 'Unknown, expired or revoked link', ...errorSchema },
    429: errorResponses[429],
  },
};
