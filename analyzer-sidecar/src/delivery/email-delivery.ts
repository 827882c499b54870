/**
 * E-mail deliveries through nodemailer's SMTP transport (one transport per app:
 * it pools nothing, each attempt opens its own connection, so an SMTP server
 * that restarts between attempts is no problem). The report is attached.
 */
import { createTransport } from 'nodemailer';
import type { Deliver } from './delivery';

export interface EmailOptions {
  readonly smtpUrl: string;
  readonly from: string;
  /** Connection, greeting and socket inactivity limit of one attempt. */
  readonly timeoutMs?: number;
}

export function createEmailDelivery(options: EmailOptions): { deliver: Deliver; close(): void } {
  const timeout = options.timeoutMs ?? 30_000;
  const transport = createTransport({
    url: options.smtpUrl,
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
  });
  const deliver: Deliver = async ({ schedule, request, report, run }) => {
    const range = `${new Date(request.from).toISOString()} – ${new Date(request.to).toISOString()}`;
    const info = await transport.sendMail({
      from: options.from,
      to: [...(schedule.email?.to ?? [])],
      subject: `RPA report: ${schedule.name} (${request.template})`,
      text:
        `The scheduled report "${schedule.name}" (${request.template}` +
        `${request.workflow_id ? `, workflow ${request.workflow_id}` : ''}) for ${range} is attached.\n\n` +
        `Schedule ${schedule.id}, run ${run.id}.\n`,
      attachments: [{ filename: report.filename, content: report.body, contentType: report.contentType }],
    });
    const accepted = info.accepted.map(String);
    if (accepted.length === 0) return { ok: false, error: `no recipient accepted: ${info.response}` };
    return { ok: true, value: { message_id: info.messageId, accepted, rejected: info.rejected.map(String) } };
  };
  return { deliver, close: () => transport.close() };
}
