/**
 * Insights from the latest analysis pass (viewer), and insight implementation
 * tracking (editor). Anomalies are served by the live routes.
 */
import type { FastifyInstance } from 'fastify';
import type { AnalysisServices } from '../services/analysis-services';
import { paginate } from './pagination';
import { presentInsight } from './present-analysis';
import { parseTime } from './query-params';
import * as R from './schemas/analysis-route-schemas';

interface InsightQuery {
  workflow_id?: string[];
  category?: string;
  limit: number;
  cursor?: string;
}
interface ImplementationBody {
  implemented?: boolean;
  note?: string;
  implemented_at?: string;
  actual_impact?: Record<string, unknown>;
}

export async function insightRoutes(app: FastifyInstance, options: { analysis: AnalysisServices }) {
  const { insights } = options.analysis;
  app.get<{ Querystring: InsightQuery }>(
    '/analytics/insights',
    { config: { access: 'viewer' }, schema: R.insightsRouteSchema },
    async ({ query }) => {
      const all = await insights.list({ workflowIds: query.workflow_id, category: query.category });
      const page = paginate(all, query.limit, query.cursor);
      return { ...page, items: page.items.map(presentInsight) };
    },
  );
  app.post<{ Params: { id: string }; Body: ImplementationBody | undefined }>(
    '/analytics/insights/:id/implementation',
    { config: { access: 'editor' }, schema: R.implementationRouteSchema },
    async (request) => {
      const body = request.body ?? {};
      const id = request.params.id;
      if (body.implemented === false) return presentInsight(await insights.withdraw(id));
      const at = parseTime('implemented_at', body.implemented_at);
      return presentInsight(
        await insights.implement(id, { note: body.note ?? null, at, reported: body.actual_impact ?? null }),
      );
    },
  );
}
