/**
 * The live events (executions, anomalies, incidents) with a sequence id each,
 * kept in a ring so a client that reconnects with `Last-Event-ID` gets what
 * it missed, and fanned out to the stream subscribers as they are published.
 */

export type LiveEventType =
  | 'execution.started'
  | 'execution.progress'
  | 'execution.ended'
  | 'anomaly.opened'
  | 'anomaly.resolved'
  | 'incident.opened'
  | 'incident.resolved';

export interface LiveEvent {
  readonly id: number;
  readonly type: LiveEventType;
  /** The workflows it concerns (filters). */
  readonly workflowIds: readonly string[];
  /** Events with the same key replace each other while waiting to be sent (progress of one execution). */
  readonly coalesceKey: string | null;
  readonly data: Readonly<Record<string, unknown>>;
  /** When it was published (ms). */
  readonly at: number;
}

export type LiveListener = (event: LiveEvent) => void;

export class EventBus {
  private readonly ring: LiveEvent[] = [];
  private readonly listeners = new Set<LiveListener>();
  private nextId = 1;

  constructor(private readonly capacity = 10_000) {}

  get lastId(): number {
    return this.nextId - 1;
  }

  publish(
    type: LiveEventType,
    data: Readonly<Record<string, unknown>>,
    workflowIds: readonly string[],
    coalesceKey: string | null = null,
  ): LiveEvent {
    const event: LiveEvent = { id: this.nextId++, type, data, workflowIds, coalesceKey, at: Date.now() };
    this.ring.push(event);
    if (this.ring.length > this.capacity) this.ring.splice(0, this.ring.length - this.capacity);
    for (const listener of this.listeners) listener(event);
    return event;
  }

  /**
   * Events after `lastId`, oldest first; null when some of them have left
   * the ring (the client must reload instead of trusting the replay).
   */
  since(lastId: number): LiveEvent[] | null {
    if (lastId >= this.lastId) return [];
    const first = this.ring[0];
    if (!first || first.id > lastId + 1) return null;
    return this.ring.slice(lastId + 1 - first.id);
  }

  subscribe(listener: LiveListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
