/**
 * One stream subscriber's outbox: events matching its filter wait here until
 * the transport can take them; a progress event replaces the waiting one of
 * the same execution (coalescing), so a slow client gets the latest progress,
 * never a backlog of stale ones. Nothing is delayed: the outbox drains on
 * the next tick, or as soon as the transport has room again.
 */
import type { LiveEvent } from '../services/live/event-bus';

export interface Transport {
  /** Sends one event; false when the transport is full (then `onReady` is awaited). */
  send(event: LiveEvent): boolean;
  /** Calls `resume` once when there is room again. */
  onReady(resume: () => void): void;
}

interface Slot {
  event: LiveEvent | null;
}

export class StreamClient {
  private readonly outbox: Slot[] = [];
  /** The waiting slot of each coalescing key; a newer event empties it and queues at the end (ids stay in order). */
  private readonly waiting = new Map<string, Slot>();
  private scheduled = false;
  private blocked = false;
  private closed = false;

  constructor(
    private readonly transport: Transport,
    private readonly workflowIds: ReadonlySet<string> | null,
  ) {}

  accepts(event: LiveEvent): boolean {
    const ids = this.workflowIds;
    return !ids || event.workflowIds.some((id) => ids.has(id));
  }

  push(event: LiveEvent): void {
    if (this.closed || !this.accepts(event)) return;
    const slot: Slot = { event };
    const key = event.coalesceKey;
    if (key !== null) {
      const earlier = this.waiting.get(key);
      if (earlier) earlier.event = null;
      this.waiting.set(key, slot);
    }
    this.outbox.push(slot);
    this.schedule();
  }

  close(): void {
    this.closed = true;
    this.outbox.length = 0;
    this.waiting.clear();
  }

  private schedule(): void {
    if (this.scheduled || this.blocked || this.closed) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.drain();
    });
  }

  private drain(): void {
    while (!this.closed && this.outbox.length > 0) {
      const slot = this.outbox.shift() as Slot;
      const event = slot.event;
      if (!event) continue;
      if (event.coalesceKey !== null && this.waiting.get(event.coalesceKey) === slot)
        this.waiting.delete(event.coalesceKey);
      if (!this.transport.send(event)) {
        this.blocked = true;
        this.transport.onReady(() => {
          this.blocked = false;
          this.schedule();
        });
        return;
      }
    }
  }
}
