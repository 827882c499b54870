/**
 * Runs one piece of work at a time, in call order: ClickHouse has no
 * transactions, so a read-then-write change (a compare-and-set, a version
 * after the latest) is only atomic against this instance's other changes.
 * A failed change does not stop the ones queued after it.
 */
export class SerialWriter {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(work: () => Promise<T>): Promise<T> {
    const result = this.tail.then(work);
    this.tail = result.catch(() => undefined);
    return result;
  }
}
