import { createHmac } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { Browser, BrowserContext, Download, Page } from 'playwright-core';
import { launchChromium, PageProblems } from './support/browser';
import { REPO } from './support/prometheus-stack';
import { ReportReceiver } from './support/report-receiver';
import { runDemoExecutor, startAnalyzer, temporaryDataDir } from './support/rpa-processes';
import { freePort, RunningProcess, waitFor } from './support/system';

/**
 * The plugin's export, report, share-link and schedule UI against a real analyzer,
 * in Debian's Chromium, signed in to /ui as an editor: what the browser downloads
 * and what the public link serves are checked byte by byte, so the plugin and the
 * analyzer agree on the contract. Screenshot: test-artifacts/screenshots/reports.png.
 */
const TOKENS = { viewer: 'rp-viewer-token-1', editor: 'rp-editor-token-1', admin: 'rp-admin-token-1' };
const SCREENSHOTS = join(REPO, 'test-artifacts', 'screenshots');
const RANGE = 'from=now-2d&to=now';

describe('reports, exports and share links in /ui (Chromium, real analyzer)', () => {
  const dataDir = temporaryDataDir();
  const receiver = new ReportReceiver();
  let receiverUrl: string;
  let analyzer: RunningProcess;
  let base: string;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let problems: PageProblems;

  const settled = async (testId: string) => {
    await page.getByTestId(testId).first().waitFor({ timeout: 20_000 });
    await page.waitForFunction('!document.querySelector(\'[data-testid="rpa-state-loading"]\')', null, {
      timeout: 20_000,
    });
  };
  const downloaded = async (click: () => Promise<void>): Promise<Buffer> => {
    const [download] = await Promise.all([page.waitForEvent('download') as Promise<Download>, click()]);
    return readFileSync(await download.path());
  };

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    receiverUrl = await receiver.start();
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    analyzer = await startAnalyzer(port, dataDir, {
      RPA_ANALYZER_TOKENS: Object.entries(TOKENS)
        .map(([role, token]) => `${role}:${token}`)
        .join(','),
    });
    await runDemoExecutor(['--mode', 'recorded', '--history-hours', '12', '--rate', '0.02'], {
      RPA_ANALYZER_URL: base,
      RPA_METRICS_PORT: '-1',
      OTEL_SERVICE_NAME: 'reports-e2e-executor',
    });
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1440, height: 900 }, acceptDownloads: true });
    page = await context.newPage();
    problems = new PageProblems(page);
    await page.goto(`${base}/ui/`);
    await page.locator('input[name="token"]').fill(TOKENS.editor);
    await Promise.all([page.waitForURL(`${base}/ui/`), page.locator('button[type="submit"]').click()]);
  });

  afterAll(async () => {
    await browser?.close();
    await analyzer?.stop();
    await receiver.stop();
  });

  it("downloads a page's executions as CSV from its Export menu", async () => {
    problems.step = 'export csv';
    await page.goto(`${base}/ui/#/overview?${RANGE}`, { waitUntil: 'networkidle' });
    await settled('rpa-overview');
    await page.getByTestId('rpa-export-button').click();
    const csv = await downloaded(() => page.getByTestId('rpa-export-item-executions.csv').click());
    const rows = parse(csv, { columns: true, skip_empty_lines: true }) as Array<Record<string, string>>;
    expect(rows.length).toBeGreaterThan(10);
    expect(rows[0]).toEqual(
      expect.objectContaining({ execution_id: expect.any(String), workflow_id: expect.any(String) }),
    );
    expect(rows.every((r) => r.execution_id !== '' && !Number.isNaN(Date.parse(r.started_at!)))).toBe(true);
    expect(problems.problems).toEqual([]);
  });

  it('downloads a PDF report from the Reports page', async () => {
    problems.step = 'report pdf';
    await page.goto(`${base}/ui/#/reports?${RANGE}`, { waitUntil: 'networkidle' });
    await settled('rpa-reports-download-fleet');
    const pdf = await downloaded(() => page.getByTestId('rpa-reports-download-fleet').click());
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.length).toBeGreaterThan(5_000);
    expect(problems.problems).toEqual([]);
  });

  it('creates a share link that works without auth, and revokes it (404 from then on)', async () => {
    problems.step = 'share link';
    await page.getByTestId('rpa-share-button-fleet').click();
    await page.getByTestId('rpa-share-create').click();
    const url = await page.getByTestId('rpa-share-url').inputValue();
    expect(url).toMatch(new RegExp(`^${base}/shared/[A-Za-z0-9_-]{43}$`));
    const shared = await fetch(url);
    expect(shared.status).toBe(200);
    expect(shared.headers.get('content-type')).toContain('application/pdf');
    expect(
      Buffer.from(await shared.arrayBuffer())
        .subarray(0, 5)
        .toString('latin1'),
    ).toBe('%PDF-');

    await page.keyboard.press('Escape');
    const section = page.getByTestId('rpa-reports-share-links');
    await section.getByText('active').waitFor({ timeout: 20_000 });
    await section.getByTestId('rpa-share-revoke').click();
    await section.getByText('revoked').waitFor({ timeout: 20_000 });
    expect((await fetch(url)).status).toBe(404);
    expect(problems.problems).toEqual([]);
  });

  it('creates a webhook schedule, runs it now, shows its deliveries; the receiver checks the signature', async () => {
    problems.step = 'schedule';
    await page.getByTestId('rpa-reports-schedule-new').click();
    const field = (name: string) => page.getByTestId(`rpa-reports-field-${name}`).locator('input').first();
    await field('name').fill('Fleet to the ops hook');
    await field('cron').fill('0 7 * * 1');
    await field('webhook').fill(`${receiverUrl}/rpa`);
    await page.getByTestId('rpa-reports-schedule-submit').click();
    const secret = await page.getByTestId('rpa-reports-webhook-secret').inputValue();
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const row = page.getByTestId('rpa-reports-schedule-row');
    await row.getByTestId('rpa-reports-schedule-run').click();
    await waitFor('the webhook delivery', async () => (receiver.received.length > 0 ? true : undefined));
    const [delivery] = receiver.received;
    const timestamp = String(delivery!.headers['x-rpa-timestamp']);
    const expected = createHmac('sha256', secret).update(`${timestamp}.${delivery!.body}`).digest('hex');
    expect(delivery!.headers['x-rpa-signature']).toBe(`sha256=${expected}`);
    const report = (JSON.parse(delivery!.body) as { report: { template: string; content_base64: string } })
      .report;
    expect(report.template).toBe('fleet');
    expect(Buffer.from(report.content_base64, 'base64').subarray(0, 5).toString('latin1')).toBe('%PDF-');

    await waitFor('the delivery in the log', async () => {
      await page.getByTestId('rpa-reports-delivery-log').getByRole('button', { name: 'Refresh' }).click();
      const rows = await page.getByTestId('rpa-reports-delivery-row').allTextContents();
      return rows.some((r) => r.includes('webhook') && r.includes('succeeded')) ? true : undefined;
    });
    // The page follows the run until it ends: the row shows its outcome without a reload.
    await row.getByText('succeeded').waitFor({ timeout: 20_000 });
    expect(await row.textContent()).not.toContain('running');
    await page.mouse.move(0, 0);
    await page.screenshot({ path: join(SCREENSHOTS, 'reports.png'), fullPage: true });
    expect(problems.problems).toEqual([]);
  });

  it("shows the analyzer's refusal of a bad cron and a bad webhook URL under those fields", async () => {
    problems.step = 'field errors';
    await page.getByTestId('rpa-reports-schedule-new').click();
    const field = (name: string) => page.getByTestId(`rpa-reports-field-${name}`);
    await field('name').locator('input').fill('Broken');
    await field('cron').locator('input').fill('61 * * * *');
    await field('webhook').locator('input').fill(`${receiverUrl}/rpa`);
    const refused = page.waitForResponse((r) => r.url().endsWith('/reports/schedules') && r.status() === 400);
    await page.getByTestId('rpa-reports-schedule-submit').click();
    await refused;
    await field('cron').getByText('invalid cron expression').waitFor({ timeout: 20_000 });

    await field('cron').locator('input').fill('0 7 * * *');
    await field('webhook').locator('input').fill('ftp://example.com/x');
    await page.getByTestId('rpa-reports-schedule-submit').click();
    await field('webhook').getByText('is not allowed').waitFor({ timeout: 20_000 });
    expect(await field('cron').textContent()).not.toContain('invalid');
    await page
      .getByTestId('rpa-reports-schedule-form')
      .screenshot({ path: join(SCREENSHOTS, 'reports-form-error.png') });
    // The two refusals (the answer and Chromium's console line for it) are expected; nothing else.
    const refusal = /(HTTP 400|status of 400 \(Bad Request\)).*\/reports\/schedules$/;
    expect(problems.problems.filter((p) => !refusal.test(p))).toEqual([]);
    expect(problems.problems.filter((p) => refusal.test(p))).toHaveLength(4);
  });

  it('shows a viewer the reports and their downloads only', async () => {
    const viewer = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    try {
      const viewerPage = await viewer.newPage();
      const viewerProblems = new PageProblems(viewerPage);
      await viewerPage.goto(`${base}/ui/`);
      await viewerPage.locator('input[name="token"]').fill(TOKENS.viewer);
      await Promise.all([
        viewerPage.waitForURL(`${base}/ui/`),
        viewerPage.locator('button[type="submit"]').click(),
      ]);
      // The app sends /ui/ to its first page; going on before that lands would be overtaken by it.
      await viewerPage.waitForURL(/#\/overview/);
      await viewerPage.goto(`${base}/ui/#/reports?${RANGE}`, { waitUntil: 'networkidle' });
      await viewerPage.getByTestId('rpa-reports-download-fleet').waitFor({ timeout: 20_000 });
      expect(await viewerPage.getByTestId('rpa-reports-schedules').count()).toBe(0);
      expect(await viewerPage.getByTestId('rpa-reports-share-links').count()).toBe(0);
      expect(await viewerPage.getByTestId('rpa-share-button-fleet').count()).toBe(0);
      // No editor call was even tried (it would be a 403).
      expect(viewerProblems.problems).toEqual([]);
    } finally {
      await viewer.close();
    }
  });
});
