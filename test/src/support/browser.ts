import { chromium, type Browser, type Page } from 'playwright-core';
import { requireBinary } from './system';

/** Debian's Chromium, headless; never a downloaded browser. */
export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: requireBinary('chromium', 'chromium'),
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

/**
 * Everything that went wrong on a page: console errors, uncaught errors, failed
 * requests and HTTP errors, each tagged with the step the test was at.
 */
export class PageProblems {
  readonly problems: string[] = [];
  step = 'start';

  constructor(page: Page) {
    page.on('console', (message) => {
      if (message.type() === 'error')
        this.add(`console error: ${message.text()} ${message.location()?.url ?? ''}`);
    });
    page.on('pageerror', (error) => this.add(`page error: ${error.message}`));
    page.on('requestfailed', (request) => {
      // A navigation supersedes the previous page's requests.
      if (request.failure()?.errorText !== 'net::ERR_ABORTED')
        this.add(`request failed: ${request.url()} ${request.failure()?.errorText ?? ''}`);
    });
    page.on('response', (response) => {
      if (response.status() >= 400) this.add(`HTTP ${response.status()}: ${response.url()}`);
    });
  }

  private add(problem: string): void {
    this.problems.push(`[${this.step}] ${problem}`);
  }
}
