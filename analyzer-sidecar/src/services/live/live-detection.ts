/**
 * Detection on commit: each committed batch's new rows are judged against the
 * stored state of their series (event time, incremental), the anomalies that
 * opened, grew or resolved are stored with the incidents they form, and the
 * openings and resolutions are published. One pass at a time; batches that
 * commit meanwhile are judged together in the next pass. Series states are
 * written with the anomalies, at most every `stateSaveIntervalMs` (and on stop).
 */
import { type AnomalyChange, observeSeries } from '../../analysis/anomaly/detector';
import {
  type DetectorOptions,
  resolveOptions,
  type SeriesOptions,
} from '../../analysis/anomaly/detector-options';
import { buildMetricSeries, type MetricKind } from '../../analysis/anomaly/metric-series';
import { createSeriesState, type SeriesState } from '../../analysis/anomaly/series-state';
import { trackIncidents } from '../../analysis/anomaly/track-incidents';
import type { Anomaly, Incident } from '../../model/analysis';
import { emptyBatch, type RecordBatch, RECORD_TYPES } from '../../model/records';
import type { LiveStore } from '../../store/live-store';

export interface DetectionOutcome {
  changes: AnomalyChange[];
  incidentsOpened: Incident[];
  incidentsResolved: Incident[];
}

export interface LiveDetectionOptions {
  store: LiveStore;
  now: () => number;
  onOutcome: (outcome: DetectionOutcome) => void;
  onError: (error: unknown) => void;
  /** Seconds one pass took (judging, correlating, storing). */
  onPass?: (seconds: number) => void;
  detector?: Omit<DetectorOptions, 'now'>;
  /** Correlation window of incidents; default 30 min. */
  incidentWindowMs?: number;
  stateSaveIntervalMs?: number;
}

const key = (s: Pick<SeriesState, 'workflow_id' | 'metric_name'>) => `${s.workflow_id}\u0000${s.metric_name}`;

export function createLiveDetection(options: LiveDetectionOptions) {
  const states = new Map<string, SeriesState>();
  const dirty = new Map<string, SeriesState>();
  const cfg: Record<MetricKind, SeriesOptions> = {
    continuous: resolveOptions('continuous', { now: 0, ...options.detector }),
    rate: resolveOptions('rate', { now: 0, ...options.detector }),
  };
  const windowMs = options.incidentWindowMs ?? 30 * 60_000;
  const saveEveryMs = options.stateSaveIntervalMs ?? 1000;
  let pending = emptyBatch();
  let hasPending = false;
  let running: Promise<void> | null = null;
  let lastSave = 0;

  /**
   * `resuming`: rows replayed after taking a workflow over from another
   * instance; what its stored state already saw (up to lastAt) is skipped.
   */
  function judge(batch: RecordBatch, now: number, resuming = false): AnomalyChange[] {
    const finished = batch.executions.filter((e) => e.status !== 'running');
    const changes: AnomalyChange[] = [];
    for (const series of buildMetricSeries(finished, batch.steps)) {
      const k = key(series);
      let state = states.get(k);
      const seenUpTo = resuming && state ? state.lastAt : -Infinity;
      const observations = series.observations.filter((o) => o.timestamp > seenUpTo);
      if (observations.length === 0) continue;
      if (!state) states.set(k, (state = createSeriesState(series)));
      changes.push(...observeSeries(state, observations, cfg[series.kind], now));
      dirty.set(k, state);
    }
    return changes;
  }

  async function correlate(anomalies: readonly Anomaly[], now: number) {
    if (anomalies.length === 0) return { changed: [], opened: [], resolved: [] };
    const from = Math.min(...anomalies.map((a) => a.started_at)) - windowMs;
    const to = Math.max(...anomalies.map((a) => a.ended_at)) + windowMs + 1;
    const [stored, known] = await Promise.all([
      options.store.anomaliesOverlapping(from, to),
      options.store.incidentsOverlapping(from, to),
    ]);
    const merged = new Map(stored.map((a) => [a.anomaly_id, a]));
    for (const a of anomalies) merged.set(a.anomaly_id, a);
    return trackIncidents(known, [...merged.values()], now, { windowMs });
  }

  async function pass(batch: RecordBatch, resuming = false): Promise<void> {
    const started = process.hrtime.bigint();
    const now = options.now();
    const changes = judge(batch, now, resuming);
    const anomalies = changes.map((c) => c.anomaly);
    const incidents = await correlate(anomalies, now);
    const saveStates = now - lastSave >= saveEveryMs;
    if (anomalies.length > 0 || incidents.changed.length > 0 || saveStates) {
      const written = saveStates ? [...dirty.values()] : [];
      await options.store.saveDetection({ states: written, anomalies, incidents: incidents.changed });
      if (saveStates) {
        dirty.clear();
        lastSave = now;
      }
    }
    options.onPass?.(Number(process.hrtime.bigint() - started) / 1e9);
    options.onOutcome({ changes, incidentsOpened: incidents.opened, incidentsResolved: incidents.resolved });
  }

  function drain(): void {
    if (running || !hasPending) return;
    const batch = pending;
    pending = emptyBatch();
    hasPending = false;
    running = pass(batch)
      .catch(options.onError)
      .finally(() => {
        running = null;
        drain();
      });
  }

  return {
    async start(): Promise<void> {
      for (const state of await options.store.loadSeriesStates()) states.set(key(state), state);
    },
    /** Judges a committed batch's new rows (soon, in order). */
    submit(batch: RecordBatch): void {
      for (const type of RECORD_TYPES) for (const row of batch[type]) (pending[type] as unknown[]).push(row);
      hasPending = true;
      drain();
    },
    /** Resolves once every submitted batch is judged and stored. */
    async idle(): Promise<void> {
      while (running || hasPending) {
        drain();
        await running;
      }
    },
    /**
     * Starts judging workflows another instance judged until now: their
     * states as it last stored them, then `replay` (recent rows of theirs)
     * from where those states stopped.
     */
    async takeOver(workflowIds: ReadonlySet<string>, replay: RecordBatch): Promise<void> {
      do await this.idle();
      while (running); // a pass another caller started in between
      const work = (async () => {
        for (const state of await options.store.loadSeriesStates()) {
          if (workflowIds.has(state.workflow_id)) states.set(key(state), state);
        }
        await pass(replay, true);
      })();
      running = work.catch(options.onError).finally(() => {
        running = null;
        drain();
      });
      await running;
    },
    /** Stops judging workflows another instance now owns: stores their states for it and forgets them. */
    async release(workflowIds: ReadonlySet<string>): Promise<void> {
      do await this.idle();
      while (running);
      const leaving = [...states.entries()].filter(([, state]) => workflowIds.has(state.workflow_id));
      const unsaved = leaving.filter(([k]) => dirty.has(k)).map(([, state]) => state);
      for (const [k] of leaving) {
        states.delete(k);
        dirty.delete(k);
      }
      if (unsaved.length > 0)
        await options.store.saveDetection({ states: unsaved, anomalies: [], incidents: [] });
    },
    /** Waits for the passes, then stores every state not yet stored. */
    async stop(): Promise<void> {
      await this.idle();
      if (dirty.size > 0) {
        await options.store.saveDetection({ states: [...dirty.values()], anomalies: [], incidents: [] });
        dirty.clear();
      }
    },
    get seriesCount(): number {
      return states.size;
    },
  };
}

export type LiveDetection = ReturnType<typeof createLiveDetection>;
