/** What a delivery channel is given, and what it answers (one attempt). */
import type { RenderedReport, ReportRequest } from '../reports/report-request';
import type { Schedule } from '../schedules/schedule';
import type { AttemptResult } from './retry';

export type RunTrigger = 'schedule' | 'catch_up' | 'manual';

export interface RunInfo {
  readonly id: string;
  readonly trigger: RunTrigger;
  /** The occurrence this run stands for; null for a manual run. */
  readonly scheduled_at: number | null;
}

export interface ReportDelivery {
  readonly schedule: Schedule;
  readonly run: RunInfo;
  readonly request: ReportRequest;
  readonly report: RenderedReport;
}

/** What the delivery log keeps of a successful attempt (never a response body). */
export type DeliveryDetail = Readonly<Record<string, string | number | string[]>>;

export type DeliveryChannel = 'email' | 'webhook';

/** One attempt; a failure is an expected outcome (a result), not an exception. */
export type Deliver = (
  delivery: ReportDelivery,
  signal: AbortSignal,
) => Promise<AttemptResult<DeliveryDetail>>;
