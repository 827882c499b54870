/**
 * Adds report schedules, their deliveries and share links to the app: the
 * backend's tables, the scheduler (started here: it makes up missed runs), and
 * the routes. Reports come from the injected renderer (the `RenderReport`
 * seam of reports/report-request.ts).
 */
import type { FastifyInstance } from 'fastify';
import { Counter, type Registry } from 'prom-client';
import type { FailedAuthLimiter } from './api/failed-auth-limiter';
import { scheduleRoutes } from './api/schedule-routes';
import { shareLinkRoutes } from './api/share-link-routes';
import { NO_DELIVERY, type DeliveryConfig } from './config/config';
import type { Deliver, DeliveryChannel } from './delivery/delivery';
import { createEmailDelivery } from './delivery/email-delivery';
import { abortableSleep, DEFAULT_RETRY, type RetryPolicy } from './delivery/retry';
import { createWebhookDelivery } from './delivery/webhook-delivery';
import type { RenderReport } from './reports/report-request';
import { createScheduleRunner } from './schedules/schedule-runner';
import { createScheduleService, type ScheduleService } from './schedules/schedule-service';
import { Scheduler } from './schedules/scheduler';
import { createShareLinkService, type ShareLinkService } from './sharing/share-link-service';
import type { StoreBackend } from './backend/store-backend';
import type { ClusterCoordinator } from './cluster/cluster-coordinator';

/** What a test (or the lead's wiring) may replace; the defaults are the real ones. */
export interface DeliveryWiring {
  readonly render?: RenderReport;
  readonly now?: () => number;
  readonly retry?: RetryPolicy;
  readonly webhookTimeoutMs?: number;
  readonly emailTimeoutMs?: number;
  /** Reports one address may fetch through share links a minute (default 30). */
  readonly sharedFetchesPerMinute?: number;
}

export interface ScheduleServices {
  readonly schedules: ScheduleService;
  readonly scheduler: Scheduler;
  readonly links: ShareLinkService;
  stop(): Promise<void>;
}

declare module 'fastify' {
  interface FastifyInstance {
    schedules: ScheduleServices;
  }
}

export interface SchedulesAppOptions {
  readonly backend: StoreBackend;
  /** Analyzers sharing the backend: schedules fire on the owner of the scheduler role only. */
  readonly cluster?: ClusterCoordinator;
  readonly delivery: DeliveryConfig | undefined;
  readonly render: RenderReport;
  readonly failedAuth?: FailedAuthLimiter;
  readonly wiring?: DeliveryWiring;
  readonly registry: Registry;
}

export async function registerSchedules(app: FastifyInstance, options: SchedulesAppOptions): Promise<void> {
  const wiring = options.wiring ?? {};
  const now = wiring.now ?? Date.now;
  const { smtpUrl, smtpFrom } = options.delivery ?? NO_DELIVERY;
  const tables = { schedules: options.backend.schedules, links: options.backend.links };
  const attempts = new Counter({
    name: 'rpa_analyzer_report_delivery_attempts_total',
    help: 'Attempts of scheduled report runs (render, email, webhook), by outcome',
    labelNames: ['channel', 'outcome'],
    registers: [options.registry],
  });
  const email =
    smtpUrl !== undefined && smtpFrom !== undefined
      ? createEmailDelivery({ smtpUrl, from: smtpFrom, timeoutMs: wiring.emailTimeoutMs })
      : undefined;
  const channels: Partial<Record<DeliveryChannel, Deliver>> = {
    webhook: createWebhookDelivery({ timeoutMs: wiring.webhookTimeoutMs, now }),
    ...(email && { email: email.deliver }),
  };
  const run = createScheduleRunner({
    store: tables.schedules,
    render: options.render,
    channels,
    retry: wiring.retry ?? DEFAULT_RETRY,
    sleep: abortableSleep,
    random: Math.random,
    now,
    log: app.log,
    onAttempt: (channel, ok) => attempts.inc({ channel, outcome: ok ? 'succeeded' : 'failed' }),
  });
  const { cluster } = options;
  const scheduler = new Scheduler({
    store: tables.schedules,
    run,
    now,
    log: app.log,
    active: cluster && (() => cluster.holds(SCHEDULER_ROLE)),
  });
  const schedules = createScheduleService({
    store: tables.schedules,
    scheduler,
    now,
    emailEnabled: email !== undefined,
  });
  const links = createShareLinkService({ store: tables.links, now });
  app.decorate('schedules', {
    schedules,
    scheduler,
    links,
    async stop() {
      await scheduler.stop();
      email?.close();
    },
  });
  await app.register(scheduleRoutes, { schedules, scheduler });
  await app.register(shareLinkRoutes, {
    links,
    render: options.render,
    failedAuth: options.failedAuth,
    fetchesPerMinute: wiring.sharedFetchesPerMinute,
  });
  cluster?.role(SCHEDULER_ROLE, async (active) => {
    if (active) await scheduler.start(); // catches up what the previous owner left
  });
  await scheduler.start();
}

const SCHEDULER_ROLE = 'scheduler';
