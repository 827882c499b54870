/**
 * Wire types of the analyzer's report templates, schedules and delivery log
 * (analyzer-sidecar `src/api/schemas/report-schemas.ts` and `schedule-schemas.ts`).
 */
import type { ReportFormat, ReportTemplate, Timestamp } from './types';

/** One entry of `GET /reports/templates`. */
export interface ReportTemplateInfo {
  template: ReportTemplate;
  title: string;
  description: string;
  params: Array<{ name: string; required: boolean; description: string }>;
}

/** `24h`, `7d`, `30d`, or milliseconds. */
export type ScheduleRange = '24h' | '7d' | '30d' | number;

export interface ScheduledReport {
  template: ReportTemplate;
  format?: ReportFormat;
  range?: ScheduleRange;
  workflow_id?: string;
}

/** Body of `POST /reports/schedules`; a `PATCH` takes any subset (null removes a target). */
export interface ScheduleSpec {
  name: string;
  cron: string;
  /** IANA zone, e.g. Europe/Berlin. */
  timezone: string;
  enabled?: boolean;
  report: ScheduledReport;
  email?: { to: string[] } | null;
  webhook?: { url: string } | null;
}

export type ScheduleOutcome = 'succeeded' | 'partial' | 'failed';

export interface Schedule extends Required<Pick<ScheduleSpec, 'name' | 'cron' | 'timezone' | 'report'>> {
  id: string;
  owner: string;
  enabled: boolean;
  email: { to: string[] } | null;
  webhook: { url: string } | null;
  next_run_at: Timestamp | null;
  last_run_at: Timestamp | null;
  last_outcome: ScheduleOutcome | null;
  running: boolean;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** The creation answer: the webhook secret appears here only. */
export interface CreatedSchedule extends Schedule {
  webhook_secret?: string;
}

/** One render or delivery attempt (or a skipped run), newest first. */
export interface DeliveryLogEntry {
  id: string;
  run_id: string;
  channel: 'render' | 'email' | 'webhook' | 'run';
  /** 1-based; 0 for a skipped run. */
  attempt: number;
  status: 'succeeded' | 'failed' | 'skipped';
  at: Timestamp;
  error: string | null;
  retry_in_ms: number | null;
  /** webhook: status_code; email: message_id, accepted, rejected; render: filename, size_bytes. */
  detail: Record<string, unknown> | null;
}
