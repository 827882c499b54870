'use strict';
/*
 * npm start: the embedded default. The analyzer with its DuckDB in .data/,
 * a week of recorded demo history, then the demo executor feeding it live from
 * the same distributions, with planted problems the pages should show: a
 * degradation of report-export since 20 hours before the first start, a failure
 * burst of customer-onboarding 11 to 9 hours before it, and one stuck run of
 * order-sync. A later start only fills the gap since the last one (the plants
 * stay anchored at the first start); `npm start -- --reset` starts afresh.
 * Ctrl-C stops the executor first (it flushes its spans), then the analyzer
 * (it commits what it acknowledged): nothing is lost.
 */
const { spawn } = require('node:child_process');
const { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } = require('node:fs');
const { dirname, join } = require('node:path');

const ROOT = join(__dirname, '..');
const PORT = Number(process.env.RPA_ANALYZER_PORT ?? 4319);
const METRICS_PORT = Number(process.env.RPA_METRICS_PORT ?? 9464);
const DATA_DIR = process.env.RPA_DATA_DIR ?? join(ROOT, '.data', 'analyzer');
const ANALYZER_URL = `http://127.0.0.1:${PORT}`;
const ANALYZER_CLI = join(
  'analyzer-sidecar',
  require('../analyzer-sidecar/package.json').bin['rpa-analyzer'],
);
const EXECUTOR_CLI = join('instrumentation', 'dist-examples', 'cli.js');
const HISTORY_FILE = join(DATA_DIR, 'demo-history.json');
const HOUR_MS = 3_600_000;
const HISTORY_DAYS = 7;
const HISTORY_RATE = 0.02; // executions a second: about 12,000 a week over 5 workflows

/** When the demo's history starts and what was recorded so far, kept beside the data. */
function readHistory() {
  if (!existsSync(HISTORY_FILE)) return undefined;
  try {
    const history = JSON.parse(readFileSync(HISTORY_FILE, 'utf8'));
    return Number.isFinite(history.anchor) && Number.isFinite(history.recordedUntil) ? history : undefined;
  } catch {
    return undefined;
  }
}

function writeHistory(history) {
  mkdirSync(dirname(HISTORY_FILE), { recursive: true });
  writeFileSync(HISTORY_FILE, JSON.stringify(history));
}

/** The planted problems, anchored at the first start so every later start agrees with it. */
function plantArgs(anchor) {
  const at = (offsetHours) => new Date(anchor + offsetHours * HOUR_MS).toISOString();
  return [
    '--degrade',
    `report-export=1.8@${at(-20)}..`,
    '--fail',
    `customer-onboarding=0.15@${at(-11)}..${at(-9)}`,
  ];
}

/** Starts a child; one that should keep running stops everything when it exits. */
function start(name, args, env = {}, oneShot = false) {
  // Own process groups: Ctrl-C reaches this script only, which stops the children in order.
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit'],
    detached: true,
  });
  child.on('exit', (code, signal) => {
    if (!stopping && (!oneShot || code !== 0)) {
      console.error(`${name} exited (${signal ?? code}); stopping`);
      void stop(1);
    }
  });
  return child;
}

async function waitForHealth(timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`${ANALYZER_URL}/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`the analyzer did not answer on ${ANALYZER_URL}/health`);
}

function exited(child) {
  return child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise((resolve) => child.once('exit', resolve));
}

let stopping = false;
const children = [];
/** Set once the live executor runs: what it played is history for the next start. */
let liveSince;
async function stop(code) {
  if (stopping) return;
  stopping = true;
  if (liveSince) writeHistory({ anchor: liveSince.anchor, recordedUntil: Date.now() });
  // Newest first: executors flush into the analyzer before it closes.
  while (children.length > 0) {
    const child = children.pop();
    child.kill('SIGTERM');
    await exited(child);
  }
  process.exit(code);
}

/** Starts the next step unless a stop began meanwhile. */
function next(name, args, env, oneShot = false) {
  if (stopping) throw new Error('stopped');
  const child = start(name, args, env, oneShot);
  children.push(child);
  return child;
}

async function assertPortFree(port) {
  const inUse = await fetch(`http://127.0.0.1:${port}/`).then(
    () => true,
    () => false,
  );
  if (inUse) throw new Error(`port ${port} is in use: stop what listens there, or set RPA_ANALYZER_PORT`);
}

async function main() {
  if (process.argv.includes('--reset')) {
    rmSync(DATA_DIR, { recursive: true, force: true });
    console.log(`--reset: removed ${DATA_DIR}`);
  }
  for (const built of [ANALYZER_CLI, EXECUTOR_CLI]) {
    if (!existsSync(join(ROOT, built)))
      throw new Error(`${built} is missing: run 'npm run build' (npm start does)`);
  }
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));
  process.on('exit', () => children.forEach((child) => child.kill('SIGKILL')));
  await assertPortFree(PORT);
  // With tokens the API asks for them (sign in at /ui with the viewer token); without, loopback only.
  const protectedStart = Boolean(process.env.RPA_ANALYZER_TOKENS);
  next(
    'analyzer',
    [ANALYZER_CLI, 'serve', '--port', String(PORT), '--data-dir', DATA_DIR].concat(
      protectedStart ? [] : ['--insecure-local'],
    ),
    { RPA_ANALYZER_HOST: process.env.RPA_ANALYZER_HOST ?? '127.0.0.1' },
  );
  await waitForHealth(60_000);
  console.log(`
RPA Analytics is running (Ctrl-C stops it; data in ${DATA_DIR}, npm start -- --reset starts afresh)
  UI                ${ANALYZER_URL}/ui
  API               ${ANALYZER_URL}/analytics/insights   (OpenAPI: ${ANALYZER_URL}/openapi.json)
  analyzer metrics  ${ANALYZER_URL}/metrics
  executor metrics  http://127.0.0.1:${METRICS_PORT}/metrics
`);
  const executorEnv = { RPA_ANALYZER_URL: ANALYZER_URL, OTEL_SERVICE_NAME: 'demo-executor' };
  const now = Date.now();
  const earlier = readHistory();
  const anchor = earlier?.anchor ?? now;
  const from = Math.max(earlier?.recordedUntil ?? 0, now - HISTORY_DAYS * 24 * HOUR_MS);
  console.log(
    earlier
      ? `demo history: filling the ${((now - from) / HOUR_MS).toFixed(1)} h since the last start`
      : `demo history: recording ${HISTORY_DAYS} days`,
  );
  const history = next(
    'demo history',
    [
      EXECUTOR_CLI,
      '--mode',
      'recorded',
      '--history-from',
      String(from),
      '--rate',
      String(HISTORY_RATE),
      '--seed',
      String(now % 100_000),
      ...plantArgs(anchor),
    ],
    { ...executorEnv, RPA_METRICS_PORT: '-1' },
    true,
  );
  await exited(history);
  // A stop during the history has already taken it off the list (and stops the rest itself).
  if (stopping) return;
  children.splice(children.indexOf(history), 1);
  writeHistory({ anchor, recordedUntil: now });
  liveSince = { anchor };
  next(
    'demo executor',
    [EXECUTOR_CLI, '--rate', '1', '--workflows', '5', '--stuck', 'order-sync', ...plantArgs(anchor)],
    { ...executorEnv, RPA_METRICS_PORT: String(METRICS_PORT) },
  );
}

main().catch((error) => {
  if (!stopping) console.error(`npm start: ${error.message}`);
  void stop(1);
});
