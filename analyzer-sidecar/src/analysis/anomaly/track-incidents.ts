/**
 * Incidents with a lifecycle: correlated groups (see correlate-anomalies)
 * matched against the incidents already known, so an incident keeps its id
 * while members join, and is `open` while any member is open.
 */
import type { Anomaly, Incident } from '../../model/analysis';
import { contentId } from '../content-id';
import { type CorrelateOptions, correlateAnomalies } from './correlate-anomalies';

export interface IncidentUpdate {
  /** Incidents new or changed. */
  changed: Incident[];
  opened: Incident[];
  resolved: Incident[];
}

function signature(i: Incident): string {
  return JSON.stringify([
    i.status,
    i.started_at,
    i.ended_at,
    i.severity,
    i.anomalies.map((a) => [a.anomaly_id, a.status]),
  ]);
}

export function trackIncidents(
  known: readonly Incident[],
  anomalies: readonly Anomaly[],
  now: number,
  options: CorrelateOptions = {},
): IncidentUpdate {
  const byMember = new Map<string, Incident>();
  for (const incident of known) for (const a of incident.anomalies) byMember.set(a.anomaly_id, incident);
  const update: IncidentUpdate = { changed: [], opened: [], resolved: [] };
  for (const group of correlateAnomalies(anomalies, options)) {
    const previous = group.anomalies.map((a) => byMember.get(a.anomaly_id)).find((i) => i !== undefined);
    const open = group.anomalies.some((a) => a.status === 'open');
    const incident: Incident = {
      ...group,
      group_id: previous?.group_id ?? contentId('incident', group.anomalies[0]!.anomaly_id),
      status: open ? 'open' : 'resolved',
      severity: Math.max(...group.anomalies.map((a) => a.severity)),
      detected_at: previous?.detected_at ?? now,
      resolved_at: open ? null : (previous?.resolved_at ?? now),
    };
    if (previous && signature(previous) === signature(incident)) continue;
    update.changed.push(incident);
    if (!previous) update.opened.push(incident);
    if (!open && previous?.status !== 'resolved') update.resolved.push(incident);
  }
  return update;
}
