/**
 * The analyzer's own alerts, from the live events: a high-severity anomaly,
 * an incident, a stuck execution, a burst of failures. Each alert is active
 * from when its condition starts until it ends; plain state, no I/O (the
 * Alertmanager push reads `active()` and `takeResolved()`).
 */
import type { Anomaly, Incident } from '../../model/analysis';
import type { LiveEvent } from '../live/event-bus';
import type { LiveExecution } from '../live/execution-tracker';

export interface AlertRules {
  /** Anomalies at or above this severity alert; default 0.7. */
  minSeverity: number;
  /** A running execution without a step for this long is stuck; default 15 min. */
  stuckAfterMs: number;
  /** This many failed executions of one workflow within `failureBurstWindowMs`; default 5 in 10 min. */
  failureBurstCount: number;
  failureBurstWindowMs: number;
}

export const DEFAULT_ALERT_RULES: AlertRules = {
  minSeverity: 0.7,
  stuckAfterMs: 15 * 60_000,
  failureBurstCount: 5,
  failureBurstWindowMs: 10 * 60_000,
};

export interface LiveAlert {
  /** Identity (Alertmanager's fingerprint is of the labels). */
  key: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  startsAt: number;
  endsAt: number | null;
}

const COMPONENT = 'analyzer';

function alert(
  key: string,
  name: string,
  severity: string,
  workflow: string,
  startsAt: number,
  annotations: Record<string, string>,
  extra: Record<string, string> = {},
): LiveAlert {
  return {
    key,
    labels: { alertname: name, severity, workflow, component: COMPONENT, ...extra },
    annotations,
    startsAt,
    endsAt: null,
  };
}

export class LiveAlerts {
  private readonly alerts = new Map<string, LiveAlert>();
  private resolved: LiveAlert[] = [];
  private readonly failures = new Map<string, number[]>();

  constructor(private readonly rules: AlertRules = DEFAULT_ALERT_RULES) {}

  /** Folds one live event in; true when an alert started or ended. */
  apply(event: LiveEvent, now: number): boolean {
    switch (event.type) {
      case 'anomaly.opened':
        return this.openAnomaly(event.data as unknown as Anomaly, now);
      case 'anomaly.resolved':
        return this.end(`anomaly:${(event.data as unknown as Anomaly).anomaly_id}`, now);
      case 'incident.opened': {
        const i = event.data as unknown as Incident;
        return this.start(
          alert(
            `incident:${i.group_id}`,
            'RpaAnalyzerIncident',
            'critical',
            i.workflow_ids.join(','),
            now,
            {
              summary: `Correlated anomalies in ${i.workflow_ids.length} workflows`,
              description: `Incident ${i.group_id}: ${i.workflow_ids.join(', ')} deviated together.`,
            },
            { incident_id: i.group_id },
          ),
        );
      }
      case 'incident.resolved':
        return this.end(`incident:${(event.data as unknown as Incident).group_id}`, now);
      case 'execution.ended':
        return this.ended(event.data as unknown as LiveExecution, now);
      default:
        return false;
    }
  }

  /** Stuck executions from the running list; true when an alert started or ended. */
  checkStuck(running: readonly LiveExecution[], now: number): boolean {
    let changed = false;
    const stuck = new Set<string>();
    for (const e of running) {
      if (now - e.last_activity_at < this.rules.stuckAfterMs) continue;
      const key = `stuck:${e.execution_id}`;
      stuck.add(key);
      changed =
        this.start(
          alert(
            key,
            'RpaAnalyzerExecutionStuck',
            'critical',
            e.workflow_id,
            now,
            {
              summary: `Execution ${e.execution_id} of ${e.workflow_id} shows no progress`,
              description: `No step for ${Math.round((now - e.last_activity_at) / 60_000)} min (step ${e.steps_completed + e.steps_failed} of ${e.steps_total ?? '?'}).`,
            },
            { execution_id: e.execution_id },
          ),
        ) || changed;
    }
    for (const key of [...this.alerts.keys()])
      if (key.startsWith('stuck:') && !stuck.has(key)) changed = this.end(key, now) || changed;
    for (const workflow of [...this.failures.keys()]) changed = this.checkBurst(workflow, now) || changed;
    return changed;
  }

  active(): LiveAlert[] {
    return [...this.alerts.values()];
  }

  /** Alerts ended since the last call (to post once with their endsAt). */
  takeResolved(): LiveAlert[] {
    const resolved = this.resolved;
    this.resolved = [];
    return resolved;
  }

  private openAnomaly(a: Anomaly, now: number): boolean {
    // A missed run always alerts: its tolerance was already given (services/healing/missing-runs).
    const missingRun = a.kind === 'missing_run';
    if (!missingRun && a.severity < this.rules.minSeverity) return false;
    return this.start(
      alert(
        `anomaly:${a.anomaly_id}`,
        missingRun ? 'RpaAnalyzerMissingRun' : 'RpaAnalyzerAnomaly',
        a.severity >= 0.85 ? 'critical' : 'warning',
        a.workflow_id,
        now,
        {
          summary: `${a.metric_name} anomaly in ${a.workflow_id} (severity ${a.severity.toFixed(2)})`,
          description: a.description,
        },
        { metric: a.metric_name, anomaly_id: a.anomaly_id },
      ),
    );
  }

  private ended(e: LiveExecution, now: number): boolean {
    const changed = this.end(`stuck:${e.execution_id}`, now);
    if (e.status !== 'failed') return changed;
    const times = this.failures.get(e.workflow_id) ?? [];
    times.push(now);
    this.failures.set(e.workflow_id, times);
    return this.checkBurst(e.workflow_id, now) || changed;
  }

  private checkBurst(workflow: string, now: number): boolean {
    const times = (this.failures.get(workflow) ?? []).filter(
      (t) => now - t < this.rules.failureBurstWindowMs,
    );
    if (times.length === 0) this.failures.delete(workflow);
    else this.failures.set(workflow, times);
    const key = `burst:${workflow}`;
    if (times.length < this.rules.failureBurstCount) return this.end(key, now);
    return this.start(
      alert(key, 'RpaAnalyzerFailureBurst', 'critical', workflow, now, {
        summary: `${times.length} failed executions of ${workflow} in ${this.rules.failureBurstWindowMs / 60_000} min`,
        description: 'Open the failure categories of this workflow for the last minutes.',
      }),
    );
  }

  private start(candidate: LiveAlert): boolean {
    if (this.alerts.has(candidate.key)) return false;
    this.alerts.set(candidate.key, candidate);
    return true;
  }

  private end(key: string, now: number): boolean {
    const active = this.alerts.get(key);
    if (!active) return false;
    this.alerts.delete(key);
    this.resolved.push({ ...active, endsAt: now });
    return true;
  }
}
