'use strict';
/*
 * npm start: the embedded default. The analyzer with its DuckDB in .data/,
 * a week of recorded demo history, then the demo executor feeding it live from
 * the same distributions, with planted problems the pages should show: a
 * degradation of report-export since 20 hours before the first start, a failure
 * burst of customer-onboarding 11 to 9 hours before it, one stuck run of
 * order-sync, the Invoice form's match confidence drifting 0.97 → 0.80 over the
 * week before it (failing below 0.78 only after), order-sync's Export orders
 * healed by an alternate selector on most runs, ledger-close scheduled every 5
 * minutes with one run skipped a few minutes into each start, queue delays
 * (longer 08-10 UTC), and time-saved settings for every demo workflow. A later start only fills the gap since the last one (the plants
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
const SCHEDULED = { workflowId: 'ledger-close', minutes: 5 };
/** The live scheduled run skipped: the first fire at least this long after the live start. */
const SKIP_AFTER_MS = 3 * 60_000;

/**
 * Settings written at start for workflows that have none (a user's edit is kept):
 * the manual effort each run replaces (time saved) and the scheduled workflow's cron.
 */
const WORKFLOW_SETTINGS = {
  'invoice-entry': {
    manual_minutes_per_case: 12,
    cost_per_hour: 42,
    currency: 'EUR',
    failure_handling_minutes: 5,
  },
  'customer-onboarding': {
    manual_minutes_per_case: 20,
    cost_per_hour: 42,
    currency: 'EUR',
    failure_handling_minutes: 8,
  },
  'report-export': {
    manual_minutes_per_case: 6,
    cost_per_hour: 42,
    currency: 'EUR',
    failure_handling_minutes: 3,
  },
  'email-triage': {
    manual_minutes_per_case: 2,
    cost_per_hour: 42,
    currency: 'EUR',
    failure_handling_minutes: 1,
  },
  'order-sync': {
    manual_minutes_per_case: 9,
    cost_per_hour: 42,
    currency: 'EUR',
    failure_handling_minutes: 6,
  },
  [SCHEDULED.workflowId]: {
    manual_minutes_per_case: 30,
    cost_per_hour: 42,
    currency: 'EUR',
    failure_handling_minutes: 15,
    cron: `*/${SCHEDULED.minutes} * * * *`,
    timezone: 'UTC',
    tolerance_minutes: 2,
  },
};

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
    // Declines over the week before the first start, holds low after: flagged before it fails.
    '--drift',
    `invoice-entry/fill-form=0.8@${at(-HISTORY_DAYS * 24)}..${at(0)}`,
    // Never fixed: healed from the start of the history on, live too.
    '--heal',
    `order-sync/export-orders=0.8@${at(-HISTORY_DAYS * 24)}..`,
    '--busy-hours',
    '8..10',
    '--schedule',
    `${SCHEDULED.workflowId}=${SCHEDULED.minutes}`,
  ];
}

/** An editor's (or admin's) token from RPA_ANALYZER_TOKENS, when tokens are set. */
function editorToken() {
  const entries = (process.env.RPA_ANALYZER_TOKENS ?? '').split(',').map((entry) => entry.trim());
  for (const role of ['editor', 'admin']) {
    const entry = entries.find((candidate) => candidate.startsWith(`${role}:`));
    if (entry) return entry.slice(role.length + 1);
  }
  return undefined;
}

/** Writes WORKFLOW_SETTINGS for the workflows without settings; a failure is reported, not fatal. */
async function configureWorkflows() {
  const token = editorToken();
  const headers = {
    'content-type': 'application/json',
    ...(token ? { authorization: `Bearer ${token}` } : {}),
  };
  try {
    const existing = new Set();
    for (let cursor; ;) {
      const url = `${ANALYZER_URL}/analytics/workflow-settings?limit=100${cursor ? `&cursor=${cursor}` : ''}`;
      const response = await fetch(url, { headers });
      if (!response.ok) throw new Error(`GET workflow-settings: HTTP ${response.status}`);
      const page = await response.json();
      page.items.forEach((item) => existing.add(item.workflow_id));
      cursor = page.next_cursor;
      if (!cursor) break;
    }
    const missing = Object.keys(WORKFLOW_SETTINGS).filter((workflowId) => !existing.has(workflowId));
    for (const workflowId of missing) {
      const response = await fetch(`${ANALYZER_URL}/analytics/workflow-settings/${workflowId}`, {
        method: 'PUT',
        headers,
        body: JSON.stringify(WORKFLOW_SETTINGS[workflowId]),
      });
      if (!response.ok) throw new Error(`PUT workflow-settings/${workflowId}: HTTP ${response.status}`);
    }
    if (missing.length > 0) console.log(`demo settings: time saved and schedules for ${missing.join(', ')}`);
  } catch (error) {
    console.error(`demo settings not written (${error.message}); time saved and expected runs stay empty`);
  }
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
  // After the history: a cron set before its scheduled runs arrived would flag them missing meanwhile.
  await configureWorkflows();
  if (stopping) return;
  liveSince = { anchor };
  next(
    'demo executor',
    [
      EXECUTOR_CLI,
      '--rate',
      '1',
      '--workflows',
      '5',
      '--stuck',
      'order-sync',
      ...plantArgs(anchor),
      // Each start skips one scheduled run a few minutes in: a missing run opens, the next start resolves it.
      '--skip-run',
      new Date(Date.now() + SKIP_AFTER_MS).toISOString(),
    ],
    { ...executorEnv, RPA_METRICS_PORT: String(METRICS_PORT) },
  );
}

main().catch((error) => {
  if (!stopping) console.error(`npm start: ${error.message}`);
  void stop(1);
});
