/**
 * The export and report routes over a real app: files with their headers,
 * 4xx naming the field for every bad input, viewer access, `app.reports.render`,
 * and a close that does not wait for a client that stopped reading an export.
 */
import { request as httpGet, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { parse } from 'csv-parse/sync';
import Fastify from 'fastify';
import type { ExportService, OpenedExport } from '../exports/export-service';
import { registerErrorHandler } from './error-handler';
import { exportRoutes } from './export-routes';
import { API_POLICY, REPORT_POLICY } from './security-headers';
import { analysisHistory } from '../test-support/analysis-history';
import { bearer, startTestApp, type TestApp } from '../test-support/test-app';

const NOW = Date.now();

describe('export and report routes', () => {
  let t: TestApp;
  let steps: number;
  beforeAll(async () => {
    t = await startTestApp();
    const history = analysisHistory(NOW);
    steps = history.steps.length;
    await t.app.analyzer.writer.submit(history);
  });
  afterAll(() => t.close());

  const get = (url: string, headers: Record<string, string> = bearer('viewer')) =>
    t.app.inject({ url, headers });

  it('streams every step of the range as CSV with its attachment name', async () => {
    const from = new Date(NOW - 10 * 86_400_000).toISOString();
    const response = await get(`/analytics/export/steps?format=csv&from=${from}&to=${NOW + 1}`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8; header=present');
    expect(response.headers['content-disposition']).toMatch(
      /^attachment; filename="steps-\d{8}T\d{6}Z-\d{8}T\d{6}Z\.csv"$/,
    );
    const rows = parse(response.body, { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(steps);
    expect(Object.keys(rows[0]!)).toContain('target_element');
  });

  it.each([
    ['executions', 'jsonl', 'application/jsonl; charset=utf-8'],
    ['anomalies', 'csv', 'text/csv; charset=utf-8; header=present'],
    ['insights', 'jsonl', 'application/jsonl; charset=utf-8'],
    ['steps', 'parquet', 'application/vnd.apache.parquet'],
  ])('exports %s as %s', async (dataset, format, type) => {
    const response = await get(
      `/analytics/export/${dataset}?format=${format}&workflow_id=wf-fast&workflow_id=wf-mid`,
    );
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe(type);
    if (format === 'parquet') expect(response.rawPayload.subarray(0, 4).toString()).toBe('PAR1');
    if (dataset === 'executions')
      for (const line of response.body.trim().split('\n'))
        expect(['wf-fast', 'wf-mid']).toContain((JSON.parse(line) as { workflow_id: string }).workflow_id);
  });

  it.each([
    ['/analytics/export/steps', 'format'],
    ['/analytics/export/steps?format=xml', 'format'],
    ['/analytics/export/spans?format=csv', 'dataset'],
    ['/analytics/export/steps?format=csv&from=yesterday', 'from'],
    ['/analytics/export/steps?format=csv&from=2000&to=1000', 'to'],
    ['/analytics/export/steps?format=csv&status=open', 'status'],
    ['/analytics/export/insights?format=csv&status=completed', 'status'],
    ['/analytics/export/steps?format=csv&limit=10', 'limit'],
    ['/analytics/export/steps?format=csv&formulas=strip', 'formulas'],
    ['/reports/sales', 'template'],
    ['/reports/workflow', 'workflow_id'],
    ['/reports/fleet?format=docx', 'format'],
    ['/reports/fleet?from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z', 'to'],
    ['/reports/fleet?to=next-week', 'to'],
  ])('GET %s is a 400 naming %s', async (url, field) => {
    const response = await get(url);
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ error: 'bad_request', field });
  });

  it.each(['/analytics/export/steps?format=csv', '/reports/templates', '/reports/fleet'])(
    'GET %s needs a token',
    async (url) => {
      expect((await get(url, {})).statusCode).toBe(401);
    },
  );

  it('lists the templates with their parameters', async () => {
    const body = (await get('/reports/templates')).json() as {
      items: { template: string; params: { name: string; required: boolean }[] }[];
    };
    expect(body.items.map((i) => i.template)).toEqual(['fleet', 'workflow', 'anomalies', 'insights']);
    const workflow = body.items.find((i) => i.template === 'workflow')!;
    expect(workflow.params).toContainEqual(expect.objectContaining({ name: 'workflow_id', required: true }));
  });

  it('renders a report as PDF and as HTML, and exposes the renderer as app.reports.render', async () => {
    const pdf = await get('/reports/workflow?workflow_id=wf-fast');
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['content-disposition']).toMatch(/^attachment; filename="workflow-wf-fast-.*\.pdf"$/);
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const html = await get('/reports/fleet?format=html');
    expect(html.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(html.body).toContain('<svg');
    // its inline styles apply; nothing else loads or runs
    expect(html.headers['content-security-policy']).toBe(REPORT_POLICY);
    expect(pdf.headers['content-security-policy']).toBe(API_POLICY);
    const direct = await t.app.reports.render({
      template: 'anomalies',
      format: 'html',
      from: NOW - 86_400_000,
      to: NOW,
    });
    expect(direct.contentType).toBe('text/html; charset=utf-8');
    expect(direct.body.toString()).toContain('Anomalies and incidents');
  });
});

describe('export concurrency', () => {
  it('answers 429 with Retry-After while as many exports as allowed are running', async () => {
    const app = Fastify();
    registerErrorHandler(app);
    let finish: (value: OpenedExport) => void = () => undefined;
    const pending = new Promise<OpenedExport>((resolve) => (finish = resolve));
    const body = () => ({ contentType: 'text/csv', filename: 'x.csv', body: Readable.from(['a\r\n']) });
    let calls = 0;
    const exports = {
      open: () => (calls++ === 0 ? pending : Promise.resolve(body())),
    } as unknown as ExportService;
    await app.register(exportRoutes, { exports, maxConcurrent: 1 });
    const first = app.inject({ url: '/analytics/export/steps?format=parquet' });
    await new Promise((resolve) => setImmediate(resolve));
    const second = await app.inject({ url: '/analytics/export/steps?format=csv' });
    expect(second.statusCode).toBe(429);
    expect(second.headers['retry-after']).toBe('5');
    expect(second.json()).toMatchObject({ error: 'too_many_exports' });
    finish(body());
    expect((await first).statusCode).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 10)); // the finished body's 'close'
    expect((await app.inject({ url: '/analytics/export/steps?format=csv' })).statusCode).toBe(200);
    await app.close();
  });
});

