/** Report schedules (editor: own; admin: all), "run now", and their delivery log. */
import type { FastifyInstance } from 'fastify';
import type { ScheduledReport, ScheduleSpec } from '../schedules/schedule';
import type { SchedulePatch, ScheduleService } from '../schedules/schedule-service';
import type { Scheduler } from '../schedules/scheduler';
import { presentLogEntry, presentSchedule } from './present-schedules';
import { requirePrincipal } from './principal';
import { decodeCursor, encodeCursor } from './query-params';
import * as S from './schemas/schedule-schemas';

interface SpecBody {
  name: string;
  cron: string;
  timezone: string;
  enabled: boolean;
  report: ScheduledReport;
  email?: { to: string[] } | null;
  webhook?: { url: string } | null;
}
type Id = { Params: { id: string } };
const EDITOR = { access: 'editor' } as const;

export async function scheduleRoutes(
  app: FastifyInstance,
  options: { schedules: ScheduleService; scheduler: Scheduler },
) {
  const { schedules, scheduler } = options;
  const present = (s: Parameters<typeof presentSchedule>[0]) => presentSchedule(s, scheduler.isRunning(s.id));

  app.post<{ Body: SpecBody }>(
    '/reports/schedules',
    { config: EDITOR, schema: S.createScheduleRouteSchema },
    async (request, reply) => {
      const spec: ScheduleSpec = {
        ...request.body,
        email: request.body.email ?? null,
        webhook: request.body.webhook ?? null,
      };
      const schedule = await schedules.create(requirePrincipal(request), spec);
      return reply.status(201).send({ ...present(schedule), webhook_secret: schedule.webhook_secret });
    },
  );
  app.get('/reports/schedules', { config: EDITOR, schema: S.listSchedulesRouteSchema }, async (request) => ({
    items: (await schedules.list(requirePrincipal(request))).map(present),
  }));
  app.get<Id>(
    '/reports/schedules/:id',
    { config: EDITOR, schema: S.getScheduleRouteSchema },
    async (request) => present(await schedules.get(requirePrincipal(request), request.params.id)),
  );
  app.patch<Id & { Body: SchedulePatch }>(
    '/reports/schedules/:id',
    { config: EDITOR, schema: S.patchScheduleRouteSchema },
    async (request) =>
      present(await schedules.update(requirePrincipal(request), request.params.id, request.body)),
  );
  app.delete<Id>(
    '/reports/schedules/:id',
    { config: EDITOR, schema: S.deleteScheduleRouteSchema },
    async (request, reply) => {
      await schedules.remove(requirePrincipal(request), request.params.id);
      return reply.status(204).send();
    },
  );
  app.post<Id>(
    '/reports/schedules/:id/run',
    { config: EDITOR, schema: S.runScheduleRouteSchema },
    async (request, reply) => {
      const run = await schedules.runNow(requirePrincipal(request), request.params.id);
      return reply.status(202).send({ run_id: run.id, schedule_id: request.params.id });
    },
  );
  app.get<Id & { Querystring: { limit: number; cursor?: string } }>(
    '/reports/schedules/:id/deliveries',
    { config: EDITOR, schema: S.deliveriesRouteSchema },
    async (request) => {
      const { limit, cursor } = request.query;
      const decoded = decodeCursor(cursor);
      const page = await schedules.deliveries(
        requirePrincipal(request),
        request.params.id,
        limit,
        decoded && { seq: decoded.startedAt },
      );
      const next = page.nextCursor;
      return {
        items: page.items.map(presentLogEntry),
        total: page.total,
        next_cursor: next ? encodeCursor({ startedAt: next.seq, executionId: 'log' }) : null,
      };
    },
  );
}
