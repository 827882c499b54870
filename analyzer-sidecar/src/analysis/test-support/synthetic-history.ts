/**
 * Synthetic execution histories with planted truth: log-normal step
 * durations, a failure mix per workflow, and events (slowdowns of a node or a
 * whole workflow, outages, level shifts) whose times and members are known.
 */
import type { ExecutionRecord, StepRecord } from '../../model/records';
import { type Random, seededRandom } from './random';
import { makeExecution, makeStep } from './records';

export interface SyntheticNode {
  node_id: string;
  action_type: string;
  medianMs: number;
  sigma: number;
}

export interface SyntheticWorkflow {
  workflow_id: string;
  nodes: SyntheticNode[];
  /** Mean time between executions. */
  intervalMs: number;
  failureRate: number;
  /** Failure category → weight. */
  failureMix: Record<string, number>;
  /** Share of steps that get stuck (× 3 to 30, log-uniform): tails heavier than log-normal. */
  stuckRate?: number;
}

export interface PlantedEvent {
  kind: 'slowdown' | 'outage';
  workflow_ids: string[];
  from: number;
  to: number;
  /** slowdown: duration multiplier, of `node_id` only when given. */
  factor?: number;
  node_id?: string;
}

export interface HistorySpec {
  workflows: SyntheticWorkflow[];
  from: number;
  days: number;
  events?: PlantedEvent[];
  seed: number;
}

export const FAILURE_SAMPLES: Record<string, { type: string; message: string }> = {
  timeout: { type: 'TimeoutError', message: 'Timed out after 30000 ms waiting for the invoice window' },
  element_not_found: { type: 'ElementNotFoundError', message: 'Element #submit not found' },
  low_confidence: { type: 'LowConfidenceError', message: 'Visual match confidence below threshold' },
  application_error: { type: 'ApplicationError', message: 'SAP GUI crashed' },
  network: { type: 'ECONNRESET', message: 'socket hang up' },
  validation: { type: 'ValidationError', message: 'Invoice number has an invalid format' },
  unknown: { type: 'Error', message: 'Something unexpected happened' },
};

function activeEvents(events: readonly PlantedEvent[], workflowId: string, t: number): PlantedEvent[] {
  return events.filter((e) => e.workflow_ids.includes(workflowId) && t >= e.from && t < e.to);
}

function pickWeighted(rng: Random, weights: Record<string, number>): string {
  const entries = Object.entries(weights);
  let r = rng.next() * entries.reduce((s, [, w]) => s + w, 0);
  for (const [key, w] of entries) if ((r -= w) < 0) return key;
  return (entries[entries.length - 1] as [string, number])[0];
}

interface Run {
  wf: SyntheticWorkflow;
  id: string;
  t: number;
  events: PlantedEvent[];
}

function runSteps(rng: Random, run: Run, failAt: number): StepRecord[] {
  const steps: StepRecord[] = [];
  let t = run.t;
  for (const [i, node] of run.wf.nodes.entries()) {
    if (failAt >= 0 && i > failAt) break;
    const factor = run.events.reduce(
      (f, e) =>
        e.kind === 'slowdown' && (!e.node_id || e.node_id === node.node_id) ? f * (e.factor ?? 1) : f,
      1,
    );
    const stuck = rng.next() < (run.wf.stuckRate ?? 0) ? 3 * 10 ** rng.next() : 1;
    const duration = rng.logNormal(node.medianMs, node.sigma) * factor * stuck;
    const failed = i === failAt;
    steps.push(
      makeStep({
        step_id: `${run.id}-s${i}`,
        execution_id: run.id,
        workflow_id: run.wf.workflow_id,
        node_id: node.node_id,
        action_type: node.action_type,
        started_at: t,
        duration_ms: duration,
        status: failed ? 'failed' : 'completed',
      }),
    );
    t += duration;
  }
  return steps;
}

function runExecution(rng: Random, run: Run): { execution: ExecutionRecord; steps: StepRecord[] } {
  const outage = run.events.some((e) => e.kind === 'outage');
  const fails = outage || rng.next() < run.wf.failureRate;
  const category = outage ? 'network' : pickWeighted(rng, run.wf.failureMix);
  const steps = runSteps(rng, run, fails ? Math.floor(rng.next() * run.wf.nodes.length) : -1);
  const duration = steps.reduce((s, x) => s + x.duration_ms, 0) + rng.logNormal(50, 0.3);
  const sample = FAILURE_SAMPLES[category] ?? FAILURE_SAMPLES.unknown!;
  const execution = makeExecution({
    execution_id: run.id,
    workflow_id: run.wf.workflow_id,
    started_at: run.t,
    duration_ms: duration,
    status: fails ? 'failed' : 'completed',
    steps_total: run.wf.nodes.length,
    steps_completed: steps.length - (fails ? 1 : 0),
    steps_failed: fails ? 1 : 0,
    error_type: fails ? sample.type : null,
    error_message: fails ? sample.message : null,
    cpu_percent_avg: rng.logNormal(30, 0.15),
    memory_mb_max: rng.logNormal(500, 0.08),
  });
  return { execution, steps };
}

export function generateHistory(spec: HistorySpec): { executions: ExecutionRecord[]; steps: StepRecord[] } {
  const rng = seededRandom(spec.seed);
  const end = spec.from + spec.days * 86_400_000;
  const executions: ExecutionRecord[] = [];
  const steps: StepRecord[] = [];
  for (const wf of spec.workflows) {
    let n = 0;
    for (let t = spec.from + rng.exponential(wf.intervalMs); t < end; t += rng.exponential(wf.intervalMs)) {
      const run = {
        wf,
        id: `${wf.workflow_id}-x${n++}`,
        t: Math.round(t),
        events: activeEvents(spec.events ?? [], wf.workflow_id, t),
      };
      const out = runExecution(rng, run);
      executions.push(out.execution);
      steps.push(...out.steps);
    }
  }
  return { executions, steps };
}