describe('closing the app during an export', () => {
  it('ends a stream whose client stopped reading, and closes', async () => {
    const t = await startTestApp();
    try {
      await t.app.analyzer.store.insert({ executions: [], steps: [], recoveries: [], resources: [] });
      // 300 k steps straight into the table: far more CSV than socket buffers hold
      const store = t.app.analyzer.store as unknown as {
        exclusive(w: (c: { run(sql: string): Promise<unknown> }) => Promise<unknown>): Promise<unknown>;
      };
      await store.exclusive((c) =>
        c.run(`INSERT INTO steps SELECT 's' || i, 'e' || (i // 10), 'wf', 'node-' || (i % 10), 'click', '#x', ${NOW} + i, ${NOW} + i + 5, 5.0,
               'completed', NULL, 0, NULL, NULL, NULL, NULL FROM range(300000) t(i)`),
      );
      await t.app.listen({ port: 0, host: '127.0.0.1' });
      const { port } = t.app.server.address() as AddressInfo;
      const response = await new Promise<IncomingMessage>((resolve, reject) => {
        const request = httpGet(
          { port, host: '127.0.0.1', path: '/analytics/export/steps?format=csv', headers: bearer('viewer') },
          resolve,
        );
        request.on('error', reject);
        request.end();
      });
      expect(response.statusCode).toBe(200);
      response.pause(); // a client that reads nothing more
      response.on('error', () => undefined);
      const started = Date.now();
      await t.app.close();
      expect(Date.now() - started).toBeLessThan(10_000);
      response.destroy();
    } finally {
      await t.close().catch(() => undefined);
    }
  });
});
