import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO } from './prometheus-stack';
import { httpOk, RunningProcess, waitFor } from './system';

const ANALYZER_PACKAGE = join(REPO, 'analyzer-sidecar');
const ANALYZER_BIN = (
  JSON.parse(readFileSync(join(ANALYZER_PACKAGE, 'package.json'), 'utf8')) as { bin: Record<string, string> }
).bin;
const ANALYZER_CLI = join(ANALYZER_PACKAGE, ANALYZER_BIN['rpa-analyzer'] as string);
const DEMO_CLI = join(REPO, 'instrumentation', 'dist-examples', 'cli.js');

/** The built analyzer CLI, as `rpa-analyzer serve` runs it, on 127.0.0.1 without tokens. */
export async function startAnalyzer(
  port: number,
  dataDir: string,
  env: NodeJS.ProcessEnv = {},
): Promise<RunningProcess> {
  const analyzer = new RunningProcess(
    process.execPath,
    [ANALYZER_CLI, 'serve', '--port', String(port), '--data-dir', dataDir, '--insecure-local'],
    { RPA_ANALYZER_LOG_LEVEL: 'warn', ...env },
  );
  await waitFor(
    `the analyzer on ${port}\n${analyzer.log}`,
    () => httpOk(`http://127.0.0.1:${port}/health`),
    60_000,
  );
  return analyzer;
}

export function temporaryDataDir(): string {
  return mkdtempSync(join(tmpdir(), 'rpa-analyzer-'));
}

/** The demo executor CLI with flags; its telemetry goes where `env` says. */
export function startDemoExecutor(args: string[], env: NodeJS.ProcessEnv): RunningProcess {
  return new RunningProcess(process.execPath, [DEMO_CLI, ...args], env);
}

/** Runs the demo executor to completion (recorded history), failing with its output otherwise. */
export async function runDemoExecutor(args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  const demo = startDemoExecutor(args, env);
  const code = await new Promise<number | null>((resolve) => demo.child.once('exit', resolve));
  if (code !== 0) throw new Error(`demo executor exited ${code}:\n${demo.log}`);
}
