/** `GET /analytics/export/{dataset}`: streamed CSV, JSON Lines and Parquet exports (viewer). */
import type { FastifyInstance } from 'fastify';
import type { Readable } from 'node:stream';
import type { FormulaHandling } from '../exports/csv';
import { EXPORT_STATUSES, type ExportDataset, type ExportFormat } from '../exports/export-columns';
import type { ExportService } from '../exports/export-service';
import { BadRequestError, TooManyExportsError } from './errors';
import { toFilter } from './query-params';
import { exportRouteSchema } from './schemas/export-schemas';

interface ExportQuery {
  format: ExportFormat;
  from?: string;
  to?: string;
  workflow_id?: string[];
  status?: string;
  formulas: FormulaHandling;
}

function checkStatus(dataset: ExportDataset, status: string | undefined): void {
  if (status === undefined || EXPORT_STATUSES[dataset].includes(status)) return;
  const allowed = EXPORT_STATUSES[dataset];
  throw new BadRequestError(
    'status',
    allowed.length === 0
      ? `${dataset} have no status to filter by`
      : `status of ${dataset} must be one of ${allowed.join(', ')}`,
  );
}

export interface ExportRouteOptions {
  exports: ExportService;
  /** Exports running at once (being written or streamed); more are a 429. */
  maxConcurrent: number;
}

export async function exportRoutes(app: FastifyInstance, options: ExportRouteOptions) {
  // Bodies still streaming when the app closes: ended, so the store's close does not wait on a slow client.
  const open = new Set<Readable>();
  let preparing = 0;
  app.addHook('preClose', async () => {
    for (const body of open) body.destroy();
  });
  app.get<{ Params: { dataset: ExportDataset }; Querystring: ExportQuery }>(
    '/analytics/export/:dataset',
    { config: { access: 'viewer' }, schema: exportRouteSchema },
    async (request, reply) => {
      const { dataset } = request.params;
      const { query } = request;
      checkStatus(dataset, query.status);
      const { from, to, workflowIds, status } = toFilter({ ...query, action_type: undefined });
      if (open.size + preparing >= options.maxConcurrent)
        throw new TooManyExportsError(options.maxConcurrent);
      preparing++;
      const opened = await options.exports
        .open({
          dataset,
          format: query.format,
          filter: { from, to, workflowIds, status },
          formulas: query.formulas,
        })
        .finally(() => preparing--);
      open.add(opened.body);
      opened.body.once('close', () => open.delete(opened.body));
      return reply
        .type(opened.contentType)
        .header('content-disposition', `attachment; filename="${opened.filename}"`)
        .header('cache-control', 'no-store')
        .send(opened.body);
    },
  );
}
