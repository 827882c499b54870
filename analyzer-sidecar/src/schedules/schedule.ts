/**
 * A report schedule as plain data, and the checks of what a client asks for:
 * every check names the field at fault. Pure: the HTTP schema has already
 * checked the shapes; these are the rules a schema cannot say.
 */
import { REPORT_TEMPLATES, type ReportFormat, type ReportTemplate } from '../reports/report-request';
import { checkWebhookUrl } from '../delivery/webhook-url';
import { checkCron, checkTimeZone } from './cron-schedule';

export const REPORT_RANGES = { '24h': 86_400_000, '7d': 7 * 86_400_000, '30d': 30 * 86_400_000 } as const;
export type ReportRange = keyof typeof REPORT_RANGES | number;
export const MIN_RANGE_MS = 60_000;
export const MAX_RANGE_MS = 366 * 86_400_000;
export const MAX_RECIPIENTS = 50;

export interface ScheduledReport {
  readonly template: ReportTemplate;
  readonly format: ReportFormat;
  readonly range: ReportRange;
  readonly workflow_id?: string;
}

/** What a client chooses (POST, PATCH). */
export interface ScheduleSpec {
  readonly name: string;
  readonly cron: string;
  readonly timezone: string;
  readonly enabled: boolean;
  readonly report: ScheduledReport;
  readonly email: { readonly to: readonly string[] } | null;
  readonly webhook: { readonly url: string } | null;
}

export type RunOutcome = 'succeeded' | 'failed' | 'partial' | 'skipped';

export interface Schedule extends ScheduleSpec {
  readonly id: string;
  readonly owner: string;
  /** Keys the webhook's HMAC; shown once, at creation. */
  readonly webhook_secret: string;
  readonly created_at: number;
  readonly updated_at: number;
  /** null: disabled, or the expression fires no more. */
  readonly next_run_at: number | null;
  readonly last_run_at: number | null;
  readonly last_outcome: RunOutcome | null;
}

export type SpecCheck = { ok: true } | { ok: false; field: string; error: string };

const ADDRESS = /^[^\s<>@,;"]+@[^\s<>@,;"]+\.[^\s<>@,;"]+$/;

/** The rules of a whole spec (a PATCH is checked merged with what it changes). */
export function checkScheduleSpec(spec: ScheduleSpec, options: { emailEnabled: boolean }): SpecCheck {
  const fail = (field: string, error: string): SpecCheck => ({ ok: false, field, error });
  const zone = checkTimeZone(spec.timezone);
  if (!zone.ok) return fail('timezone', zone.error);
  const cron = checkCron(spec.cron, spec.timezone);
  if (!cron.ok) return fail('cron', `invalid cron expression "${spec.cron}": ${cron.error}`);
  const report = checkReport(spec.report);
  if (!report.ok) return report;
  if (spec.email === null && spec.webhook === null)
    return fail('email', 'a schedule needs a delivery target: email and/or webhook');
  if (spec.email !== null) {
    if (!options.emailEnabled)
      return fail('email', 'no SMTP server is configured (RPA_ANALYZER_SMTP_URL, RPA_ANALYZER_SMTP_FROM)');
    if (spec.email.to.length === 0 || spec.email.to.length > MAX_RECIPIENTS)
      return fail('email.to', `needs 1 to ${MAX_RECIPIENTS} addresses`);
    const bad = spec.email.to.find((a) => !ADDRESS.test(a));
    if (bad !== undefined) return fail('email.to', `"${bad}" is not an e-mail address`);
  }
  if (spec.webhook !== null) {
    const url = checkWebhookUrl(spec.webhook.url);
    if (!url.ok) return fail('webhook.url', url.error);
  }
  return { ok: true };
}

function checkReport(report: ScheduledReport): SpecCheck {
  if (!(REPORT_TEMPLATES as readonly string[]).includes(report.template))
    return {
      ok: false,
      field: 'report.template',
      error: `unknown template "${report.template}" (${REPORT_TEMPLATES.join(', ')})`,
    };
  if (report.template === 'workflow' && !report.workflow_id)
    return { ok: false, field: 'report.workflow_id', error: 'the workflow template needs a workflow_id' };
  if (typeof report.range === 'number' && (report.range < MIN_RANGE_MS || report.range > MAX_RANGE_MS))
    return {
      ok: false,
      field: 'report.range',
      error: `range must be 24h, 7d, 30d or ${MIN_RANGE_MS}..${MAX_RANGE_MS} ms`,
    };
  return { ok: true };
}

export function rangeMs(range: ReportRange): number {
  return typeof range === 'number' ? range : REPORT_RANGES[range];
}
