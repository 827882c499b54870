/**
 * Command line of the demo executor. Configuration of where telemetry goes is
 * the instrumentation's own: RPA_ANALYZER_URL, OTEL_EXPORTER_OTLP_ENDPOINT, RPA_METRICS_PORT.
 */
import { parseArgs } from 'node:util';
import { rpa } from '@rpa-analytics/instrumentation';
import { DEMO_DEFAULTS, runDemo, type DemoOptions } from './demo-executor';
import { parseBusyHours, parseSchedule } from './schedule';
import { parsePlants } from './simulation';

const USAGE = `usage: demo-executor [--workflows N] [--rate R] [--executions N] [--duration S]
  [--time-scale F] [--concurrency N] [--seed N] [--mode live|recorded] [--history-hours H]
  [--history-from TIME] [--degrade workflow=factor[@from..to],...] [--fail workflow=rate[@from..to],...]
  [--stuck workflow] [--drift workflow/node=confidence@from..to,...] [--heal workflow/node=rate[@from..to],...]
  [--schedule workflow=minutes] [--skip-run TIME,...] [--busy-hours FROM..TO]`;

function numberFlag(values: Record<string, unknown>, flag: string, fallback: number, min: number): number {
  const raw = values[flag];
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < min)
    throw new Error(`--${flag}: expected a number >= ${min}, got "${String(raw)}"`);
  return value;
}

function timeFlag(values: Record<string, unknown>, flag: string): number | undefined {
  const raw = values[flag];
  if (raw === undefined) return undefined;
  const value = /^\d+$/.test(String(raw)) ? Number(raw) : Date.parse(String(raw));
  if (!Number.isFinite(value) || value > Date.now())
    throw new Error(`--${flag}: expected a past RFC 3339 time or epoch milliseconds, got "${String(raw)}"`);
  return value;
}

export function parseDemoArgs(argv: string[]): DemoOptions {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: Object.fromEntries(
      [
        'workflows',
        'rate',
        'executions',
        'duration',
        'time-scale',
        'concurrency',
        'seed',
        'mode',
        'history-hours',
        'history-from',
        'degrade',
        'fail',
        'stuck',
        'drift',
        'heal',
        'schedule',
        'skip-run',
        'busy-hours',
      ].map((name) => [name, { type: 'string' as const }]),
    ),
  });
  const mode = values.mode ?? DEMO_DEFAULTS.mode;
  if (mode !== 'live' && mode !== 'recorded')
    throw new Error(`--mode: expected live or recorded, got "${mode}"`);
  return {
    workflows: numberFlag(values, 'workflows', DEMO_DEFAULTS.workflows, 1),
    rate: numberFlag(values, 'rate', DEMO_DEFAULTS.rate, 0.001),
    executions: numberFlag(values, 'executions', DEMO_DEFAULTS.executions, 0),
    durationS: numberFlag(values, 'duration', DEMO_DEFAULTS.durationS, 0),
    timeScale: numberFlag(values, 'time-scale', DEMO_DEFAULTS.timeScale, 0),
    concurrency: numberFlag(values, 'concurrency', DEMO_DEFAULTS.concurrency, 1),
    seed: numberFlag(values, 'seed', DEMO_DEFAULTS.seed, 0),
    mode,
    historyHours: numberFlag(values, 'history-hours', DEMO_DEFAULTS.historyHours, 0.001),
    historyFrom: timeFlag(values, 'history-from'),
    stuckWorkflow: values.stuck,
    schedule: parseSchedule(values.schedule, values['skip-run']),
    busyHours: parseBusyHours(values['busy-hours']),
    plants: {
      degrade: parsePlants('--degrade', values.degrade),
      failureBurst: parsePlants('--fail', values.fail),
      drift: parsePlants('--drift', values.drift),
      heal: parsePlants('--heal', values.heal),
    },
  };
}

async function main(): Promise<void> {
  let options: DemoOptions;
  try {
    options = parseDemoArgs(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`demo-executor: ${(error as Error).message}\n${USAGE}\n`);
    process.exit(2);
  }
  const stop = new AbortController();
  process.once('SIGINT', () => stop.abort());
  process.once('SIGTERM', () => stop.abort());
  const metricsUrl = await rpa.metricsReady();
  process.stdout.write(
    `demo-executor: ${options.mode} mode, ${options.workflows} workflows` +
      (metricsUrl ? `, metrics at ${metricsUrl}` : `, no metrics endpoint`) +
      (rpa.config.analyzerUrl ? `, analyzer ${rpa.config.analyzerUrl}` : '') +
      '\n',
  );
  const summary = await runDemo(options, rpa, stop.signal);
  await rpa.shutdown();
  process.stdout.write(
    `demo-executor: ${summary.executions} executions (${summary.failedExecutions} failed), ${summary.steps} steps\n`,
  );
}

void main();
