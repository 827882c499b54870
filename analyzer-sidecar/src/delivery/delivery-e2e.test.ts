/**
 * A schedule fires and its report arrives: by e-mail at a real SMTP server on
 * loopback (smtp-server, parsed back with mailparser) with the PDF attached,
 * and by webhook at a real HTTP server on loopback with a valid signature.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { bearer, startTestApp, type TestApp } from '../test-support/test-app';
import { manualClock, recordingRenderer } from '../test-support/report-fakes';
import { verifyWebhook } from './webhook-signature';

interface Received {
  headers: IncomingMessage['headers'];
  body: string;
}

function listen(server: Server | SMTPServer): Promise<number> {
  return new Promise((resolve) => {
    const s = server as unknown as {
      listen(port: number, host: string, cb: () => void): void;
      server?: Server;
    };
    s.listen(0, '127.0.0.1', () => {
      const address = ((server as SMTPServer).server ?? (server as Server)).address() as AddressInfo;
      resolve(address.port);
    });
  });
}

describe('scheduled delivery, end to end', () => {
  const mails: ParsedMail[] = [];
  const hooks: Received[] = [];
  let smtp: SMTPServer;
  let http: Server;
  let t: TestApp;
  const clock = manualClock(Date.parse('2026-12-03T09:59:30Z'));
  // The app's own renderer (app.reports.render), recording what it was asked for.
  const renderer = recordingRenderer(() => t.app.reports.render);

  beforeAll(async () => {
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onData(stream, _session, callback) {
        simpleParser(stream)
          .then((mail) => mails.push(mail))
          .then(() => callback(), callback);
      },
    });
    http = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (c: Buffer) => chunks.push(c));
      request.on('end', () => {
        hooks.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
        response.writeHead(204).end();
      });
    });
    const [smtpPort] = await Promise.all([listen(smtp), listen(http)]);
    t = await startTestApp(
      {
        delivery: { smtpUrl: `smtp://127.0.0.1:${smtpPort}`, smtpFrom: 'RPA Reports <reports@example.test>' },
      },
      { render: renderer.render, now: clock.now },
    );
  });
  afterAll(async () => {
    await t?.close();
    await new Promise((resolve) => smtp.close(() => resolve(undefined)));
    await new Promise((resolve) => http.close(resolve));
  });

  it('e-mails the PDF and posts a signed webhook when the schedule fires', async () => {
    const hookUrl = `http://127.0.0.1:${(http.address() as AddressInfo).port}/rpa`;
    const created = await t.app.inject({
      method: 'POST',
      url: '/reports/schedules',
      headers: bearer('editor'),
      payload: {
        name: 'Hourly workflow',
        cron: '0 * * * *',
        timezone: 'Europe/Berlin',
        report: { template: 'workflow', format: 'pdf', range: '24h', workflow_id: 'wf-invoice' },
        email: { to: ['ops@example.test', 'lead@example.test'] },
        webhook: { url: hookUrl },
      },
    });
    expect(created.statusCode).toBe(201);
    const schedule = created.json();
    expect(schedule.next_run_at).toBe('2026-12-03T10:00:00.000Z');
    expect(schedule.webhook_secret).toMatch(/^[\w-]{43}$/);

    clock.set(Date.parse('2026-12-03T10:00:00.250Z'));
    await t.app.schedules.scheduler.wake();
    await t.app.schedules.scheduler.idle();

    const to = Date.parse('2026-12-03T10:00:00Z');
    expect(renderer.requests).toEqual([
      { template: 'workflow', format: 'pdf', from: to - 86_400_000, to, workflow_id: 'wf-invoice' },
    ]);

    expect(mails).toHaveLength(1);
    const mail = mails[0]!;
    expect(mail.from?.text).toContain('reports@example.test');
    expect(mail.subject).toBe('RPA report: Hourly workflow (workflow)');
    expect(mail.attachments).toHaveLength(1);
    const attachment = mail.attachments[0]!;
    expect(attachment.contentType).toBe('application/pdf');
    expect(attachment.filename).toMatch(/\.pdf$/);
    expect(attachment.content.subarray(0, 5).toString()).toBe('%PDF-');
    // The real report, whole: pdfkit's trailer ends the file.
    expect(attachment.content.subarray(-6).toString()).toMatch(/%%EOF\s*$/);
    expect(attachment.content.length).toBeGreaterThan(10_000);

    expect(hooks).toHaveLength(1);
    const hook = hooks[0]!;
    const timestamp = hook.headers['x-rpa-timestamp'] as string;
    expect(Number(timestamp)).toBe(Math.floor(clock.now() / 1000));
    const signature = hook.headers['x-rpa-signature'] as string;
    expect(signature).toMatch(/^sha256=[0-9a-f]{64}$/);
    const secret = schedule.webhook_secret as string;
    expect(verifyWebhook(secret, { signature, timestamp }, hook.body, Number(timestamp))).toBe(true);
    // The signature covers the body and the timestamp: neither can be changed nor replayed later.
    expect(verifyWebhook(secret, { signature, timestamp }, hook.body + ' ', Number(timestamp))).toBe(false);
    expect(
      verifyWebhook(
        secret,
        { signature, timestamp: String(Number(timestamp) + 1) },
        hook.body,
        Number(timestamp),
      ),
    ).toBe(false);
    expect(verifyWebhook(secret, { signature, timestamp }, hook.body, Number(timestamp) + 3600)).toBe(false);
    const payload = JSON.parse(hook.body);
    expect(payload).toMatchObject({
      event: 'report.delivered',
      schedule: { id: schedule.id, name: 'Hourly workflow' },
      run: { trigger: 'schedule', scheduled_at: '2026-12-03T10:00:00.000Z' },
      report: {
        template: 'workflow',
        content_type: 'application/pdf',
        workflow_id: 'wf-invoice',
        filename: attachment.filename,
        size_bytes: attachment.size,
      },
    });
    expect(Buffer.from(payload.report.content_base64, 'base64').equals(attachment.content)).toBe(true);

    const log = (
      await t.app.inject({ url: `/reports/schedules/${schedule.id}/deliveries`, headers: bearer('editor') })
    ).json();
    expect(
      log.items.map((e: { channel: string; status: string }) => `${e.channel}:${e.status}`).sort(),
    ).toEqual(['email:succeeded', 'render:succeeded', 'webhook:succeeded']);
    expect(log.items.find((e: { channel: string }) => e.channel === 'email').detail.accepted).toEqual([
      'ops@example.test',
      'lead@example.test',
    ]);
    const after = (
      await t.app.inject({ url: `/reports/schedules/${schedule.id}`, headers: bearer('editor') })
    ).json();
    expect(after).toMatchObject({ last_outcome: 'succeeded', next_run_at: '2026-12-03T11:00:00.000Z' });
    expect(after.webhook_secret).toBeUndefined();
  });
});
