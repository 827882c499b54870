import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import { join } from 'node:path';
import { ATTR, SPAN_NAMES } from '../src/conventions';
import { OtlpReceiver } from './support/otlp-receiver';

const PACKAGE_DIR = join(__dirname, '..');
/** Generous: a process that has not exited by then never will (it used to run forever). */
const EXIT_WITHIN_MS = 45_000;

/** The first ```ts block after `heading` in a README: the snippet users copy. */
function snippetOf(readme: string, heading: string): string {
  const text = readFileSync(readme, 'utf8');
  const section = text.slice(text.indexOf(heading));
  const match = /```ts\n([\s\S]*?)```/.exec(section);
  if (!match?.[1]) throw new Error(`no ts snippet under "${heading}" in ${readme}`);
  return match[1];
}

describe('an instrumented process exits when its own work is done', () => {
  const receiver = new OtlpReceiver();
  const children = new Set<ChildProcess>();
  let analyzerUrl: string;
  let scratch: string;
  beforeAll(async () => {
    analyzerUrl = await receiver.start();
    // Inside the package, so that `@rpa-analytics/instrumentation` resolves as it does for users.
    scratch = mkdtempSync(join(PACKAGE_DIR, '.scratch-'));
  });
  afterEach(() => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
    children.clear();
    receiver.requests.length = 0;
  });
  afterAll(async () => {
    rmSync(scratch, { recursive: true, force: true });
    await receiver.stop();
  });

  /** Runs node and resolves with its exit code, or 'still running' once EXIT_WITHIN_MS passed. */
  function runNode(args: string[], env: NodeJS.ProcessEnv): Promise<number | null | 'still running'> {
    const child = spawn(process.execPath, args, {
      cwd: PACKAGE_DIR,
      env: { ...process.env, NODE_OPTIONS: '', RPA_METRICS_PORT: '0', ...env },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    children.add(child);
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve('still running'), EXIT_WITHIN_MS);
      child.once('exit', (code) => {
        clearTimeout(timer);
        resolve(code);
      });
    });
  }

  it.each([
    ['--import on the command line', ['--import', '@rpa-analytics/instrumentation/register'], {}],
    ['--import in NODE_OPTIONS', [], { NODE_OPTIONS: '--import @rpa-analytics/instrumentation/register' }],
  ])(
    'node with the register module (%s) exits after a plain script, resource sampler running',
    async (_how, flags, env) => {
      const script = join(scratch, 'plain.js');
      writeFileSync(script, "console.log('plain script done');\n");
      expect(await runNode([...flags, script], { RPA_RESOURCE_INTERVAL_MS: '200', ...env })).toBe(0);
    },
  );

  it('node with the register module exits after a script that ran an execution, and delivers it', async () => {
    const script = join(scratch, 'one-execution.js');
    writeFileSync(
      script,
      "require('@rpa-analytics/instrumentation').rpa.startExecution({ workflowId: 'registered' }).end();\n",
    );
    const code = await runNode(['--import', '@rpa-analytics/instrumentation/register', script], {
      RPA_ANALYZER_URL: analyzerUrl,
    });
    expect(code).toBe(0);
    expect(receiver.spans().map((s) => s.name)).toContain(SPAN_NAMES.execution);
  });

  it('a host that registers its own SDK after --import …/register records its spans, and the analyzer gets rpa.* only', async () => {
    const script = join(scratch, 'late-host.js');
    writeFileSync(
      script,
      [
        "const { trace } = require('@opentelemetry/api');",
        "const { NodeTracerProvider } = require('@opentelemetry/sdk-trace-node');",
        "const { InMemorySpanExporter, SimpleSpanProcessor } = require('@opentelemetry/sdk-trace-base');",
        'const exporter = new InMemorySpanExporter();',
        'new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] }).register();',
        "const { rpa } = require('@rpa-analytics/instrumentation');",
        "rpa.trackExecution({ workflowId: 'late-host' }, () => trace.getTracer('host').startSpan('host.work').end())",
        '  .then(() => { if (exporter.getFinishedSpans().length !== 1) process.exitCode = 3; });',
      ].join('\n'),
    );
    const code = await runNode(['--import', '@rpa-analytics/instrumentation/register', script], {
      RPA_ANALYZER_URL: analyzerUrl,
      RPA_RESOURCE_INTERVAL_MS: '0',
    });
    expect(code).toBe(0);
    const names = receiver.spans().map((s) => s.name);
    expect(names).toContain(SPAN_NAMES.execution);
    expect(names).not.toContain('host.work');
  });

  it.each([
    ['README.md', join(PACKAGE_DIR, '..', 'README.md'), '## Instrument an executor'],
    ['instrumentation/README.md', join(PACKAGE_DIR, 'README.md'), '## Quick start'],
  ])('the snippet of %s, run as written, exits and its spans arrive', async (_name, readme, heading) => {
    const file = join(scratch, `snippet-${_name.replace(/\W/g, '-')}.mjs`);
    writeFileSync(file, snippetOf(readme, heading));
    const code = await runNode([file], { RPA_ANALYZER_URL: analyzerUrl, RPA_RESOURCE_INTERVAL_MS: '200' });
    expect(code).toBe(0);
    const spans = receiver.spans();
    const execution = spans.find((s) => s.name === SPAN_NAMES.execution);
    expect(execution?.attributes[ATTR.workflowId]).toBe('invoice-entry');
    expect(spans.filter((s) => s.name === SPAN_NAMES.step).length).toBeGreaterThan(0);
  });

  it('exits after its shutdown grace when Tempo and the analyzer accept connections and never answer', async () => {
    const sockets = new Set<Socket>();
    const blackHole = createServer((socket) => sockets.add(socket));
    await new Promise<void>((resolve) => blackHole.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(blackHole.address() as { port: number }).port}`;
    try {
      const file = join(scratch, 'black-hole.mjs');
      writeFileSync(file, snippetOf(join(PACKAGE_DIR, 'README.md'), '## Quick start'));
      const code = await runNode([file], {
        RPA_ANALYZER_URL: url,
        OTEL_EXPORTER_OTLP_ENDPOINT: url,
        // Exports that would hold the process for two minutes.
        OTEL_EXPORTER_OTLP_TIMEOUT: '120000',
        OTEL_BSP_EXPORT_TIMEOUT: '120000',
      });
      expect(code).toBe(0);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => blackHole.close(resolve));
    }
  });

  it.each(['SIGTERM', 'SIGINT'] as const)(
    '%s right after an execution flushes it, then ends the process by that signal',
    async (signal) => {
      const script = join(scratch, `signal-${signal}.js`);
      writeFileSync(
        script,
        [
          "const { rpa } = require('@rpa-analytics/instrumentation');",
          "rpa.startExecution({ workflowId: 'signalled' }).end();",
          'setInterval(() => {}, 1000);',
          "process.stdout.write('ready\\n');",
        ].join('\n'),
      );
      const child = spawn(process.execPath, [script], {
        cwd: PACKAGE_DIR,
        // A batch delay longer than the test: only the flush on the signal can deliver the spans.
        env: {
          ...process.env,
          NODE_OPTIONS: '',
          RPA_METRICS_PORT: '0',
          RPA_ANALYZER_URL: analyzerUrl,
          RPA_ANALYZER_BSP_SCHEDULE_DELAY: '60000',
          RPA_RESOURCE_INTERVAL_MS: '0',
        },
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      children.add(child);
      const exited = new Promise<NodeJS.Signals | null>((resolve) =>
        child.once('exit', (_code, endedBy) => resolve(endedBy)),
      );
      await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
      child.kill(signal);
      expect(await exited).toBe(signal);
      expect(receiver.spans().map((s) => s.name)).toEqual(
        expect.arrayContaining([SPAN_NAMES.execution, SPAN_NAMES.executionStarted]),
      );
    },
  );

  it('leaves the exit to an executor with its own SIGTERM handler, which may await rpa.shutdown()', async () => {
    const script = join(scratch, 'own-handler.js');
    writeFileSync(
      script,
      [
        "const { rpa } = require('@rpa-analytics/instrumentation');",
        'const timer = setInterval(() => {}, 1000);',
        "process.once('SIGTERM', async () => {",
        '  clearInterval(timer);',
        '  await rpa.shutdown();',
        "  process.stdout.write('graceful\\n');",
        '});',
        "rpa.startExecution({ workflowId: 'own-handler' }).end();",
        "process.stdout.write('ready\\n');",
      ].join('\n'),
    );
    const child = spawn(process.execPath, [script], {
      cwd: PACKAGE_DIR,
      env: {
        ...process.env,
        NODE_OPTIONS: '',
        RPA_METRICS_PORT: '0',
        RPA_ANALYZER_URL: analyzerUrl,
        RPA_ANALYZER_BSP_SCHEDULE_DELAY: '60000',
        RPA_RESOURCE_INTERVAL_MS: '0',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    children.add(child);
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    const exited = new Promise<[number | null, NodeJS.Signals | null]>((resolve) =>
      child.once('exit', (code, endedBy) => resolve([code, endedBy])),
    );
    await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
    child.kill('SIGTERM');
    expect(await exited).toEqual([0, null]);
    expect(stdout).toContain('graceful');
    expect(receiver.spans().map((s) => s.name)).toContain(SPAN_NAMES.execution);
  });
});
