/**
 * Tells listeners which workflows a committed write touched, so cached
 * answers about them can be dropped. `notifyingStore` wraps a Store's insert.
 */
import type { RecordBatch } from '../model/records';
import type { Store } from './store';

export type WriteListener = (workflowIds: ReadonlySet<string>) => void;
/** The rows a commit added (live analysis judges them). */
export type CommitListener = (fresh: RecordBatch) => void;

export class WriteEvents {
  private readonly listeners: WriteListener[] = [];
  private readonly commitListeners: CommitListener[] = [];
  private readonly removalListeners: (() => void)[] = [];

  subscribe(listener: WriteListener): void {
    this.listeners.push(listener);
  }

  /** Rows left the hot store or the archive (retention): every cached answer may be stale. */
  subscribeRemovals(listener: () => void): void {
    this.removalListeners.push(listener);
  }

  notifyRemoval(): void {
    for (const listener of this.removalListeners) listener();
  }

  subscribeCommits(listener: CommitListener): void {
    this.commitListeners.push(listener);
  }

  notifyCommit(fresh: RecordBatch): void {
    for (const listener of this.commitListeners) listener(fresh);
  }

  notify(workflowIds: ReadonlySet<string>): void {
    if (workflowIds.size === 0) return;
    for (const listener of this.listeners) listener(workflowIds);
  }
}

export function workflowsOf(batch: RecordBatch): Set<string> {
  const ids = new Set<string>();
  for (const e of batch.executions) ids.add(e.workflow_id);
  for (const s of batch.steps) ids.add(s.workflow_id);
  for (const r of batch.recoveries) ids.add(r.workflow_id);
  for (const r of batch.resources) if (r.workflow_id !== null) ids.add(r.workflow_id);
  return ids;
}

/** The same store, whose committed inserts are announced on `events`. */
export function notifyingStore(store: Store, events: WriteEvents): Store {
  return {
    async insert(batch) {
      const counts = await store.insert(batch);
      events.notify(workflowsOf(batch));
      if (counts.fresh) events.notifyCommit(counts.fresh);
      return counts;
    },
    listExecutions: (filter, limit, cursor) => store.listExecutions(filter, limit, cursor),
    stepsOf: (ids, actionType) => store.stepsOf(ids, actionType),
    queryRange: (query) => store.queryRange(query),
    aggregate: (query) => store.aggregate(query),
    durationSummaries: (filter) => store.durationSummaries(filter),
    successRates: (filter) => store.successRates(filter),
    nodeSummaries: (filter, statuses) => store.nodeSummaries(filter, statuses),
    rowCounts: () => store.rowCounts(),
    close: () => store.close(),
  };
}
