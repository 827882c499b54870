/**
 * The missing-run check: every `intervalMs`, each workflow's expected run
 * (configured cron or learned cadence) is evaluated; a run missing past its
 * tolerance opens a `missing_run` anomaly (stored with the live anomalies,
 * published as `anomaly.opened`, so the stream and the Alertmanager push see
 * it), and the first start after it resolves the anomaly. The gauges follow
 * each check; every fifth check also counts drifting targets.
 */
import type { RunExpectation } from '../../analysis/cadence/expected-runs';
import { contentId } from '../../analysis/content-id';
import type { ElementDrift } from '../../analysis/drift/confidence-drift';
import type { Anomaly } from '../../model/analysis';
import type { LiveStore } from '../../store/live-store';
import type { HealingGauges } from '../../telemetry/healing-gauges';
import type { EventBus } from '../live/event-bus';

export interface MissingRunDeps {
  /** Every workflow's expected run now (HealingService.expectedRuns). */
  readonly expectedRuns: () => Promise<RunExpectation[]>;
  /** The drift test over the last week (HealingService.drift). */
  readonly drift: () => Promise<{ items: readonly ElementDrift[] }>;
  readonly live: { readonly store: LiveStore; readonly bus: EventBus };
  readonly gauges: HealingGauges;
  readonly now: () => number;
  readonly intervalMs: number;
  readonly onError: (error: unknown) => void;
}

const DRIFT_EVERY = 5;

export function createMissingRunMonitor(deps: MissingRunDeps) {
  const open = new Map<string, Anomaly>();
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<unknown> = Promise.resolve();
  let checks = 0;

  /** One check: opens and resolves anomalies, publishes the gauges; the expectations. */
  async function check(): Promise<RunExpectation[]> {
    const now = deps.now();
    const all = await deps.expectedRuns();
    const changed: Anomaly[] = [];
    const events: Array<['anomaly.opened' | 'anomaly.resolved', Anomaly]> = [];
    for (const e of all) {
      const current = open.get(e.workflow_id);
      if (e.missing && !current) {
        const anomaly = missingRunAnomaly(e, now);
        open.set(e.workflow_id, anomaly);
        changed.push(anomaly);
        events.push(['anomaly.opened', anomaly]);
      } else if (!e.missing && current) {
        const resolved: Anomaly = {
          ...current,
          status: 'resolved',
          resolved_at: now,
          ended_at: e.last_started_at ?? now,
        };
        open.delete(e.workflow_id);
        changed.push(resolved);
        events.push(['anomaly.resolved', resolved]);
      }
    }
    // No expectation any more (settings removed, history aged out): nothing is missing.
    const expected = new Set(all.map((e) => e.workflow_id));
    for (const [workflow, current] of open) {
      if (expected.has(workflow)) continue;
      const resolved: Anomaly = { ...current, status: 'resolved', resolved_at: now, ended_at: now };
      open.delete(workflow);
      changed.push(resolved);
      events.push(['anomaly.resolved', resolved]);
    }
    if (changed.length > 0)
      await deps.live.store.saveDetection({ states: [], anomalies: changed, incidents: [] });
    for (const [type, a] of events)
      deps.live.bus.publish(type, a as unknown as Record<string, unknown>, [a.workflow_id]);
    deps.gauges.publishExpectations(all);
    if (checks++ % DRIFT_EVERY === 0) await publishDrift();
    return all;
  }

  async function publishDrift(): Promise<void> {
    const drifts = (await deps.drift()).items;
    const counts = new Map<string, number>();
    for (const d of drifts) counts.set(d.workflow_id, (counts.get(d.workflow_id) ?? 0) + (d.flagged ? 1 : 0));
    deps.gauges.publishDrift(counts);
  }

  /** Runs checks one after another (a timer tick never overlaps a running check). */
  function runCheck(): Promise<RunExpectation[]> {
    const next = running.then(check);
    running = next.catch((error: unknown) => deps.onError(error));
    return next;
  }

  return {
    /** Reloads the open missing-run anomalies (a restart must resolve, not reopen, them), then checks periodically. */
    async start(): Promise<void> {
      const page = await deps.live.store.listAnomalies({ status: 'open', limit: 10_000 });
      for (const a of page.items) if (a.kind === 'missing_run') open.set(a.workflow_id, a);
      if (deps.intervalMs > 0) {
        timer = setInterval(() => void runCheck().catch(() => undefined), deps.intervalMs);
        timer.unref();
      }
    },
    check: runCheck,
    async stop(): Promise<void> {
      if (timer) clearInterval(timer);
      timer = null;
      await running;
    },
  };
}

export type MissingRunMonitor = ReturnType<typeof createMissingRunMonitor>;

function missingRunAnomaly(e: RunExpectation, now: number): Anomaly {
  const lateMinutes = (now - e.expected_at) / 60_000;
  const toleranceMinutes = e.tolerance_ms / 60_000;
  const cadence =
    e.source === 'cron'
      ? 'its schedule'
      : `its usual cadence (every ${Math.round((e.interval_ms ?? 0) / 60_000)} min)`;
  return {
    anomaly_id: contentId('anm', e.workflow_id, 'missing_run', String(e.expected_at)),
    workflow_id: e.workflow_id,
    metric_name: 'run_start',
    kind: 'missing_run',
    status: 'open',
    detected_at: now,
    resolved_at: null,
    severity: e.source === 'cron' ? 0.8 : 0.7,
    deviation: toleranceMinutes > 0 ? lateMinutes / toleranceMinutes : lateMinutes,
    baseline_value: toleranceMinutes,
    actual_value: lateMinutes,
    description: `${e.workflow_id}: the run expected at ${new Date(e.expected_at).toISOString()} by ${cadence} has not started (${Math.round(lateMinutes)} min late; tolerance ${Math.round(toleranceMinutes)} min).`,
    recommended_action:
      'Check the scheduler and the executor host of this workflow; the anomaly resolves when a run starts.',
    started_at: e.expected_at,
    ended_at: now,
    execution_ids: [],
  };
}
