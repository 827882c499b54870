import { SeededRandom } from './random';
import { simulatedError, type SimulatedStepError } from './failures';
import type { SimulatedStep, SimulatedWorkflow } from './workflow-catalog';

/** How one simulated step turns out, decided before it is played or recorded. */
export interface StepOutcome {
  readonly durationMs: number;
  readonly confidence: number | undefined;
  readonly retries: number;
  readonly recovery: { strategy: string; outcome: 'recovered' | 'failed' } | undefined;
  readonly error: SimulatedStepError | undefined;
}

/** Changes planted into a run: slower workflows, failure bursts. */
export interface Plants {
  /** Duration multiplier per workflow id. */
  readonly degrade: ReadonlyMap<string, number>;
  /** Extra failure probability per step, per workflow id. */
  readonly failureBurst: ReadonlyMap<string, number>;
}

const VISUAL_ACTIONS = new Set(['click', 'type', 'extract', 'drag', 'upload']);
const RETRIED_KINDS = new Set(['TIMEOUT', 'ECONNRESET']);
const RECOVERY_STRATEGIES = ['rematch_visual', 'scroll_into_view', 'fallback_selector'];

/** Decides the outcome of one step of `workflow`. */
export function simulateStep(
  random: SeededRandom,
  workflow: SimulatedWorkflow,
  step: SimulatedStep,
  plants: Plants,
): StepOutcome {
  const factor = plants.degrade.get(workflow.workflowId) ?? 1;
  const failureRate = step.failureRate + (plants.failureBurst.get(workflow.workflowId) ?? 0);
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
    recovery = { strategy: random.pick(RECOVERY_STRATEGIES), outcome: recovered ? 'recovered' : 'failed' };
    durationMs += random.logNormal(400, 0.3);
    if (recovered) error = undefined;
  }
  if (error?.code === 'LOW_CONFIDENCE') confidence = 0.5 + random.next() * 0.25;
  return { durationMs, confidence, retries, recovery, error };
}

/** Parses `a=1.5,b=2` into a map, naming `flag` when it is malformed. */
export function parsePlants(flag: string, raw: string | undefined): Map<string, number> {
  const plants = new Map<string, number>();
  for (const pair of (raw ?? '').split(',').filter(Boolean)) {
    const [workflowId, value] = pair.split('=');
    const number = Number(value);
    if (!workflowId || !Number.isFinite(number) || number < 0) {
      throw new Error(`${flag}: expected workflow=number pairs, got "${pair}"`);
    }
    plants.set(workflowId, number);
  }
  return plants;
}
