import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page, Response } from 'playwright-core';
import { launchChromium, PageProblems } from './support/browser';
import { REPO } from './support/prometheus-stack';
import { runDemoExecutor, startAnalyzer, temporaryDataDir } from './support/rpa-processes';
import { freePort, RunningProcess, waitFor } from './support/system';

/**
 * The standalone UI in Debian's Chromium against a real analyzer: a recorded day of
 * demo history plus a short live run with a planted slowdown and failure burst, a
 * sign-in with the viewer token, every page with real data, and the click-throughs
 * insight -> workflow and anomaly -> execution. Screenshots: test-artifacts/screenshots/.
 */
const TOKENS = { viewer: 'ui-viewer-token-1', editor: 'ui-editor-token-1', admin: 'ui-admin-token-1' };
const SCREENSHOTS = join(REPO, 'test-artifacts', 'screenshots');
const RANGE = 'from=now-2d&to=now';
const PAGES = [
  { name: 'overview', hash: `#/overview?${RANGE}`, testId: 'rpa-overview' },
  { name: 'workflow', hash: `#/workflow?${RANGE}&workflow=invoice-entry`, testId: 'rpa-workflow-stats' },
  { name: 'insights', hash: `#/insights?${RANGE}`, testId: 'rpa-insights-item' },
  { name: 'anomalies', hash: `#/anomalies?${RANGE}`, testId: 'rpa-anomalies-table' },
  {
    name: 'compare',
    hash: `#/compare?${RANGE}&workflows=invoice-entry,report-export`,
    testId: 'rpa-compare-table',
  },
  { name: 'healing', hash: `#/healing?${RANGE}`, testId: 'rpa-healing-totals' },
  {
    name: 'panels',
    hash: `#/panels?${RANGE}&workflows=invoice-entry,report-export`,
    testId: 'rpa-insight-panel-item',
  },
];

