/**
 * The store as ingestion writes it when analyzers share a cluster: a commit
 * is acknowledged only once its new rows are on the commit feed too, so the
 * owner of each workflow (whichever instance) judges every acknowledged row.
 * A crash between the insert and the feed append leaves the rows stored but
 * unjudged live (the exporter's retry finds them stored and adds nothing);
 * the periodic analysis still reads them.
 */
import type { Store } from '../store/store';
import { notifyingStore, workflowsOf, type WriteEvents } from '../store/write-events';
import type { ClusterCoordinator } from './cluster-coordinator';

export function feedingStore(store: Store, writes: WriteEvents, cluster: ClusterCoordinator): Store {
  return {
    ...notifyingStore(store, writes),
    async insert(batch) {
      const counts = await store.insert(batch);
      writes.notify(workflowsOf(batch));
      if (counts.fresh) await cluster.publish(counts.fresh);
      return counts;
    },
  };
}
