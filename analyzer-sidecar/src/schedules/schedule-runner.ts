/**
 * One run of a schedule: render its report (through the injected renderer),
 * then hand it to each of its channels, every step retried with backoff and
 * every attempt written to the delivery log. A run never changes the
 * schedule's spec: whatever fails, the schedule stays as it was.
 */
import { randomUUID } from 'node:crypto';
import type { Deliver, DeliveryChannel, DeliveryDetail, ReportDelivery, RunInfo } from '../delivery/delivery';
import { withRetries, type AttemptReport, type RetryDeps, type RetryPolicy } from '../delivery/retry';
import type { RenderedReport, RenderReport, ReportRequest } from '../reports/report-request';
import type { LogChannel, ScheduleStore } from '../store/schedule-store';
import { rangeMs, type RunOutcome, type Schedule } from './schedule';

export interface RunnerLog {
  info(object: object, message: string): void;
  warn(object: object, message: string): void;
}

export interface RunnerDeps {
  readonly store: ScheduleStore;
  readonly render: RenderReport;
  /** A channel absent here (no SMTP configured) fails its deliveries with a logged reason. */
  readonly channels: Partial<Record<DeliveryChannel, Deliver>>;
  readonly retry: RetryPolicy;
  readonly sleep: RetryDeps['sleep'];
  readonly random: () => number;
  readonly now: () => number;
  readonly log: RunnerLog;
  /** Counts attempts (rpa_analyzer_report_delivery_attempts_total). */
  readonly onAttempt?: (channel: LogChannel, ok: boolean) => void;
}

export type RunSchedule = (schedule: Schedule, run: RunInfo, signal: AbortSignal) => Promise<RunOutcome>;

/** The report a run renders: the range ends at the occurrence (a late or manual run: at its start). */
export function reportRequestFor(schedule: Schedule, run: RunInfo, now: number): ReportRequest {
  const to = run.trigger === 'schedule' && run.scheduled_at !== null ? run.scheduled_at : now;
  const { template, format, workflow_id } = schedule.report;
  return {
    template,
    format,
    from: to - rangeMs(schedule.report.range),
    to,
    ...(workflow_id !== undefined && { workflow_id }),
  };
}

export function createScheduleRunner(deps: RunnerDeps): RunSchedule {
  return async (schedule, run, signal) => {
    const retry = { sleep: deps.sleep, random: deps.random, signal };
    const logAttempt =
      <T>(channel: LogChannel, detail: (value: T) => DeliveryDetail | null) =>
      async (report: AttemptReport<T>) => {
        const { result } = report;
        deps.onAttempt?.(channel, result.ok);
        await deps.store.appendLog({
          id: randomUUID(),
          schedule_id: schedule.id,
          run_id: run.id,
          channel,
          attempt: report.attempt,
          status: result.ok ? 'succeeded' : 'failed',
          at: deps.now(),
          error: result.ok ? null : result.error,
          retry_in_ms: report.retryInMs,
          detail: result.ok ? detail(result.value) : null,
        });
        if (!result.ok)
          deps.log.warn(
            { schedule_id: schedule.id, run_id: run.id, channel, attempt: report.attempt, err: result.error },
            'report delivery attempt failed',
          );
      };
    const request = reportRequestFor(schedule, run, deps.now());
    const rendered = await withRetries<RenderedReport>(
      deps.retry,
      retry,
      async () => ({ ok: true, value: await deps.render(request) }),
      logAttempt('render', (r) => ({
        filename: r.filename,
        content_type: r.contentType,
        size_bytes: r.body.length,
      })),
    );
    let outcome: RunOutcome = 'failed';
    if (rendered.ok) {
      const delivery: ReportDelivery = { schedule, run, request, report: rendered.value };
      const targets: DeliveryChannel[] = [];
      if (schedule.email !== null) targets.push('email');
      if (schedule.webhook !== null) targets.push('webhook');
      const results = await Promise.all(
        targets.map((channel) => {
          const deliver = deps.channels[channel];
          return withRetries<DeliveryDetail>(
            deps.retry,
            retry,
            deliver === undefined
              ? async () => ({ ok: false, error: `${channel} delivery is not configured` })
              : () => deliver(delivery, signal),
            logAttempt(channel, (d) => d),
          );
        }),
      );
      const succeeded = results.filter((r) => r.ok).length;
      outcome = succeeded === results.length ? 'succeeded' : succeeded > 0 ? 'partial' : 'failed';
    }
    await deps.store.recordOutcome(schedule.id, deps.now(), outcome);
    deps.log.info(
      { schedule_id: schedule.id, run_id: run.id, trigger: run.trigger, outcome },
      'report run ended',
    );
    return outcome;
  };
}
