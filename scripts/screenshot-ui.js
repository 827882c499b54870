#!/usr/bin/env node
/**
 * Screenshots of every /ui page of a running analyzer (e.g. `npm start`), for
 * looking at what a newcomer sees: `node scripts/screenshot-ui.js [BASE_URL] [OUT_DIR]`
 * (defaults http://127.0.0.1:4319 and ./ui-screenshots). Signs in with
 * RPA_UI_TOKEN when the analyzer asks for a token. Uses Debian's Chromium.
 * Prints each page's console errors and failed requests beside its file.
 */
const { mkdirSync } = require('node:fs');
const { join } = require('node:path');
const { chromium } = require('playwright-core');

const PAGES = [
  'overview',
  'workflow',
  'insights',
  'anomalies',
  'compare',
  'live',
  'reports',
  'healing',
  'panels',
];

async function signIn(page, base) {
  await page.goto(`${base}/ui/`, { waitUntil: 'networkidle' });
  if (!page.url().includes('/ui/login')) return;
  const token = process.env.RPA_UI_TOKEN;
  if (!token) throw new Error('RPA_UI_TOKEN: the analyzer asks for a token; set it to a viewer token');
  await page.fill('input[name="token"]', token);
  await Promise.all([page.waitForNavigation(), page.click('button[type="submit"]')]);
}

async function main() {
  const base = (process.argv[2] ?? 'http://127.0.0.1:4319').replace(/\/$/, '');
  const out = process.argv[3] ?? 'ui-screenshots';
  mkdirSync(out, { recursive: true });
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const problems = [];
    page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`));
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('response', (r) => r.status() >= 400 && problems.push(`HTTP ${r.status()} ${r.url()}`));
    await signIn(page, base);
    for (const name of PAGES) {
      problems.length = 0;
      await page.goto(`${base}/ui/#/${name}`, { waitUntil: 'networkidle' });
      // Charts and stream-fed lists settle after the first answers.
      await page.waitForTimeout(2500);
      const file = join(out, `${name}.png`);
      await page.screenshot({ path: file, fullPage: true });
      console.log(`${file}${problems.length ? `  problems: ${problems.join('; ')}` : ''}`);
    }
  } finally {
    await browser.close();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
