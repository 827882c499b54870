/** `GET /reports/templates` and `GET /reports/{template}` (viewer). */
import type { FastifyInstance } from 'fastify';
import type { RenderReport, ReportFormat, ReportRequest, ReportTemplate } from '../reports/report-request';
import { TEMPLATES } from '../reports/report-templates';
import { BadRequestError } from './errors';
import { parseTime } from './query-params';
import { reportRouteSchema, templatesRouteSchema } from './schemas/report-schemas';

const DEFAULT_RANGE_MS = 7 * 86_400_000;

interface ReportQuery {
  format: ReportFormat;
  from?: string;
  to?: string;
  workflow_id?: string;
}

/** The request a query names, checked: workflow_id where the template needs it, a range that runs forward. */
export function toReportRequest(template: ReportTemplate, query: ReportQuery, now: number): ReportRequest {
  const to = parseTime('to', query.to) ?? now;
  const from = parseTime('from', query.from) ?? to - DEFAULT_RANGE_MS;
  if (to <= from) throw new BadRequestError('to', 'to must be after from');
  const needsWorkflow = TEMPLATES[template].params.some((p) => p.name === 'workflow_id' && p.required);
  if (needsWorkflow && query.workflow_id === undefined)
    throw new BadRequestError('workflow_id', `the ${template} report needs workflow_id`);
  return {
    template,
    format: query.format,
    from,
    to,
    ...(query.workflow_id !== undefined && { workflow_id: query.workflow_id }),
  };
}

export async function reportRoutes(
  app: FastifyInstance,
  options: { render: RenderReport; now: () => number },
) {
  app.get('/reports/templates', { config: { access: 'viewer' }, schema: templatesRouteSchema }, async () => ({
    items: Object.values(TEMPLATES).map(({ template, title, description, params }) => ({
      template,
      title,
      description,
      params,
    })),
  }));
  app.get<{ Params: { template: ReportTemplate }; Querystring: ReportQuery }>(
    '/reports/:template',
    { config: { access: 'viewer' }, schema: reportRouteSchema },
    async (request, reply) => {
      const report = await options.render(
        toReportRequest(request.params.template, request.query, options.now()),
      );
      const disposition = report.contentType.startsWith('text/html') ? 'inline' : 'attachment';
      return reply
        .type(report.contentType)
        .header('content-disposition', `${disposition}; filename="${report.filename}"`)
        .header('cache-control', 'no-store')
        .send(report.body);
    },
  );
}
