/**
 * Self-healing analytics (viewer): recoveries by strategy, target and
 * workflow, healed-then-failed executions, confidence drift, healing debt,
 * time saved, expected runs and queue times; per-workflow settings (editor).
 */
import type { FastifyInstance } from 'fastify';
import type { HealingDimension } from '../analysis/healing/healing-stats';
import { checkCron, checkTimeZone } from '../schedules/cron-schedule';
import type { HealingService } from '../services/healing/healing-service';
import { NotFoundError } from '../services/not-found-error';
import type { WorkflowSettings, WorkflowSettingsStore } from '../store/workflow-settings-store';
import { BadRequestError } from './errors';
import { paginate } from './pagination';
import { isoTime } from './present';
import {
  presentDebt,
  presentDrift,
  presentExpectation,
  presentRecovery,
  presentSettings,
} from './present-healing';
import { toFilter, type FilterQuery } from './query-params';
import * as S from './schemas/healing-schemas';

interface Paged {
  limit: number;
  cursor?: string;
}
type ListQuery = FilterQuery & Paged;
interface HealingQuery extends ListQuery {
  group_by: HealingDimension;
}
interface DriftQuery extends ListQuery {
  flagged_only: boolean;
  alpha: number;
  min_executions: number;
  min_decline: number;
  floor: number;
}
interface DebtQuery extends Paged {
  workflow_id?: string[];
  days: number;
  min_days: number;
  still_healing_hours: number;
}
interface ExpectedQuery extends Paged {
  workflow_id?: string[];
  missing_only: boolean;
}
type SettingsBody = Partial<Omit<WorkflowSettings, 'workflow_id' | 'updated_at'>>;

const viewer = { access: 'viewer' as const };
const editor = { access: 'editor' as const };

export async function healingRoutes(
  app: FastifyInstance,
  options: { healing: HealingService; settings: WorkflowSettingsStore; now: () => number },
): Promise<void> {
  const { healing, settings } = options;
  app.get<{ Querystring: HealingQuery }>(
    '/analytics/healing',
    { config: viewer, schema: S.healingRouteSchema },
    async ({ query }) => {
      const { totals, groups } = await healing.summary(toFilter(query), query.group_by);
      return { group_by: query.group_by, totals, ...paginate(groups, query.limit, query.cursor) };
    },
  );
  app.get<{ Querystring: ListQuery }>(
    '/analytics/healing/failures-after-recovery',
    { config: viewer, schema: S.failuresAfterRecoveryRouteSchema },
    async ({ query }) =>
      paginate(
        (await healing.failuresAfterRecovery(toFilter(query))).map(presentRecovery),
        query.limit,
        query.cursor,
      ),
  );
  app.get<{ Querystring: DriftQuery }>(
    '/analytics/confidence-drift',
    { config: viewer, schema: S.driftRouteSchema },
    async ({ query }) => {
      const { range, items } = await healing.drift(toFilter(query), {
        alpha: query.alpha,
        minExecutions: query.min_executions,
        minDecline: query.min_decline,
        floor: query.floor,
      });
      const shown = query.flagged_only ? items.filter((d) => d.flagged) : items;
      return {
        from: isoTime(range.from as number),
        to: isoTime(range.to as number),
        alpha: query.alpha,
        ...paginate(shown.map(presentDrift), query.limit, query.cursor),
      };
    },
  );
  app.get<{ Querystring: DebtQuery }>(
    '/analytics/healing-debt',
    { config: viewer, schema: S.debtRouteSchema },
    async ({ query }) => {
      const debts = await healing.debt({
        days: query.days,
        minDays: query.min_days,
        stillHealingHours: query.still_healing_hours,
        workflowIds: query.workflow_id,
      });
      return paginate(debts.map(presentDebt), query.limit, query.cursor);
    },
  );
  app.get<{ Querystring: ListQuery }>(
    '/analytics/time-saved',
    { config: viewer, schema: S.timeSavedRouteSchema },
    async ({ query }) => {
      const [{ items, fleet }, all] = await Promise.all([
        healing.timeSaved(toFilter(query)),
        settings.list(),
      ]);
      const currency = new Map(all.map((s) => [s.workflow_id, s.currency]));
      const rows = items.map((i) => ({ ...i, currency: currency.get(i.workflow_id) ?? null }));
      return { fleet, ...paginate(rows, query.limit, query.cursor) };
    },
  );
  app.get<{ Querystring: ExpectedQuery }>(
    '/analytics/expected-runs',
    { config: viewer, schema: S.expectedRunsRouteSchema },
    async ({ query }) => {
      const all = await healing.expectedRuns(query.workflow_id);
      const shown = query.missing_only ? all.filter((e) => e.missing) : all;
      return paginate(shown.map(presentExpectation), query.limit, query.cursor);
    },
  );
  app.get<{ Querystring: ListQuery }>(
    '/analytics/queue-times',
    { config: viewer, schema: S.queueTimesRouteSchema },
    async ({ query }) => paginate(await healing.queueTimes(toFilter(query)), query.limit, query.cursor),
  );
  settingsRoutes(app, settings, options.now);
}

function settingsRoutes(app: FastifyInstance, settings: WorkflowSettingsStore, now: () => number): void {
  app.get<{ Querystring: Paged }>(
    '/analytics/workflow-settings',
    { config: viewer, schema: S.listSettingsRouteSchema },
    async ({ query }) => paginate((await settings.list()).map(presentSettings), query.limit, query.cursor),
  );
  app.put<{ Params: { workflow_id: string }; Body: SettingsBody }>(
    '/analytics/workflow-settings/:workflow_id',
    { config: editor, schema: S.putSettingsRouteSchema },
    async ({ params, body }) => {
      const timezone = body.timezone ?? 'UTC';
      const zone = checkTimeZone(timezone);
      if (!zone.ok) throw new BadRequestError('timezone', zone.error);
      if (body.cron != null) {
        const cron = checkCron(body.cron, timezone);
        if (!cron.ok) throw new BadRequestError('cron', cron.error);
      }
      const saved: WorkflowSettings = {
        workflow_id: params.workflow_id,
        manual_minutes_per_case: body.manual_minutes_per_case ?? null,
        cost_per_hour: body.cost_per_hour ?? null,
        currency: body.currency ?? null,
        failure_handling_minutes: body.failure_handling_minutes ?? 0,
        cron: body.cron?.trim() || null,
        timezone,
        tolerance_minutes: body.tolerance_minutes ?? null,
        updated_at: now(),
      };
      await settings.put(saved);
      return presentSettings(saved);
    },
  );
  app.delete<{ Params: { workflow_id: string } }>(
    '/analytics/workflow-settings/:workflow_id',
    { config: editor, schema: S.deleteSettingsRouteSchema },
    async ({ params }) => {
      if (!(await settings.remove(params.workflow_id)))
        throw new NotFoundError(`workflow ${params.workflow_id} has no settings`);
      return { deleted: true };
    },
  );
}
