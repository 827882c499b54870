/**
 * The detector's state of one series, as plain data: the baseline, the
 * learned history it is refitted from, the last window of observations and
 * the open episodes. Detection carries it from one commit to the next (and
 * across restarts, stored as JSON), so each observation is judged once, in
 * event time, and the cost grows with new data only.
 */
import type { Baseline } from './baseline';
import type { Episode, WatchedObservation } from './episode';
import type { MetricKind } from './metric-series';

export interface SeriesState {
  workflow_id: string;
  metric_name: string;
  kind: MetricKind;
  baseline: Baseline | null;
  /** Watched values learned (normal observations only), the newest last. */
  history: number[];
  /** The last `window` observations. */
  window: WatchedObservation[];
  /** Open collective episode (a window moved). */
  episode: Episode | null;
  /** Open point episode (single extreme observations). */
  point: Episode | null;
  sinceRefit: number;
  /** Observations judged so far. */
  observed: number;
  /** Latest data time seen. */
  lastAt: number;
}

export function createSeriesState(
  head: Pick<SeriesState, 'workflow_id' | 'metric_name' | 'kind'>,
  baseline: Baseline | null = null,
): SeriesState {
  return {
    workflow_id: head.workflow_id,
    metric_name: head.metric_name,
    kind: head.kind,
    baseline,
    history: [],
    window: [],
    episode: null,
    point: null,
    sinceRefit: 0,
    observed: 0,
    lastAt: 0,
  };
}
