import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO } from './support/prometheus-stack';
import { freePort, RunningProcess, waitFor } from './support/system';

/**
 * A newcomer's first run: after the README's install step (CI runs this suite
 * in a fresh clone after `npm ci` and the build), `npm start`'s script brings up
 * the analyzer and the demo executor, and the UI and the API answer with data
 * within a minute.
 */
describe('npm start on the embedded default', () => {
  let start: RunningProcess;
  let analyzerUrl: string;

  beforeAll(async () => {
    const [analyzerPort, metricsPort] = [await freePort(), await freePort()];
    analyzerUrl = `http://127.0.0.1:${analyzerPort}`;
    start = new RunningProcess(process.execPath, [join(REPO, 'scripts', 'start.js')], {
      RPA_ANALYZER_PORT: String(analyzerPort),
      RPA_METRICS_PORT: String(metricsPort),
      RPA_DATA_DIR: mkdtempSync(join(tmpdir(), 'rpa-start-')),
    });
  });

  afterAll(async () => {
    await start.stop('SIGINT');
  });

  it('serves the API with data and the UI within a minute, and stops cleanly on Ctrl-C', async () => {
    await waitFor(
      `npm start's banner\n${start.log}`,
      async () => (start.log.includes(`${analyzerUrl}/ui`) ? true : undefined),
      60_000,
    );
    const executions = await waitFor(
      `executions from the API\n${start.log}`,
      async () => {
        const body = (await (await fetch(`${analyzerUrl}/analytics/metrics?limit=1`)).json()) as {
          total?: number;
        };
        return (body.total ?? 0) > 0 ? body.total : undefined;
      },
      60_000,
    );
    expect(executions).toBeGreaterThan(0);
    // The history arrives oldest first: today's success rates follow within the same minute.
    const rates = await waitFor(
      `success rates from the API\n${start.log}`,
      async () => {
        const body = (await (await fetch(`${analyzerUrl}/analytics/success-rates`)).json()) as {
          items?: unknown[];
        };
        return (body.items?.length ?? 0) > 0 ? body.items : undefined;
      },
      60_000,
    );
    expect(rates.length).toBeGreaterThan(0);
    const ui = await fetch(`${analyzerUrl}/ui`);
    expect(ui.status).toBe(200);
    expect(await ui.text()).toContain('rpa-analytics-root');

    const exit = new Promise<number | null>((resolve) => start.child.once('exit', resolve));
    start.child.kill('SIGINT');
    expect(await exit).toBe(0);
  });
});
