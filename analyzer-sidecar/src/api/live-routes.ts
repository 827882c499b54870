/**
 * Anomalies and incidents as judged on commit (any range, keyset pages,
 * newest first), and the executions in flight with their progress.
 */
import type { FastifyInstance } from 'fastify';
import type { Anomaly, AnomalyStatus, Incident } from '../model/analysis';
import type { LiveServices } from '../services/live/live-services';
import type { LiveListQuery, LivePage } from '../store/live-store';
import { paginate } from './pagination';
import { presentLiveExecution } from './present-live';
import { presentAnomaly, presentGroup } from './present-analysis';
import { decodeCursor, encodeCursor, toFilter, type FilterQuery } from './query-params';
import { anomaliesRouteSchema } from './schemas/analysis-route-schemas';
import { incidentsRouteSchema, liveExecutionsRouteSchema } from './schemas/live-schemas';

interface LiveQuery extends FilterQuery {
  min_severity: number;
  limit: number;
  cursor?: string;
}

function toLiveQuery(query: LiveQuery): LiveListQuery {
  const filter = toFilter({ ...query, status: undefined });
  const cursor = decodeCursor(query.cursor);
  const lifecycle = query.status === 'open' || query.status === 'resolved' ? query.status : undefined;
  return {
    from: filter.from,
    to: filter.to,
    workflowIds: filter.workflowIds,
    status: lifecycle as AnomalyStatus | undefined,
    minSeverity: query.min_severity,
    limit: query.limit,
    ...(cursor && { cursor: { startedAt: cursor.startedAt, id: cursor.executionId } }),
  };
}

function pageOf<T>(page: LivePage<T>, present: (item: T) => Record<string, unknown>) {
  const next = page.nextCursor;
  return {
    items: page.items.map(present),
    total: page.total,
    next_cursor: next ? encodeCursor({ startedAt: next.startedAt, executionId: next.id }) : null,
  };
}

/** The incidents holding any of these anomalies (their members as stored now). */
async function groupsOf(live: LiveServices, anomalies: readonly Anomaly[]): Promise<Incident[]> {
  if (anomalies.length === 0) return [];
  const ids = new Set(anomalies.map((a) => a.anomaly_id));
  const from = Math.min(...anomalies.map((a) => a.started_at));
  const to = Math.max(...anomalies.map((a) => a.ended_at)) + 1;
  const incidents = await live.store.incidentsOverlapping(from, to);
  return incidents.filter((i) => i.anomalies.some((a) => ids.has(a.anomaly_id)));
}

export async function liveRoutes(app: FastifyInstance, options: { live: LiveServices; now: () => number }) {
  const { live } = options;
  app.get<{ Querystring: LiveQuery }>(
    '/analytics/anomalies',
    { config: { access: 'viewer' }, schema: anomaliesRouteSchema },
    async ({ query }) => {
      const page = await live.store.listAnomalies(toLiveQuery(query));
      const groups = await groupsOf(live, page.items);
      return {
        ...pageOf(page, presentAnomaly),
        correlated_groups: groups.map(presentGroup),
        computed_at: new Date(options.now()).toISOString(),
      };
    },
  );
  app.get<{ Querystring: LiveQuery }>(
    '/analytics/incidents',
    { config: { access: 'viewer' }, schema: incidentsRouteSchema },
    async ({ query }) => pageOf(await live.store.listIncidents(toLiveQuery(query)), presentGroup),
  );
  app.get<{ Querystring: { workflow_id?: string[]; limit: number; cursor?: string } }>(
    '/analytics/executions/live',
    { config: { access: 'viewer' }, schema: liveExecutionsRouteSchema },
    async ({ query }) => {
      const now = options.now();
      const page = paginate(live.running(query.workflow_id), query.limit, query.cursor);
      return { ...page, items: page.items.map((e) => presentLiveExecution(e, now)) };
    },
  );
}