describe('standalone UI at /ui in Chromium', () => {
  const dataDir = temporaryDataDir();
  let analyzer: RunningProcess;
  let base: string;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let problems: PageProblems;

  const api = async <T>(path: string): Promise<T> => {
    const response = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${TOKENS.viewer}` } });
    if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  };

  const settled = async (testId: string) => {
    await page.getByTestId(testId).first().waitFor({ timeout: 20_000 });
    await page.waitForFunction('!document.querySelector(\'[data-testid="rpa-state-loading"]\')', null, {
      timeout: 20_000,
    });
  };

  const shoot = (name: string) => page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    analyzer = await startAnalyzer(port, dataDir, {
      RPA_ANALYZER_TOKENS: Object.entries(TOKENS)
        .map(([role, token]) => `${role}:${token}`)
        .join(','),
      RPA_ANALYZER_REFRESH_INTERVAL_MS: '2000',
    });
    const executorEnv = {
      RPA_ANALYZER_URL: base,
      RPA_METRICS_PORT: '-1',
      OTEL_SERVICE_NAME: 'ui-e2e-executor',
    };
    await runDemoExecutor(['--mode', 'recorded', '--history-hours', '24', '--rate', '0.02'], executorEnv);
    await runDemoExecutor(
      ['--rate', '3', '--time-scale', '1', '--concurrency', '64', '--duration', '10'].concat([
        '--degrade',
        'invoice-entry=5',
        '--fail',
        'report-export=0.9',
      ]),
      executorEnv,
    );
    const from = Date.now() - 2 * 86_400_000;
    await waitFor('insights and anomalies', async () => {
      const [insights, anomalies] = await Promise.all([
        api<{ total: number }>('/analytics/insights'),
        api<{ items: Array<{ execution_ids: string[] }> }>(`/analytics/anomalies?from=${from}`),
      ]);
      return insights.total > 0 && anomalies.items.some((a) => a.execution_ids.length > 0) ? true : undefined;
    });
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    page = await context.newPage();
    problems = new PageProblems(page);
  });

  afterAll(async () => {
    await browser?.close();
    await analyzer?.stop();
  });

  it('signs in with the viewer token into an HttpOnly session cookie', async () => {
    problems.step = 'sign-in';
    await page.goto(`${base}/ui/`);
    expect(new URL(page.url()).pathname).toBe('/ui/login');
    await shoot('login');
    await page.locator('input[name="token"]').fill(TOKENS.viewer);
    await Promise.all([page.waitForURL(`${base}/ui/`), page.locator('button[type="submit"]').click()]);
    const [cookie] = await context.cookies(base);
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    expect(await page.evaluate('document.cookie')).toBe('');
    expect(await page.content()).not.toContain(TOKENS.viewer);
    expect(problems.problems).toEqual([]);
  });

  it('loads compressed on first visit and revalidates with 304s on reload', async () => {
    problems.step = 'transfer';
    // A fresh context (empty cache) with the session: what a first visit costs on the wire.
    const fresh = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    await fresh.addCookies(await context.cookies(base));
    const visitor = await fresh.newPage();
    const visitorProblems = new PageProblems(visitor);
    const seen: Response[] = [];
    visitor.on('response', (response) => {
      if (new URL(response.url()).pathname.startsWith('/ui/')) seen.push(response);
    });
    const transferred = async (responses: Response[]) => {
      const sizes = await Promise.all(responses.map((r) => r.request().sizes()));
      return sizes.reduce((sum, s) => sum + s.responseBodySize + s.responseHeadersSize, 0);
    };
    await visitor.goto(`${base}/ui/${PAGES[0]!.hash}`, { waitUntil: 'networkidle' });
    await visitor.getByTestId(PAGES[0]!.testId).first().waitFor({ timeout: 20_000 });
    const first = [...seen];
    const main = first.find((r) => new URL(r.url()).pathname === '/ui/main.js');
    const encoding = await main?.headerValue('content-encoding');
    const firstBytes = await transferred(first);
    seen.length = 0;
    await visitor.reload({ waitUntil: 'networkidle' });
    await visitor.getByTestId(PAGES[0]!.testId).first().waitFor({ timeout: 20_000 });
    const reload = [...seen];
    const reloadBytes = await transferred(reload);
    const statuses = reload.map((r) => `${r.status()} ${new URL(r.url()).pathname}`);
    console.log(
      `/ui first load: ${first.length} files, ${(firstBytes / 1e6).toFixed(2)} MB transferred (main.js ${encoding}); ` +
        `reload: ${reload.length} requests, ${(reloadBytes / 1e3).toFixed(1)} kB (${statuses.join(', ')})`,
    );
    await fresh.close();
    expect(['br', 'gzip']).toContain(encoding);
    expect(statuses).toEqual(expect.arrayContaining(['304 /ui/main.js']));
    expect(visitorProblems.problems).toEqual([]);
  });

  it.each(PAGES)('renders $name with real data', async ({ name, hash, testId }) => {
    problems.step = name;
    await page.goto(`${base}/ui/${hash}`, { waitUntil: 'networkidle' });
    await settled(testId);
    expect(await page.getByTestId('rpa-state-error').count()).toBe(0);
    await shoot(name);
    expect(problems.problems).toEqual([]);
  });

  it('goes from an insight to its workflow', async () => {
    problems.step = 'insight -> workflow';
    await page.goto(`${base}/ui/#/insights?${RANGE}`, { waitUntil: 'networkidle' });
    await settled('rpa-insights-workflow-link');
    const link = page.getByTestId('rpa-insights-workflow-link').first();
    const workflow = (await link.textContent()) ?? '';
    await link.click();
    await settled('rpa-workflow-stats');
    expect(new URL(page.url()).hash).toContain(`workflow=${workflow}`);
    await shoot('insight-to-workflow');
    expect(problems.problems).toEqual([]);
  });

  it('goes from an anomaly to its execution', async () => {
    problems.step = 'anomaly -> execution';
    await page.goto(`${base}/ui/#/anomalies?${RANGE}`, { waitUntil: 'networkidle' });
    await settled('rpa-anomalies-execution-link');
    await page.getByTestId('rpa-anomalies-execution-link').first().click();
    await settled('rpa-workflow-execution');
    const execution = page.getByTestId('rpa-workflow-execution');
    await execution.locator('tbody tr').first().waitFor({ timeout: 20_000 });
    expect(new URL(page.url()).hash).toMatch(/execution=[0-9a-f-]+/);
    await execution.scrollIntoViewIfNeeded();
    await shoot('anomaly-to-execution');
    expect(problems.problems).toEqual([]);
  });

  it('signs out from the page, after which the API refuses the browser', async () => {
    problems.step = 'sign-out';
    await Promise.all([
      page.waitForURL(`${base}/ui/login`),
      page.getByRole('button', { name: 'Sign out' }).click(),
    ]);
    expect(await context.cookies(base)).toEqual([]);
    const status = await page.evaluate('fetch("/analytics/insights").then((r) => r.status)');
    expect(status).toBe(401);
  });
});
