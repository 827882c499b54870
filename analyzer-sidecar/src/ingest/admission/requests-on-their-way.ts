/**
 * Admitted requests not yet handed to the writer (their bodies being read or
 * decoded). The writer's flush timer waits to group requests into one commit;
 * once none is on its way there is nothing left to wait for, and the commit
 * can start at once instead of at the timer.
 */
export class RequestsOnTheirWay {
  private count = 0;

  constructor(private readonly whenNoneLeft: () => void) {}

  get size(): number {
    return this.count;
  }

  /** One more on its way; call the returned function (once is enough) when it was handed over or gave up. */
  arrive(): () => void {
    this.count++;
    let left = false;
    return () => {
      if (left) return;
      left = true;
      this.count--;
      if (this.count === 0) this.whenNoneLeft();
    };
  }
}
