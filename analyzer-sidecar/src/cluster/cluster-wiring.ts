/** The coordinator of an analyzer sharing its backend with others, and how live analysis plugs into it. */
import type { StoreBackend } from '../backend/store-backend';
import type { EventBus, LiveEventType } from '../services/live/event-bus';
import { createClusterCoordinator, type ClusterCoordinator, type ClusterTiming } from './cluster-coordinator';

export async function openCluster(
  backend: StoreBackend,
  instanceId: string,
  onError: (error: unknown) => void,
  timing?: Partial<ClusterTiming>,
): Promise<ClusterCoordinator | undefined> {
  if (!backend.cluster) return undefined;
  return createClusterCoordinator({
    tables: await backend.cluster(),
    instanceId,
    now: Date.now,
    timing,
    async knownWorkflows() {
      const states = await backend.live.loadSeriesStates();
      return [...new Set(states.map((s) => s.workflow_id))];
    },
    onError,
  });
}

/** What detection publishes here goes to the other instances' streams, and theirs comes here. */
const RELAYED: readonly string[] = [
  'anomaly.opened',
  'anomaly.resolved',
  'incident.opened',
  'incident.resolved',
];

export function relayLiveEvents(cluster: ClusterCoordinator, bus: EventBus, onError: (e: unknown) => void) {
  let relaying = false;
  bus.subscribe((event) => {
    if (relaying || !RELAYED.includes(event.type)) return;
    cluster.publishEvent(event.type, { ...event.data }, event.workflowIds).catch(onError);
  });
  cluster.onRemoteEvent((event) => {
    if (!RELAYED.includes(event.type)) return;
    relaying = true;
    try {
      bus.publish(event.type as LiveEventType, event.data, event.workflowIds);
    } finally {
      relaying = false;
    }
  });
}
