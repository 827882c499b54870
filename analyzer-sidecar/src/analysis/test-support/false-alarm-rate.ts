/**
 * Measures false alarms of the anomaly detector: anomalies per workflow per
 * day on clean (event-free) log-normal histories, across step-duration
 * spreads σ from 0.2 to 1.0 and cadences from 40 to 240 executions a day,
 * optionally with a share of stuck steps (tails heavier than log-normal).
 */
import { detectAnomalies } from '../anomaly/detect-anomalies';
import type { DetectorOptions } from '../anomaly/detector-options';
import { generateHistory, type SyntheticWorkflow } from './synthetic-history';

export interface FalseAlarmReport {
  workflows: number;
  days: number;
  observations: number;
  anomalies: number;
  perWorkflowPerDay: number;
  byMetric: Record<string, number>;
}

const SIGMAS = [0.2, 0.4, 0.6, 1.0];
const INTERVALS_MS = [6 * 60_000, 36 * 60_000];

export function cleanWorkflows(stuckRate = 0): SyntheticWorkflow[] {
  return SIGMAS.flatMap((sigma, i) =>
    INTERVALS_MS.map((intervalMs, j) => ({
      workflow_id: `clean-${i}-${j}`,
      intervalMs,
      failureRate: [0.01, 0.05, 0.1, 0.15][i] as number,
      failureMix: { timeout: 2, element_not_found: 1 },
      stuckRate,
      nodes: ['open', 'read', 'type', 'save', 'close'].map((node, k) => ({
        node_id: node,
        action_type: node,
        medianMs: 200 * (k + 1),
        sigma,
      })),
    })),
  );
}

export function measureFalseAlarms(
  days: number,
  seed: number,
  options: Partial<DetectorOptions> = {},
  stuckRate = 0,
): FalseAlarmReport {
  const workflows = cleanWorkflows(stuckRate);
  const { executions, steps } = generateHistory({ workflows, from: Date.UTC(2026, 0, 1), days, seed });
  const { anomalies } = detectAnomalies(executions, steps, { now: Date.UTC(2026, 6, 1), ...options });
  const byMetric: Record<string, number> = {};
  for (const a of anomalies) {
    const metric = a.metric_name.split(':')[0] as string;
    byMetric[metric] = (byMetric[metric] ?? 0) + 1;
  }
  return {
    workflows: workflows.length,
    days,
    observations: executions.length + steps.length,
    anomalies: anomalies.length,
    perWorkflowPerDay: anomalies.length / (workflows.length * days),
    byMetric,
  };
}
