/** Analysis results as the API serves them: epoch milliseconds become RFC 3339 UTC strings. */
import type { Period } from '../analysis/performance';
import type { Anomaly, AnomalyGroup, Incident } from '../model/analysis';
import type { TrackedInsight } from '../services/insight-tracking';
import type { DegradationResult } from '../services/analytics-service';
import { isoTime } from './present';

export function presentPeriod(period: Period): { from: string; to: string } {
  return { from: isoTime(period.from), to: isoTime(period.to) };
}

const isoOrNull = (ms: number | null | undefined) => (ms === null || ms === undefined ? null : isoTime(ms));

export function presentAnomaly(a: Anomaly): Record<string, unknown> {
  return {
    ...a,
    detected_at: isoTime(a.detected_at),
    resolved_at: isoOrNull(a.resolved_at),
    started_at: isoTime(a.started_at),
    ended_at: isoTime(a.ended_at),
  };
}

export function presentGroup(g: AnomalyGroup | Incident): Record<string, unknown> {
  return {
    ...g,
    ...('detected_at' in g && { detected_at: isoTime(g.detected_at), resolved_at: isoOrNull(g.resolved_at) }),
    started_at: isoTime(g.started_at),
    ended_at: isoTime(g.ended_at),
    anomalies: g.anomalies.map(presentAnomaly),
  };
}

export function presentInsight(i: TrackedInsight): Record<string, unknown> {
  const impl = i.implementation;
  return {
    ...i,
    created_at: isoTime(i.created_at),
    implemented: impl !== null,
    implementation: impl && {
      ...impl,
      implemented_at: isoTime(impl.implemented_at),
      following_period: presentPeriod(impl.following_period),
    },
  };
}

export function presentDegradation(d: DegradationResult): Record<string, unknown> {
  const { baseline_period, current_period, ...rest } = d;
  return {
    ...rest,
    baseline: { ...d.baseline, ...presentPeriod(baseline_period) },
    current: { ...d.current, ...presentPeriod(current_period) },
  };
}
