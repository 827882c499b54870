/**
 * Waits for `work` at most `ms`: true when it settled in time (resolved or
 * rejected), false when the time ran out first; `work` goes on unawaited
 * after a timeout. The timer keeps the process alive while it waits: the
 * exports' own sockets and timers do not (see `UnrefHttpTransport`), so a
 * flush before exit lasts until it is done or the time is up, never longer.
 */
export async function settlesWithin(work: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  const settled = work.then(
    () => true as const,
    () => true as const,
  );
  try {
    return await Promise.race([settled, timedOut]);
  } finally {
    clearTimeout(timer);
  }
}
