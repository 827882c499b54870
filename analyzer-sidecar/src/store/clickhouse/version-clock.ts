/**
 * Versions of the small shared tables on the router (live state, settings,
 * implementations, schedules, share links) and the delivery log's sequence: a
 * hybrid clock of microsecond-sized ticks (epoch ms × 1000 plus a counter),
 * so values from different analyzer instances order by wall time, and one
 * instance's values strictly increase even within a millisecond or when its
 * clock steps back. A writer also passes the latest value it read
 * (`after`), so a row it writes orders after every row it has seen, whatever
 * the other instances' clocks say. Ticks stay exact doubles until 2255.
 */
export class VersionClock {
  private last = 0;

  constructor(private readonly now: () => number = Date.now) {}

  /** A value above every one this clock gave and above `after`. */
  next(after = 0): number {
    const value = Math.max(Math.trunc(this.now()) * 1000, this.last + 1, after + 1);
    this.last = value;
    return value;
  }
}
