/**
 * The demo executor: simulated RPA workflows played through the public API
 * of @rpa-analytics/instrumentation, at a configurable rate.
 *
 *   node dist-examples/demo-executor.js --rate 2 --workflows 5
 *
 * Modes: `live` runs steps in (scaled) real time with trackExecution/trackStep;
 * `recorded` sends a back-dated history with recordExecution, as fast as it can.
 */
import { rpa as sharedRpa, type Rpa, type RpaExecution } from '@rpa-analytics/instrumentation';
import { SeededRandom } from './random';
import { fireTimes, nextFire, queueDelayMs, type BusyHours, type Schedule } from './schedule';
import { simulateStep, type Plants } from './simulation';
import { findWorkflow, simulatedWorkflows, type SimulatedWorkflow } from './workflow-catalog';

export interface DemoOptions {
  workflows: number;
  /** Executions started per second (live), or per simulated second of history (recorded). */
  rate: number;
  /** Stop after this many executions (0: no limit). */
  executions: number;
  /** Stop after this many seconds (0: no limit). */
  durationS: number;
  /**
   * Multiplies simulated step durations in live mode: 0.05 plays a 2 s step in
   * 100 ms. Keep 1 when live runs join a recorded history, or the two differ.
   */
  timeScale: number;
  concurrency: number;
  seed: number;
  mode: 'live' | 'recorded';
  /** Recorded mode: the history ends now and starts this many hours ago... */
  historyHours: number;
  /** ...or at this time (epoch ms), to fill the gap since an earlier history. */
  historyFrom: number | undefined;
  plants: Plants;
  /** Live mode: the first execution of this workflow hangs in its slowest step until the demo stops. */
  stuckWorkflow: string | undefined;
  /** A workflow started on a cadence besides the round-robin, with planted skipped runs. */
  schedule: Schedule | undefined;
  /** Hours of the UTC day when runs wait longer in the queue (every execution sends its request time). */
  busyHours: BusyHours | undefined;
}

export const DEMO_DEFAULTS: DemoOptions = {
  workflows: 5,
  rate: 2,
  executions: 0,
  durationS: 0,
  timeScale: 1,
  concurrency: 16,
  seed: 42,
  mode: 'live',
  historyHours: 24,
  historyFrom: undefined,
  plants: { degrade: new Map(), failureBurst: new Map() },
  stuckWorkflow: undefined,
  schedule: undefined,
  busyHours: undefined,
};

/** Scheduled runs start a little after their fire time, as a scheduler's do. */
const SCHEDULE_JITTER_MS = 20_000;

export interface DemoSummary {
  executions: number;
  failedExecutions: number;
  steps: number;
}

/** Runs the demo until its limits; `signal` stops it early (in-flight executions finish). */
export async function runDemo(
  partial: Partial<DemoOptions> = {},
  rpa: Rpa = sharedRpa,
  signal?: AbortSignal,
): Promise<DemoSummary> {
  const options = { ...DEMO_DEFAULTS, ...partial };
  const random = new SeededRandom(options.seed);
  // Queue delays and schedule jitter draw from their own sequence, so the step outcomes stay as before.
  const timing = new SeededRandom(options.seed ^ 0x5eed);
  const workflows = simulatedWorkflows(options.workflows);
  const summary: DemoSummary = { executions: 0, failedExecutions: 0, steps: 0 };
  if (options.mode === 'recorded') {
    await recordHistory(rpa, options, { random, timing }, workflows, summary, signal);
    return summary;
  }
  await playLive(rpa, options, { random, timing }, workflows, summary, signal);
  return summary;
}

/** The demo's two random sequences: step outcomes, and timing (queue delays, schedule jitter). */
interface Randoms {
  readonly random: SeededRandom;
  readonly timing: SeededRandom;
}

function scheduledWorkflow(
  options: DemoOptions,
  workflows: SimulatedWorkflow[],
): SimulatedWorkflow | undefined {
  if (!options.schedule) return undefined;
  const workflow = findWorkflow(options.schedule.workflowId, workflows);
  if (!workflow) throw new Error(`--schedule: no workflow "${options.schedule.workflowId}"`);
  return workflow;
}

