/**
 * Systemic incidents (seed `correlate_anomalies`): anomalies of several
 * workflows whose episodes overlap or lie within `windowMs` of each other are
 * chained into one group (single linkage in time). Groups touching a single
 * workflow are not systemic and are left out.
 */
import type { Anomaly, AnomalyGroup } from '../../model/analysis';
import { contentId } from '../content-id';

export interface CorrelateOptions {
  /** Default 30 minutes (the seed's `time_window_minutes`). */
  windowMs?: number;
  /** Distinct workflows a group needs; default 2. */
  minWorkflows?: number;
}

function toGroup(members: Anomaly[]): AnomalyGroup {
  const workflow_ids = [...new Set(members.map((a) => a.workflow_id))].sort();
  return {
    group_id: contentId('incident', ...members.map((a) => a.anomaly_id).sort()),
    workflow_ids,
    started_at: Math.min(...members.map((a) => a.started_at)),
    ended_at: Math.max(...members.map((a) => a.ended_at)),
    anomalies: members,
  };
}

export function correlateAnomalies(
  anomalies: readonly Anomaly[],
  options: CorrelateOptions = {},
): AnomalyGroup[] {
  const windowMs = options.windowMs ?? 30 * 60_000;
  const minWorkflows = options.minWorkflows ?? 2;
  const sorted = [...anomalies].sort(
    (a, b) => a.started_at - b.started_at || (a.anomaly_id < b.anomaly_id ? -1 : 1),
  );
  const clusters: Anomaly[][] = [];
  let current: Anomaly[] = [];
  let reach = -Infinity;
  for (const a of sorted) {
    if (current.length > 0 && a.started_at > reach + windowMs) {
      clusters.push(current);
      current = [];
      reach = -Infinity;
    }
    current.push(a);
    reach = Math.max(reach, a.ended_at);
  }
  if (current.length > 0) clusters.push(current);
  return clusters.filter((c) => new Set(c.map((a) => a.workflow_id)).size >= minWorkflows).map(toGroup);
}
