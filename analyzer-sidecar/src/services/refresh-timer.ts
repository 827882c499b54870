/** Runs `work` every `everyMs` (never overlapping; the next run is scheduled after one ends). */
export interface RefreshTimer {
  start(): void;
  /** Stops scheduling and waits for a run in progress. */
  stop(): Promise<void>;
}

export function createRefreshTimer(
  work: () => Promise<unknown>,
  everyMs: number,
  onError: (error: unknown) => void,
): RefreshTimer {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();
  const tick = () => {
    running = work()
      .catch(onError)
      .finally(() => {
        if (timer) timer = setTimeout(tick, everyMs).unref();
      });
  };
  return {
    start() {
      if (everyMs <= 0 || timer) return;
      timer = setTimeout(tick, 0).unref();
    },
    async stop() {
      if (timer) clearTimeout(timer);
      timer = undefined;
      await running;
    },
  };
}