async function playLive(
  rpa: Rpa,
  options: DemoOptions,
  randoms: Randoms,
  workflows: SimulatedWorkflow[],
  summary: DemoSummary,
  signal: AbortSignal | undefined,
): Promise<void> {
  const started = Date.now();
  const running = new Set<Promise<void>>();
  const finished = new AbortController();
  const stuck = workflows.find((workflow) => workflow.workflowId === options.stuckWorkflow);
  const stuckRun = stuck ? playStuckExecution(rpa, stuck, finished.signal) : undefined;
  const scheduled = scheduledWorkflow(options, workflows);
  const scheduledRuns =
    scheduled && options.schedule
      ? playSchedule(rpa, scheduled, options.schedule, options, randoms, summary, finished.signal)
      : undefined;
  const done = () =>
    signal?.aborted ||
    (options.executions > 0 && summary.executions >= options.executions) ||
    (options.durationS > 0 && Date.now() - started >= options.durationS * 1000);
  for (let index = 0; !done(); index += 1) {
    if (running.size >= options.concurrency) await Promise.race(running);
    const workflow = workflows[index % workflows.length] as SimulatedWorkflow;
    summary.executions += 1;
    const run = playExecution(rpa, workflow, options, randoms, summary).finally(() => running.delete(run));
    running.add(run);
    await sleep(1000 / options.rate, signal);
  }
  await Promise.all(running);
  finished.abort();
  await stuckRun;
  await scheduledRuns;
}

/** Starts the scheduled workflow at each fire time (plus jitter) until `stop`, leaving out the skipped fires. */
async function playSchedule(
  rpa: Rpa,
  workflow: SimulatedWorkflow,
  schedule: Schedule,
  options: DemoOptions,
  randoms: Randoms,
  summary: DemoSummary,
  stop: AbortSignal,
): Promise<void> {
  const runs: Promise<void>[] = [];
  // The latest fire first (a scheduler catches up a run due while it was down, as anacron does).
  for (
    let fire = nextFire(schedule, Date.now() - schedule.everyMs);
    !stop.aborted;
    fire += schedule.everyMs
  ) {
    const startAt = fire + randoms.timing.next() * SCHEDULE_JITTER_MS;
    await sleep(startAt - Date.now(), stop);
    if (stop.aborted || schedule.skipped.has(fire)) continue;
    summary.executions += 1;
    runs.push(playExecution(rpa, workflow, options, randoms, summary));
  }
  await Promise.all(runs);
}

/**
 * The planted stuck run: it starts like any execution, then hangs in the
 * workflow's slowest step until the demo stops, and is cancelled then.
 */
async function playStuckExecution(rpa: Rpa, workflow: SimulatedWorkflow, stop: AbortSignal): Promise<void> {
  const execution = rpa.startExecution({
    workflowId: workflow.workflowId,
    stepsTotal: workflow.steps.length,
    context: { machine: 'bot-stuck', demo: true },
  });
  const slowest = workflow.steps.reduce((a, b) => (b.medianMs > a.medianMs ? b : a));
  for (const step of workflow.steps) {
    const live = execution.startStep(step);
    if (step !== slowest) {
      await sleep(step.medianMs, stop);
      live.end();
      continue;
    }
    await new Promise<void>((resolve) => {
      if (stop.aborted) resolve();
      stop.addEventListener('abort', () => resolve(), { once: true });
    });
    live.fail(Object.assign(new Error(`${step.targetElement} never answered`), { code: 'TIMEOUT' }));
    execution.cancel();
    return;
  }
  execution.end();
}

async function playExecution(
  rpa: Rpa,
  workflow: SimulatedWorkflow,
  options: DemoOptions,
  { random, timing }: Randoms,
  summary: DemoSummary,
): Promise<void> {
  const context = { machine: `bot-${1 + Math.floor(random.next() * 3)}`, demo: true };
  const requestedAt = Date.now() - queueDelayMs(timing, Date.now(), options.busyHours);
  try {
    await rpa.trackExecution(
      { workflowId: workflow.workflowId, stepsTotal: workflow.steps.length, context, requestedAt },
      (execution) => playSteps(execution, workflow, options, random, summary),
    );
  } catch {
    summary.failedExecutions += 1;
  }
}

