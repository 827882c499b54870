/**
 * A small LRU cache for the query engine. Each entry is tagged with the
 * workflows its answer depends on (or with all of them), so new data for a
 * workflow invalidates exactly the answers it could change.
 */
export const ALL_WORKFLOWS = '*';

interface Entry<V> {
  value: V;
  workflows: ReadonlySet<string>;
}

export class QueryCache<V> {
  private readonly entries = new Map<string, Entry<V>>();

  constructor(private readonly capacity = 100) {
    if (!Number.isInteger(capacity) || capacity < 1)
      throw new RangeError(`cache capacity must be a positive integer, got ${capacity}`);
  }

  get size(): number {
    return this.entries.size;
  }

  /** The cached value, now the most recently used; undefined when absent. */
  get(key: string): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.value;
  }

  /** `workflows` the answer depends on; empty or omitted means every workflow. */
  set(key: string, value: V, workflows: readonly string[] = []): void {
    this.entries.delete(key);
    this.entries.set(key, { value, workflows: new Set(workflows.length ? workflows : [ALL_WORKFLOWS]) });
    while (this.entries.size > this.capacity) {
      this.entries.delete(this.entries.keys().next().value as string);
    }
  }

  /** Drops every answer that depends on the workflow; returns how many. */
  invalidateWorkflow(workflowId: string): number {
    let dropped = 0;
    for (const [key, entry] of this.entries) {
      if (entry.workflows.has(workflowId) || entry.workflows.has(ALL_WORKFLOWS)) {
        this.entries.delete(key);
        dropped += 1;
      }
    }
    return dropped;
  }

  clear(): void {
    this.entries.clear();
  }
}
