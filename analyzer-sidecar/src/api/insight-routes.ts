/**
 * Anomalies and insights from the latest analysis pass (viewer), and insight
 * implementation tracking (editor).
 */
import type { FastifyInstance } from 'fastify';
import type { AnalysisServices } from '../services/analysis-services';
import { paginate } from './pagination';
import { presentAnomaly, presentGroup, presentInsight } from './present-analysis';
import { parseTime, toFilter, type FilterQuery } from './query-params';
import * as R from './schemas/analysis-route-schemas';

interface AnomalyQuery extends FilterQuery {
  min_severity: number;
}
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
  const { snapshots, insights } = options.analysis;
  app.get<{ Querystring: AnomalyQuery }>(
    '/analytics/anomalies',
    { config: { access: 'viewer' }, schema: R.anomaliesRouteSchema },
    async ({ query }) => {
      const filter = toFilter(query);
      const ids = filter.workflowIds && new Set(filter.workflowIds);
      const snapshot = await snapshots.current();
      const items = snapshot.anomalies.filter(
        (a) =>
          (!ids || ids.has(a.workflow_id)) &&
          a.severity >= query.min_severity &&
          (filter.from === undefined || a.ended_at >= filter.from) &&
          (filter.to === undefined || a.started_at < filter.to),
      );
      const groups = snapshot.groups.filter((g) => g.anomalies.some((a) => items.includes(a)));
      return {
        items: items.map(presentAnomaly),
        total: items.length,
        correlated_groups: groups.map(presentGroup),
        computed_at: new Date(snapshot.computed_at).toISOString(),
      };
    },
  );
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
