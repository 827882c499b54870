import { SeededRandom } from './random';
import { simulatedError, SimulatedStepError } from './failures';
import type { SimulatedStep, SimulatedWorkflow } from './workflow-catalog';

/** How one simulated step turns out, decided before it is played or recorded. */
export interface StepOutcome {
  readonly durationMs: number;
  readonly confidence: number | undefined;
  readonly retries: number;
  /** A self-healing attempt, which took `durationMs` at the end of the step. */
  readonly recovery: { strategy: string; outcome: 'recovered' | 'failed'; durationMs: number } | undefined;
  readonly error: SimulatedStepError | undefined;
}

/** A planted change of one workflow, for executions started in [from, to). */
export interface Plant {
  readonly value: number;
  readonly from: number;
  readonly to: number;
}

/** Changes planted into a run: slower workflows, failure bursts, drifting and healed targets. */
export interface Plants {
  /** Duration multiplier per workflow id. */
  readonly degrade: ReadonlyMap<string, Plant>;
  /** Extra failure probability per step, per workflow id. */
  readonly failureBurst: ReadonlyMap<string, Plant>;
  /**
   * Per target (`workflow/node`): its visual-match confidence declines linearly
   * from DRIFT_START at `from` to `value` at `to` and stays there after; the step
   * fails (LOW_CONFIDENCE) only when a match falls below DRIFT_FAILURE_BELOW, so
   * the decline shows days before the first failure.
   */
  readonly drift?: ReadonlyMap<string, Plant>;
  /**
   * Per target (`workflow/node`): the probability that an execution's step finds
   * its selector broken and heals it with an alternate selector (never fixed).
   */
  readonly heal?: ReadonlyMap<string, Plant>;
}

export const DRIFT_START = 0.97;
export const DRIFT_FAILURE_BELOW = 0.78;
/** Healed targets: the alternate selector works this often; otherwise the step fails. */
const HEAL_SUCCESS = 0.95;

/** The plant's value for an execution started at `at`, or `otherwise`. */
function plantAt(plants: ReadonlyMap<string, Plant>, workflowId: string, at: number, otherwise: number) {
  const plant = plants.get(workflowId);
  return plant && at >= plant.from && at < plant.to ? plant.value : otherwise;
}

const VISUAL_ACTIONS = new Set(['click', 'type', 'extract', 'drag', 'upload']);
const RETRIED_KINDS = new Set(['TIMEOUT', 'ECONNRESET']);
const RECOVERY_STRATEGIES = ['rematch_visual', 'scroll_into_view', 'fallback_selector'];

/** Decides the outcome of one step of `workflow`, in an execution started at `at`. */
export function simulateStep(
  random: SeededRandom,
  workflow: SimulatedWorkflow,
  step: SimulatedStep,
  plants: Plants,
  at: number,
): StepOutcome {
  const factor = plantAt(plants.degrade, workflow.workflowId, at, 1);
  const failureRate = step.failureRate + plantAt(plants.failureBurst, workflow.workflowId, at, 0);
  let durationMs = random.logNormal(step.medianMs * factor, 0.35);
  let confidence = VISUAL_ACTIONS.has(step.actionType) ? 0.82 + random.next() * 0.17 : undefined;
  let retries = 0;
  let recovery: StepOutcome['recovery'];
  let error =
    random.next() < failureRate
      ? simulatedError(random.pick(step.failureKinds), step.targetElement)
      : undefined;

  while (error && RETRIED_KINDS.has(error.code) && retries < 2 && random.next() < 0.6) {
    retries += 1;
    durationMs += random.logNormal(step.medianMs * factor, 0.35);
    if (random.next() < 0.7) error = undefined;
  }
  if (error?.code === 'ELEMENT_NOT_FOUND') {
    const recovered = random.next() < 0.65;
    const strategy = random.pick(RECOVERY_STRATEGIES);
    const healMs = random.logNormal(400, 0.3);
    recovery = { strategy, outcome: recovered ? 'recovered' : 'failed', durationMs: healMs };
    durationMs += healMs;
    if (recovered) error = undefined;
  }
  if (error?.code === 'LOW_CONFIDENCE') confidence = 0.5 + random.next() * 0.25;
  const target = `${workflow.workflowId}/${step.nodeId}`;
  const drift = plants.drift?.get(target);
  if (drift && at >= drift.from) {
    // The planted decline replaces the step's own confidence, failures and heals: a clean series but for the trend.
    recovery = undefined;
    confidence = driftLine(drift, at) * random.logNormal(1, 0.01);
    error =
      confidence < DRIFT_FAILURE_BELOW
        ? new SimulatedStepError(
            'LOW_CONFIDENCE',
            `Match confidence for "${step.targetElement}" below threshold ${DRIFT_FAILURE_BELOW}`,
          )
        : undefined;
  }
  const healRate = plants.heal ? plantAt(plants.heal, target, at, 0) : 0;
  if (healRate > 0 && !error && !recovery && random.next() < healRate) {
    const recovered = random.next() < HEAL_SUCCESS;
    const healMs = random.logNormal(1500, 0.3);
    recovery = {
      strategy: 'alternate_selector',
      outcome: recovered ? 'recovered' : 'failed',
      durationMs: healMs,
    };
    durationMs += healMs;
    if (!recovered) error = simulatedError('element_not_found', step.targetElement);
  }
  return { durationMs, confidence, retries, recovery, error };
}

/** DRIFT_START at `from`, the plant's value at `to` and after (a drift is not fixed by itself), linear between. */
export function driftLine(plant: Plant, at: number): number {
  if (!Number.isFinite(plant.from) || !Number.isFinite(plant.to) || at >= plant.to) return plant.value;
  const progress = Math.max(0, (at - plant.from) / (plant.to - plant.from));
  return DRIFT_START + (plant.value - DRIFT_START) * progress;
}

/**
 * Parses `a=1.5,b=2` into a map, naming `flag` when it is malformed. A pair may
 * name a window of execution start times: `a=1.5@FROM..TO`, each end an RFC 3339
 * time or epoch milliseconds, either left empty for an open end.
 */
export function parsePlants(flag: string, raw: string | undefined): Map<string, Plant> {
  const plants = new Map<string, Plant>();
  for (const pair of (raw ?? '').split(',').filter(Boolean)) {
    const [assignment = '', window] = pair.split('@');
    const [workflowId, value] = assignment.split('=');
    const number = Number(value);
    const [from, to] = parseWindow(window);
    if (!workflowId || !Number.isFinite(number) || number < 0 || Number.isNaN(from) || Number.isNaN(to)) {
      throw new Error(`${flag}: expected workflow=number[@from..to] pairs, got "${pair}"`);
    }
    plants.set(workflowId, { value: number, from, to });
  }
  return plants;
}

function parseWindow(window: string | undefined): [number, number] {
  if (window === undefined) return [-Infinity, Infinity];
  const ends = window.split('..');
  if (ends.length !== 2) return [NaN, NaN];
  return [parseTime(ends[0] as string, -Infinity), parseTime(ends[1] as string, Infinity)];
}

function parseTime(text: string, open: number): number {
  if (text === '') return open;
  return /^\d+$/.test(text) ? Number(text) : Date.parse(text);
}
