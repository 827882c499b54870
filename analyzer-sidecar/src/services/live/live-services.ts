/**
 * Live analysis wired over a store: every commit's new rows move the
 * execution tracker and go to detection; what changes is published on the
 * event bus (the stream routes and the Alertmanager push read it).
 */
import type { Anomaly, Incident } from '../../model/analysis';
import type { RecordBatch } from '../../model/records';
import type { LiveStore } from '../../store/live-store';
import type { WriteEvents } from '../../store/write-events';
import { EventBus } from './event-bus';
import { ExecutionTracker, type LiveExecution } from './execution-tracker';
import { createLiveDetection, type DetectionOutcome, type LiveDetectionOptions } from './live-detection';

/** Committed rows as they reach this instance: its own commits, or (analyzers sharing a cluster) every instance's. */
export type CommitSource = (listener: (fresh: RecordBatch) => void) => void;

export interface LiveServiceOptions {
  store: LiveStore;
  writes: WriteEvents;
  /** Where committed rows come from; default: this instance's own commits (`writes`). */
  commits?: CommitSource;
  /** Whether this instance judges a workflow's rows (one instance per workflow in a cluster); default: all. */
  judges?: (workflowId: string) => boolean;
  now: () => number;
  onError: (error: unknown) => void;
  detection?: Pick<LiveDetectionOptions, 'detector' | 'incidentWindowMs' | 'stateSaveIntervalMs' | 'onPass'>;
}

export function createLiveServices(options: LiveServiceOptions) {
  const bus = new EventBus();
  const tracker = new ExecutionTracker();
  const publishAnomaly = (type: 'anomaly.opened' | 'anomaly.resolved', a: Anomaly) =>
    bus.publish(type, a as unknown as Record<string, unknown>, [a.workflow_id]);
  const publishIncident = (type: 'incident.opened' | 'incident.resolved', i: Incident) =>
    bus.publish(type, i as unknown as Record<string, unknown>, i.workflow_ids);
  const onOutcome = (outcome: DetectionOutcome) => {
    for (const { change, anomaly } of outcome.changes) {
      if (change === 'opened') publishAnomaly('anomaly.opened', anomaly);
      if (change === 'resolved') publishAnomaly('anomaly.resolved', anomaly);
    }
    for (const i of outcome.incidentsOpened) publishIncident('incident.opened', i);
    for (const i of outcome.incidentsResolved) publishIncident('incident.resolved', i);
  };
  const detection = createLiveDetection({
    store: options.store,
    now: options.now,
    onOutcome,
    onError: options.onError,
    ...options.detection,
  });
  const commits: CommitSource = options.commits ?? ((listener) => options.writes.subscribeCommits(listener));
  const judges = options.judges;
  commits((fresh) => {
    for (const { type, execution } of tracker.apply(fresh, options.now())) {
      const coalesce = type === 'execution.progress' ? `progress:${execution.execution_id}` : null;
      bus.publish(
        type,
        { ...execution } as unknown as Record<string, unknown>,
        [execution.workflow_id],
        coalesce,
      );
    }
    detection.submit(judges ? judgedPart(fresh, judges) : fresh);
  });
  let reseeding: Promise<void> = Promise.resolve();
  options.writes.subscribeRemovals(() => {
    reseeding = options.store.runningExecutions().then((running) => tracker.reseed(running), options.onError);
  });
  return {
    bus,
    tracker,
    detection,
    store: options.store,
    async start(): Promise<void> {
      await detection.start();
      tracker.seed(await options.store.runningExecutions());
    },
    stop: () => detection.stop(),
    /** Every committed row judged and stored (tests, and the snapshot before it reads anomalies). */
    idle: async () => {
      await detection.idle();
      await reseeding;
    },
    running: (workflowIds?: readonly string[]): LiveExecution[] =>
      tracker.running(workflowIds && workflowIds.length > 0 ? new Set(workflowIds) : undefined),
  };
}

export type LiveServices = ReturnType<typeof createLiveServices>;

/** The rows of the workflows this instance judges. */
function judgedPart(batch: RecordBatch, judges: (workflowId: string) => boolean): RecordBatch {
  return {
    executions: batch.executions.filter((e) => judges(e.workflow_id)),
    steps: batch.steps.filter((s) => judges(s.workflow_id)),
    recoveries: batch.recoveries.filter((r) => judges(r.workflow_id)),
    resources: batch.resources.filter((r) => r.workflow_id !== null && judges(r.workflow_id)),
  };
}
