/** Schemas of the report routes (they also document them in `/openapi.json`). */
import { REPORT_TEMPLATES } from '../../reports/report-request';
import { component, errorResponses, timeParam } from './common';
import { workflowIdParam } from './route-schema';

const templateSchema = component('ReportTemplateDescription', {
  type: 'object',
  required: ['template', 'title', 'description', 'params'],
  properties: {
    template: { type: 'string', enum: [...REPORT_TEMPLATES] },
    title: { type: 'string' },
    description: { type: 'string' },
    params: {
      type: 'array',
      items: {
        type: 'object',
        required: ['name', 'required', 'description'],
        properties: {
          name: { type: 'string' },
          required: { type: 'boolean' },
          description: { type: 'string' },
        },
      },
    },
  },
} as const);

export const templatesRouteSchema = {
  summary: 'The report templates and their parameters',
  tags: ['reports'],
  response: {
    200: {
      type: 'object',
      required: ['items'],
      properties: { items: { type: 'array', items: templateSchema } },
      examples: [
        {
          items: [
            {
              template: 'workflow',
              title: 'Workflow report',
              description: "One workflow's statistics, trends, bottlenecks and failures",
              params: [{ name: 'workflow_id', required: true, description: 'The workflow' }],
            },
          ],
        },
      ],
    },
    ...errorResponses,
  },
};

export const reportRouteSchema = {
  summary: 'Renders a report as PDF (charts, tables, embedded font) or standalone HTML',
  description:
    'Range defaults to the 7 days before `to` (default now). `workflow_id` is required for the workflow template ' +
    'and narrows the anomalies and insights templates.',
  tags: ['reports'],
  params: {
    type: 'object',
    required: ['template'],
    properties: { template: { type: 'string', enum: [...REPORT_TEMPLATES] } },
  },
  querystring: {
    type: 'object',
    additionalProperties: false,
    properties: {
      format: { type: 'string', enum: ['pdf', 'html'], default: 'pdf' },
      from: timeParam,
      to: timeParam,
      workflow_id: workflowIdParam,
    },
  },
  response: {
    200: {
      description: 'The report',
      content: {
        'application/pdf': { schema: { type: 'string', format: 'binary' } },
        'text/html': { schema: { type: 'string' } },
      },
    },
    ...errorResponses,
  },
};
