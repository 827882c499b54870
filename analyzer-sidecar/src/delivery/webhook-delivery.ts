/**
 * Webhook deliveries: a JSON POST with the report inline (base64) and the
 * signature headers of webhook-signature.ts. The report travels in the body
 * rather than as a share link because the analyzer does not know the address
 * it is reached at from the receiver's side, and a link would hand a bearer
 * token to whoever logs the body. Redirects are not followed and the answer's
 * body is never read (see webhook-url.ts for the SSRF stance).
 */
import { createHash, randomUUID } from 'node:crypto';
import type { Deliver, ReportDelivery } from './delivery';
import { SIGNATURE_HEADER, signWebhook, TIMESTAMP_HEADER } from './webhook-signature';

export interface WebhookOptions {
  readonly timeoutMs?: number;
  readonly now?: () => number;
}

export function webhookBody(delivery: ReportDelivery): string {
  const { schedule, run, request, report } = delivery;
  const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
  return JSON.stringify({
    event: 'report.delivered',
    schedule: { id: schedule.id, name: schedule.name, cron: schedule.cron, timezone: schedule.timezone },
    run: { id: run.id, trigger: run.trigger, scheduled_at: iso(run.scheduled_at) },
    report: {
      template: request.template,
      format: request.format,
      from: iso(request.from),
      to: iso(request.to),
      workflow_id: request.workflow_id ?? null,
      filename: report.filename,
      content_type: report.contentType,
      size_bytes: report.body.length,
      sha256: createHash('sha256').update(report.body).digest('hex'),
      content_base64: report.body.toString('base64'),
    },
  });
}

export function createWebhookDelivery(options: WebhookOptions = {}): Deliver {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const now = options.now ?? Date.now;
  return async (delivery, stop) => {
    const url = delivery.schedule.webhook?.url;
    if (url === undefined) return { ok: false, error: 'the schedule has no webhook' };
    const body = webhookBody(delivery);
    const timestamp = Math.floor(now() / 1000);
    const attemptId = randomUUID();
    const response = await fetch(url, {
      method: 'POST',
      redirect: 'manual',
      signal: AbortSignal.any([stop, AbortSignal.timeout(timeoutMs)]),
      headers: {
        'content-type': 'application/json',
        'user-agent': 'rpa-analyzer-webhook/1',
        'x-rpa-delivery': attemptId,
        [TIMESTAMP_HEADER]: String(timestamp),
        [SIGNATURE_HEADER]: signWebhook(delivery.schedule.webhook_secret, timestamp, body),
      },
      body,
    });
    await response.body?.cancel(); // the answer's body is never read
    if (response.status >= 200 && response.status < 300)
      return { ok: true, value: { status_code: response.status, attempt_id: attemptId } };
    return { ok: false, error: `webhook answered HTTP ${response.status}` };
  };
}
