/**
 * One store query at a time from the analysis services. The DuckDB backend
 * hands out a few shared read connections; many queries issued at once (an
 * analysis pass fans out, requests and the refresh timer overlap) would run
 * concurrently on one connection and can stall the libuv pool the driver runs
 * on. Queued, they run one after another.
 */
export class QueryQueue {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(work: () => Promise<T>): Promise<T> {
    const result = this.tail.then(work);
    this.tail = result.catch(() => undefined);
    return result;
  }
}

/** The same object, each method call queued on `queue`. */
export function queued<T extends object>(target: T, queue: QueryQueue): T {
  return new Proxy(target, {
    get(object, property) {
      const value: unknown = Reflect.get(object, property);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) =>
        queue.run(() => (value as (...a: unknown[]) => Promise<unknown>).apply(object, args));
    },
  });
}
