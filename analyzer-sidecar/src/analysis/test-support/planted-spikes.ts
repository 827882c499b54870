/**
 * Single-run spikes planted in clean histories: chosen executions take
 * `factor` times their own duration (every step slowed alike), the rest is
 * untouched. Nine workflows (step σ 0.2 to 0.4, 4 to 20 minutes apart) get
 * six spikes each, 6× and 100× alternately, after their first three days;
 * and four of them share one incident: a 6× run each within ten minutes.
 */
import type { Anomaly } from '../../model/analysis';
import type { ExecutionRecord, StepRecord } from '../../model/records';
import { seededRandom } from './random';
import { generateHistory, type SyntheticWorkflow } from './synthetic-history';

export const SPIKE_FROM = Date.UTC(2026, 2, 1);
export const SPIKE_DAYS = 14;
const DAY = 86_400_000;

export interface PlantedRun {
  workflow_id: string;
  execution_id: string;
  factor: number;
}

export interface SpikeHistory {
  executions: ExecutionRecord[];
  steps: StepRecord[];
  spikes: PlantedRun[];
  incident: PlantedRun[];
}

export function spikeWorkflows(): SyntheticWorkflow[] {
  return Array.from({ length: 9 }, (_, i) => ({
    workflow_id: `spiky-${i}`,
    intervalMs: [4, 10, 20][i % 3]! * 60_000,
    failureRate: 0.03,
    failureMix: { timeout: 1 },
    nodes: ['open', 'read', 'type', 'save', 'close'].map((node, k) => ({
      node_id: node,
      action_type: node,
      medianMs: 300 * (k + 1),
      sigma: [0.2, 0.3, 0.4][Math.floor(i / 3)]!,
    })),
  }));
}

function slowDown(run: PlantedRun, executions: ExecutionRecord[], steps: StepRecord[]): void {
  const e = executions.find((x) => x.execution_id === run.execution_id)!;
  let t = e.started_at;
  for (const s of steps.filter((x) => x.execution_id === run.execution_id)) {
    s.started_at = t;
    s.duration_ms *= run.factor;
    s.completed_at = t + s.duration_ms;
    t = s.completed_at;
  }
  e.duration_ms = (e.duration_ms as number) * run.factor;
  e.completed_at = e.started_at + e.duration_ms;
}

export function spikeHistory(seed = 7): SpikeHistory {
  const rng = seededRandom(seed + 1);
  const { executions, steps } = generateHistory({
    workflows: spikeWorkflows(),
    from: SPIKE_FROM,
    days: SPIKE_DAYS,
    seed,
  });
  const completed = (wf: string, from: number) =>
    executions.filter((e) => e.workflow_id === wf && e.status === 'completed' && e.started_at >= from);
  const spikes: PlantedRun[] = spikeWorkflows().flatMap((w, i) =>
    Array.from({ length: 6 }, (_, k) => {
      const at = SPIKE_FROM + (3 + k * 1.6 + rng.next()) * DAY;
      const e = completed(w.workflow_id, at)[0]!;
      return { workflow_id: w.workflow_id, execution_id: e.execution_id, factor: (k + i) % 2 ? 100 : 6 };
    }),
  );
  const incidentAt = SPIKE_FROM + 12.5 * DAY;
  const incident = [0, 1, 3, 4].map((i) => {
    const e = completed(`spiky-${i}`, incidentAt)[0]!;
    return { workflow_id: e.workflow_id, execution_id: e.execution_id, factor: 6 };
  });
  for (const run of [...spikes, ...incident]) slowDown(run, executions, steps);
  return { executions, steps, spikes, incident };
}

/** Recall and precision of anomalies at `minSeverity` against planted runs. */
export function scoreSpikes(
  anomalies: readonly Anomaly[],
  planted: readonly PlantedRun[],
  minSeverity: number,
) {
  const strong = anomalies.filter((a) => a.severity >= minSeverity);
  const plantedIds = new Set(planted.map((p) => p.execution_id));
  const found = planted.filter((p) => strong.some((a) => a.execution_ids.includes(p.execution_id)));
  const true_positives = strong.filter((a) => a.execution_ids.some((id) => plantedIds.has(id)));
  return {
    planted: planted.length,
    found: found.length,
    recall: found.length / planted.length,
    flagged: strong.length,
    precision: strong.length === 0 ? 1 : true_positives.length / strong.length,
    missed: planted.filter((p) => !found.includes(p)),
    false_alarms: strong.filter((a) => !true_positives.includes(a)),
  };
}
