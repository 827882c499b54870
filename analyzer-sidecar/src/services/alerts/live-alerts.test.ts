import type { LiveEvent, LiveEventType } from '../live/event-bus';
import type { LiveExecution } from '../live/execution-tracker';
import { DEFAULT_ALERT_RULES, LiveAlerts } from './live-alerts';

let nextId = 1;
function event(type: LiveEventType, data: object): LiveEvent {
  return {
    id: nextId++,
    type,
    data: data as Record<string, unknown>,
    workflowIds: [],
    coalesceKey: null,
    at: 0,
  };
}

function execution(id: string, over: Partial<LiveExecution> = {}): LiveExecution {
  return {
    execution_id: id,
    workflow_id: 'wf',
    status: 'running',
    started_at: 0,
    completed_at: null,
    steps_total: 4,
    steps_completed: 1,
    steps_failed: 0,
    current_step: null,
    last_activity_at: 0,
    announced: true,
    ...over,
  };
}

const names = (alerts: LiveAlerts) => alerts.active().map((a) => a.labels.alertname);

describe('LiveAlerts', () => {
  it('alerts on high-severity anomalies only, and resolves them', () => {
    const alerts = new LiveAlerts();
    const anomaly = { anomaly_id: 'a', workflow_id: 'wf', metric_name: 'm', severity: 0.9, description: 'd' };
    expect(alerts.apply(event('anomaly.opened', { ...anomaly, anomaly_id: 'low', severity: 0.5 }), 0)).toBe(
      false,
    );
    expect(alerts.apply(event('anomaly.opened', anomaly), 0)).toBe(true);
    expect(alerts.active()[0]!.labels).toEqual({
      alertname: 'RpaAnalyzerAnomaly',
      severity: 'critical',
      workflow: 'wf',
      component: 'analyzer',
      metric: 'm',
      anomaly_id: 'a',
    });
    expect(alerts.apply(event('anomaly.resolved', anomaly), 5)).toBe(true);
    expect([alerts.active(), alerts.takeResolved().map((a) => a.endsAt)]).toEqual([[], [5]]);
  });

  it('raises RpaAnalyzerMissingRun for a missing_run anomaly whatever its severity, and resolves it', () => {
    const alerts = new LiveAlerts({ ...DEFAULT_ALERT_RULES, minSeverity: 0.95 });
    const missed = {
      anomaly_id: 'mr',
      workflow_id: 'wf',
      metric_name: 'run_start',
      kind: 'missing_run',
      severity: 0.7,
      description: 'd',
    };
    expect(alerts.apply(event('anomaly.opened', missed), 0)).toBe(true);
    expect(alerts.active()[0]!.labels).toMatchObject({
      alertname: 'RpaAnalyzerMissingRun',
      severity: 'warning',
      workflow: 'wf',
    });
    expect(alerts.apply(event('anomaly.resolved', missed), 7)).toBe(true);
    expect(alerts.takeResolved().map((a) => a.endsAt)).toEqual([7]);
  });

  it('raises a failure burst at the threshold within the window and resolves it when the window passes', () => {
    const alerts = new LiveAlerts({
      ...DEFAULT_ALERT_RULES,
      failureBurstCount: 3,
      failureBurstWindowMs: 1000,
    });
    for (const [i, at] of [0, 100, 200].entries())
      alerts.apply(event('execution.ended', execution(`f${i}`, { status: 'failed' })), at);
    expect(names(alerts)).toEqual(['RpaAnalyzerFailureBurst']);
    alerts.checkStuck([], 1150);
    expect(names(alerts)).toEqual([]);
  });

  it('raises a stuck execution after the quiet time, resolved when it ends', () => {
    const alerts = new LiveAlerts({ ...DEFAULT_ALERT_RULES, stuckAfterMs: 1000 });
    alerts.checkStuck([execution('x', { last_activity_at: 500 })], 1000);
    expect(names(alerts)).toEqual([]);
    alerts.checkStuck([execution('x', { last_activity_at: 500 })], 1600);
    expect(alerts.active()[0]!.labels).toMatchObject({
      alertname: 'RpaAnalyzerExecutionStuck',
      execution_id: 'x',
    });
    alerts.apply(event('execution.ended', execution('x', { status: 'completed' })), 2000);
    expect(names(alerts)).toEqual([]);
  });

  it('alerts on incidents with every workflow involved', () => {
    const alerts = new LiveAlerts();
    alerts.apply(event('incident.opened', { group_id: 'g', workflow_ids: ['a', 'b'] }), 0);
    expect(alerts.active()[0]!.labels).toMatchObject({ alertname: 'RpaAnalyzerIncident', workflow: 'a,b' });
    alerts.apply(event('incident.resolved', { group_id: 'g', workflow_ids: ['a', 'b'] }), 1);
    expect(names(alerts)).toEqual([]);
  });
});
