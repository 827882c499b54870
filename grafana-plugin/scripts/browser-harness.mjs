/* global process, console, URL, document, fetch, Buffer */
// Browser harness: opens the standalone page in Debian's Chromium (never a downloaded browser),
// visits every page, fails on console errors, page errors or failed requests, saves screenshots.
//
//   node scripts/browser-harness.mjs --base-url http://127.0.0.1:4319/ui/ [--out harness-output]
//   node scripts/browser-harness.mjs --serve dist-standalone --mock-api data|empty|error|none
//   node scripts/browser-harness.mjs --serve dist-standalone --proxy-api http://127.0.0.1:4319 --token <viewer>
//
// --serve starts a static server for a built bundle at /ui/; --mock-api answers the API
// same-origin (the jest fixtures, empty lists, or 502s) so data, empty and error states can be
// checked without an analyzer.
// With --mock-api error (or none), failed API calls are expected: the run then fails only on
// other errors and checks that each page shows its error state.
import { createServer } from 'node:http';
import { mkdir, readFile, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { build } from 'esbuild';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const { values: args } = parseArgs({
  options: {
    'base-url': { type: 'string' },
    serve: { type: 'string' },
    'mock-api': { type: 'string', default: 'none' },
    'proxy-api': { type: 'string' },
    token: { type: 'string', default: process.env.RPA_ANALYZER_TOKEN ?? '' },
    out: { type: 'string', default: 'harness-output' },
    chromium: { type: 'string', default: '/usr/bin/chromium' },
    timeout: { type: 'string', default: '15000' },
    theme: { type: 'string' },
    // The role the served page's session reports (GET /ui/session): editors also get Share link.
    role: { type: 'string', default: 'viewer' },
  },
});

const PAGES = [
  { name: 'overview', hash: '#/overview', testId: 'rpa-overview' },
  { name: 'root-redirect', hash: '#/', testId: 'rpa-overview' },
  { name: 'workflow', hash: '#/workflow?workflow=payroll-sync', testId: 'rpa-workflow' },
  { name: 'insights', hash: '#/insights', testId: 'rpa-insights' },
  { name: 'anomalies', hash: '#/anomalies', testId: 'rpa-anomalies' },
  { name: 'compare', hash: '#/compare?workflows=invoice-entry,payroll-sync', testId: 'rpa-compare' },
  { name: 'panels', hash: '#/panels?workflows=invoice-entry,payroll-sync', testId: 'rpa-insight-panel' },
];
const STATES = ['rpa-state-empty', 'rpa-state-error'];
const TYPES = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.map': 'application/json',
  '.ttf': 'font/ttf',
  '.png': 'image/png',
};

const emptyAnswers = {
  '/analytics/anomalies': { items: [], correlated_groups: [] },
  '/analytics/failures': { categories: [] },
  '/analytics/compare': { reference_workflow_id: 'invoice-entry', metrics: [], workflows: {} },
};

