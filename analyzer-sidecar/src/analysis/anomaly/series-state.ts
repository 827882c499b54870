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

/** Index of the first element of `sorted` not below `x`. */
function lowerBound(sorted: readonly number[], x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as number) < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The learned history in ascending order, kept beside it as it changes so a
 * refit needs no sort. Not enumerable: it is not stored (rebuilt on first use
 * after a load).
 */
export function sortedHistory(state: SeriesState): number[] {
  const own = Object.getOwnPropertyDescriptor(state, 'sorted')?.value as number[] | undefined;
  if (own) return own;
  const sorted = Array.from(Float64Array.from(state.history).sort());
  Object.defineProperty(state, 'sorted', {
    value: sorted,
    writable: true,
    enumerable: false,
    configurable: true,
  });
  return sorted;
}

/** Learns one value; past `max` values the oldest is forgotten. */
export function addToHistory(state: SeriesState, watched: number, max: number): void {
  const sorted = sortedHistory(state);
  state.history.push(watched);
  sorted.splice(lowerBound(sorted, watched), 0, watched);
  while (state.history.length > max) {
    const oldest = state.history.shift() as number;
    sorted.splice(lowerBound(sorted, oldest), 1);
  }
}

export function replaceHistory(state: SeriesState, values: number[]): void {
  state.history = values;
  Object.defineProperty(state, 'sorted', {
    value: Array.from(Float64Array.from(values).sort()),
    writable: true,
    enumerable: false,
    configurable: true,
  });
}
