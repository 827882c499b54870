import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { ATTR, SPAN_NAMES } from '../src/conventions';
import { OtlpReceiver } from './support/otlp-receiver';

const PACKAGE_DIR = join(__dirname, '..');

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function eventually<T>(probe: () => Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function scrape(port: number, needle: string): Promise<string | undefined> {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  return text.includes(needle) ? text : undefined;
}

function stop(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    child.once('exit', (code) => resolve(code));
    child.kill('SIGTERM');
  });
}

describe('instrumented executor processes (built package, as users run it)', () => {
  const receiver = new OtlpReceiver();
  let analyzerUrl: string;
  beforeAll(async () => {
    analyzerUrl = await receiver.start();
  });
  afterAll(() => receiver.stop());
  beforeEach(() => {
    receiver.requests.length = 0;
  });

  it('the README quick start emits contract spans to the analyzer and rpa_* metrics on its Prometheus port', async () => {
    const port = await freePort();
    const child = spawn(process.execPath, [join(PACKAGE_DIR, 'dist-examples', 'quickstart.js')], {
      env: {
        ...process.env,
        NODE_OPTIONS: '',
        RPA_ANALYZER_URL: analyzerUrl,
        RPA_METRICS_PORT: String(port),
        OTEL_SERVICE_NAME: 'quickstart-bot',
      },
      stdio: 'inherit',
    });
    try {
      const metrics = await eventually(() => scrape(port, 'rpa_executions_total{'));
      expect(metrics).toMatch(
        /rpa_step_duration_seconds_bucket\{rpa_workflow_id="invoice-entry",rpa_step_action_type="type"/,
      );
      expect(metrics).toMatch(/rpa_step_retries_total\{rpa_workflow_id="invoice-entry"/);
    } finally {
      expect(await stop(child)).toBe(0);
    }
    const spans = receiver.spans();
    const step = spans.find((s) => s.name === SPAN_NAMES.step && s.attributes[ATTR.stepNodeId] === 'amount');
    expect(step?.attributes).toMatchObject({
      [ATTR.stepActionType]: 'type',
      [ATTR.stepRetryCount]: 1,
      [ATTR.stepConfidence]: 0.91,
    });
    expect(spans.find((s) => s.name === SPAN_NAMES.execution)?.resource['service.name']).toBe(
      'quickstart-bot',
    );
  });

  it('node --import @rpa-analytics/instrumentation/register starts the instrumentation with no code', async () => {
    const port = await freePort();
    const script =
      "setTimeout(() => {}, 20000); require('@rpa-analytics/instrumentation').rpa.startExecution({ workflowId: 'registered' }).end();";
    const child = spawn(
      process.execPath,
      ['--import', '@rpa-analytics/instrumentation/register', '-e', script],
      {
        cwd: PACKAGE_DIR,
        env: {
          ...process.env,
          NODE_OPTIONS: '',
          RPA_ANALYZER_URL: analyzerUrl,
          RPA_METRICS_PORT: String(port),
          RPA_RESOURCE_INTERVAL_MS: '200',
        },
        stdio: 'inherit',
      },
    );
    try {
      const metrics = await eventually(() =>
        scrape(port, 'rpa_executions_total{rpa_workflow_id="registered"'),
      );
      expect(metrics).toContain('rpa_executions_active{rpa_workflow_id="registered"');
      // The first resource sample arrives after the sampler's worker starts.
      await eventually(() => scrape(port, '\nsystem_cpu_utilization '));
    } finally {
      await stop(child);
    }
  });

  it('the demo executor rejects a bad flag with a message naming it', async () => {
    const child = spawn(process.execPath, [join(PACKAGE_DIR, 'dist-examples', 'cli.js'), '--rate', 'fast'], {
      env: { ...process.env, NODE_OPTIONS: '' },
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise((resolve) => child.once('exit', resolve));
    expect(code).toBe(2);
    expect(stderr).toContain('--rate');
  });
});