/** The jest fixtures (src/test/fixtures.ts), bundled on the fly: path -> answer. */
async function loadFixtures() {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const outfile = path.join(root, 'harness-output', '.fixtures.cjs');
  await build({
    entryPoints: [path.join(root, 'src', 'test', 'fixtures.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    outfile,
    logLevel: 'warning',
  });
  const { allRoutes } = createRequire(import.meta.url)(outfile);
  await rm(outfile);
  return allRoutes;
}

function serve(dir, mockApi, fixtures) {
  const root = path.resolve(dir);
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === '/ui/session') {
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ role: args.role, expires_at: null }));
      return;
    }
    if (url.pathname === '/share-links' && mockApi === 'data') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ items: [] }));
      return;
    }
    if (url.pathname === '/analytics/stream' && !args['proxy-api'] && mockApi !== 'none') {
      // No events: an open stream that the page's EventSource keeps, as the analyzer's does when idle.
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' }).write(': idle\n\n');
      return;
    }
    if (url.pathname.startsWith('/analytics/')) {
      if (args['proxy-api']) {
        // What the analyzer will do at /ui: same-origin API, the token added server-side.
        const upstream = await fetch(new URL(url.pathname + url.search, args['proxy-api']), {
          method: req.method,
          headers: {
            authorization: `Bearer ${args.token}`,
            'content-type': req.headers['content-type'] ?? 'application/json',
          },
          body: req.method === 'POST' ? req : undefined,
          duplex: 'half',
        });
        res.writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') ?? 'application/json' });
        res.end(Buffer.from(await upstream.arrayBuffer()));
        return;
      }
      if (mockApi === 'data') {
        const route = fixtures[url.pathname];
        const answer = (typeof route === 'function' ? route({ url: req.url }) : route)?.data;
        res
          .writeHead(answer ? 200 : 404, { 'content-type': 'application/json' })
          .end(JSON.stringify(answer ?? { message: 'no fixture' }));
        return;
      }
      if (mockApi === 'empty') {
        const known = Object.keys(emptyAnswers).find((p) => url.pathname === p);
        if (url.pathname === '/analytics/performance' || url.pathname === '/analytics/degradation') {
          const stats = {
            workflow_id: url.searchParams.get('workflow_id'),
            execution_count: 0,
            slowest_steps: [],
            degraded: false,
            baseline: {},
            current: {},
          };
          res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(stats));
          return;
        }
        res
          .writeHead(200, { 'content-type': 'application/json' })
          .end(JSON.stringify(known ? emptyAnswers[known] : { items: [], total: 0, next_cursor: null }));
        return;
      }
      if (mockApi === 'error') {
        res
          .writeHead(502, { 'content-type': 'application/json' })
          .end(JSON.stringify({ message: 'analyzer unavailable (harness mock)' }));
        return;
      }
      res.writeHead(404).end();
      return;
    }
    const rel = url.pathname.replace(/^\/ui\/?/, '') || 'index.html';
    const file = path.join(root, decodeURIComponent(rel));
    try {
      if (!file.startsWith(root) || !(await stat(file)).isFile()) {
        throw new Error('not a file');
      }
      res
        .writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' })
        .end(await readFile(file));
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

let server;
let baseUrl = args['base-url'];
if (args.serve) {
  server = await serve(args.serve, args['mock-api'], args['mock-api'] === 'data' ? await loadFixtures() : {});
  baseUrl = `http://127.0.0.1:${server.address().port}/ui/`;
}
if (!baseUrl) {
  console.error(
    'usage: browser-harness.mjs --base-url <url of the standalone page> | --serve <dir> [--mock-api empty|error|none]'
  );
  process.exit(2);
}
const apiFailuresExpected =
  args.serve !== undefined && !args['proxy-api'] && ['error', 'none'].includes(args['mock-api']);
const timeout = Number(args.timeout);
await mkdir(args.out, { recursive: true });

const browser = await chromium.launch({
  executablePath: args.chromium,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});
const problems = [];
try {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  let current = 'start';
  const isApi = (url) => new URL(url).pathname.includes('/analytics/');
  page.on('console', (msg) => {
    if (msg.type() !== 'error') {
      return;
    }
    const url = msg.location()?.url ?? '';
    // Chromium logs every failed fetch as a console error; those are judged as requests below.
    if (apiFailuresExpected && msg.text().startsWith('Failed to load resource') && (url === '' || isApi(url))) {
      return;
    }
    problems.push(`[${current}] console error: ${msg.text()} ${url}`);
  });
  page.on('pageerror', (error) => problems.push(`[${current}] page error: ${error.message}`));
  page.on('requestfailed', (req) => {
    if (req.failure()?.errorText === 'net::ERR_ABORTED') {
      return;
    } // superseded by navigation
    problems.push(`[${current}] request failed: ${req.url()} ${req.failure()?.errorText}`);
  });
  page.on('response', (res) => {
    if (res.status() < 400) {
      return;
    }
    if (apiFailuresExpected && isApi(res.url())) {
      return;
    }
    problems.push(`[${current}] HTTP ${res.status()}: ${res.url()}`);
  });

  for (const p of PAGES) {
    current = p.name;
    const target = new URL(p.hash, baseUrl);
    if (args.theme) target.searchParams.set('theme', args.theme);
    await page.goto(target.href, { waitUntil: 'networkidle' });
    await page.getByTestId(p.testId).first().waitFor({ timeout });
    await page.waitForFunction(() => !document.querySelector('[data-testid="rpa-state-loading"]'), null, { timeout });
    const states = [];
    for (const s of STATES) {
      states.push(`${s.replace('rpa-state-', '')}:${await page.getByTestId(s).count()}`);
    }
    if (apiFailuresExpected && (await page.getByTestId('rpa-state-error').count()) === 0) {
      problems.push(`[${p.name}] expected an error state while the API fails`);
    }
    const file = path.join(args.out, `${p.name}.png`);
    await page.screenshot({ path: file, fullPage: true });
    console.log(`${p.name}: ok (${states.join(' ')}) -> ${file}`);
  }

  // The page actions: the Export menu for everyone, the Share link dialog for editors.
  current = 'export-menu';
  await page.goto(new URL('#/workflow?workflow=payroll-sync', baseUrl).href, { waitUntil: 'networkidle' });
  await page.getByTestId('rpa-export-button').click();
  await page.getByTestId('rpa-export-item-report.pdf').waitFor({ timeout });
  await page.waitForTimeout(500); // the menu fades in
  await page.screenshot({ path: path.join(args.out, 'export-menu.png') });
  console.log(`export-menu: ok -> ${path.join(args.out, 'export-menu.png')}`);
  await page.keyboard.press('Escape');
  const share = page.getByTestId('rpa-share-button');
  if (args.role === 'viewer' && (await share.count()) > 0) {
    problems.push('[share] a viewer sees Share link');
  }
  if (args.role !== 'viewer') {
    current = 'share-dialog';
    await share.click();
    await page.getByTestId('rpa-share-modal').waitFor({ timeout });
    await page.waitForFunction(() => !document.querySelector('[data-testid="rpa-state-loading"]'), null, { timeout });
    await page.screenshot({ path: path.join(args.out, 'share-dialog.png') });
    console.log(`share-dialog: ok -> ${path.join(args.out, 'share-dialog.png')}`);
  }
} finally {
  await browser.close();
  server?.close();
}
if (problems.length > 0) {
  console.error(`\n${problems.length} problem(s):\n${problems.join('\n')}`);
  process.exit(1);
}
console.log(`all ${PAGES.length} pages rendered without console errors or failed requests at ${baseUrl}`);