async function playSteps(
  execution: RpaExecution,
  workflow: SimulatedWorkflow,
  options: DemoOptions,
  random: SeededRandom,
  summary: DemoSummary,
): Promise<void> {
  const at = Date.now();
  for (const step of workflow.steps) {
    const outcome = simulateStep(random, workflow, step, options.plants, at);
    summary.steps += 1;
    await execution.trackStep(step, async (live) => {
      await sleep(outcome.durationMs * options.timeScale);
      for (let i = 0; i < outcome.retries; i += 1) live.recordRetry();
      if (outcome.recovery) {
        const { strategy, outcome: result, durationMs } = outcome.recovery;
        const endedAt = Date.now();
        live.recordRecovery({
          strategy,
          outcome: result,
          startedAt: endedAt - durationMs * options.timeScale,
          endedAt,
        });
      }
      if (outcome.confidence !== undefined) live.setConfidence(outcome.confidence);
      if (outcome.error) throw outcome.error;
    });
  }
}

/** Executions recorded between flushes: the export queues are bounded, so history is sent in slices. */
const RECORDED_SLICE = 200;

async function recordHistory(
  rpa: Rpa,
  options: DemoOptions,
  randoms: Randoms,
  workflows: SimulatedWorkflow[],
  summary: DemoSummary,
  signal: AbortSignal | undefined,
): Promise<void> {
  const end = Date.now();
  const start = options.historyFrom ?? end - options.historyHours * 3_600_000;
  const spanMs = Math.max(0, end - start);
  const total = options.executions > 0 ? options.executions : Math.round((spanMs / 1000) * options.rate);
  const spacingMs = spanMs / Math.max(1, total);
  // The scheduled runs first: an expected-run check during the recording sees the cadence kept.
  const scheduled = scheduledWorkflow(options, workflows);
  if (scheduled && options.schedule) {
    for (const fire of fireTimes(options.schedule, start, end - SCHEDULE_JITTER_MS)) {
      recordExecution(
        rpa,
        scheduled,
        fire + randoms.timing.next() * SCHEDULE_JITTER_MS,
        options,
        randoms,
        summary,
      );
    }
    await rpa.forceFlush();
  }
  for (let index = 0; index < total && !signal?.aborted; index += 1) {
    const workflow = workflows[index % workflows.length] as SimulatedWorkflow;
    const startedAt = start + index * spacingMs;
    recordExecution(rpa, workflow, startedAt, options, randoms, summary);
    if (index % RECORDED_SLICE === RECORDED_SLICE - 1) await rpa.forceFlush();
  }
  await rpa.forceFlush();
}

function recordExecution(
  rpa: Rpa,
  workflow: SimulatedWorkflow,
  startedAt: number,
  options: DemoOptions,
  { random, timing }: Randoms,
  summary: DemoSummary,
): void {
  let clock = startedAt;
  let failure: (Error & { code?: string }) | undefined;
  const steps = [];
  for (const step of workflow.steps) {
    if (failure) break;
    const outcome = simulateStep(random, workflow, step, options.plants, startedAt);
    failure = outcome.error;
    steps.push({
      ...step,
      startedAt: clock,
      completedAt: clock + outcome.durationMs,
      status: outcome.error ? ('failed' as const) : ('completed' as const),
      confidenceScore: outcome.confidence,
      retryCount: outcome.retries,
      errorType: outcome.error?.code,
      errorDetails: outcome.error?.message,
      recoveries: outcome.recovery
        ? [
            {
              strategy: outcome.recovery.strategy,
              outcome: outcome.recovery.outcome,
              startedAt: clock + outcome.durationMs - outcome.recovery.durationMs,
              endedAt: clock + outcome.durationMs,
            },
          ]
        : [],
    });
    clock += outcome.durationMs;
  }
  summary.executions += 1;
  summary.steps += steps.length;
  if (failure) summary.failedExecutions += 1;
  rpa.recordExecution({
    workflowId: workflow.workflowId,
    requestedAt: startedAt - queueDelayMs(timing, startedAt, options.busyHours),
    startedAt,
    completedAt: clock,
    status: failure ? 'failed' : 'completed',
    stepsTotal: workflow.steps.length,
    errorType: failure?.code,
    errorMessage: failure?.message,
    context: { machine: `bot-${1 + Math.floor(random.next() * 3)}`, demo: true },
    steps,
  });
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const onAbort = () => {
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
