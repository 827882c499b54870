/**
 * A three-week history of six workflows with planted truth: each has a known
 * bottleneck node and a known dominant failure category; one degrades by 50 %
 * in the third week; each gets three spikes (a whole-workflow slowdown, a
 * slowdown of one step, an outage), staggered in time; and three of them share
 * one correlated incident.
 */
import { generateHistory, type PlantedEvent, type SyntheticWorkflow } from './synthetic-history';

export const DAY = 86_400_000;
export const HOUR = 3_600_000;
export const PLANTED_FROM = Date.UTC(2026, 9, 1);
export const PLANTED_DAYS = 21;
export const NODES = ['open', 'search', 'read', 'type', 'save'];
export const CATEGORIES = [
  'timeout',
  'element_not_found',
  'network',
  'validation',
  'application_error',
  'low_confidence',
];
export const DEGRADING = 'wf-5';
export const DEGRADATION_STARTS = PLANTED_FROM + 14 * DAY;
export const INCIDENT: PlantedEvent = {
  kind: 'slowdown',
  workflow_ids: ['wf-0', 'wf-1', 'wf-2'],
  from: PLANTED_FROM + 17 * DAY + 9 * HOUR,
  to: PLANTED_FROM + 17 * DAY + 12 * HOUR,
  factor: 5,
};

export interface PlantedSpike {
  event: PlantedEvent;
  workflow_id: string;
  /** The metric an anomaly must be found on. */
  metric: string;
}

export function plantedWorkflows(): SyntheticWorkflow[] {
  return NODES.concat('extra')
    .slice(0, 6)
    .map((_, i) => ({
      workflow_id: `wf-${i}`,
      intervalMs: 8 * 60_000,
      failureRate: 0.06,
      failureMix: { [CATEGORIES[i] as string]: 6, [CATEGORIES[(i + 1) % 6] as string]: 2, unknown: 1 },
      nodes: NODES.map((node, k) => ({
        node_id: node,
        action_type: node,
        medianMs: k === i % 5 ? 4000 : 300 + 50 * k,
        sigma: 0.3,
      })),
    }));
}

export function plantedBottleneck(workflowId: string): string {
  return NODES[Number(workflowId.slice(3)) % 5] as string;
}

export function plantedSpikes(): PlantedSpike[] {
  return Array.from({ length: 6 }, (_, i) => {
    const wf = `wf-${i}`;
    const node = NODES[(i + 1) % 5] as string;
    const at = (day: number, hour: number) => PLANTED_FROM + day * DAY + hour * HOUR;
    return [
      {
        event: { kind: 'slowdown', workflow_ids: [wf], from: at(3 + i, 10), to: at(3 + i, 13), factor: 6 },
        workflow_id: wf,
        metric: 'execution_duration_ms',
      },
      {
        event: {
          kind: 'slowdown',
          workflow_ids: [wf],
          from: at(8 + i, 14),
          to: at(8 + i, 17),
          factor: 10,
          node_id: node,
        },
        workflow_id: wf,
        metric: `step_duration_ms:${node}`,
      },
      {
        event: { kind: 'outage', workflow_ids: [wf], from: at(13 + i, 2), to: at(13 + i, 5) },
        workflow_id: wf,
        metric: 'failure_rate',
      },
    ] as PlantedSpike[];
  }).flat();
}

export function plantedHistory(seed = 4242) {
  const degradation: PlantedEvent = {
    kind: 'slowdown',
    workflow_ids: [DEGRADING],
    from: DEGRADATION_STARTS,
    to: PLANTED_FROM + PLANTED_DAYS * DAY,
    factor: 1.5,
  };
  const events = [...plantedSpikes().map((s) => s.event), INCIDENT, degradation];
  return generateHistory({
    workflows: plantedWorkflows(),
    from: PLANTED_FROM,
    days: PLANTED_DAYS,
    events,
    seed,
  });
}
