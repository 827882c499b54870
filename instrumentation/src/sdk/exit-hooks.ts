const SIGNALS = ['SIGTERM', 'SIGINT'] as const;

/**
 * Flushes before the process exits: on `beforeExit` (the event loop ran dry)
 * and, when `onSignals`, on SIGTERM and SIGINT. After a signal's flush, the
 * signal is raised again if nothing else listens to it, so that the process
 * ends as it would have without this package; a host with its own signal
 * handler keeps deciding when to exit (and may `await rpa.shutdown()`, which
 * joins the flush under way). Returns the function that removes the hooks.
 */
export function installExitHooks(flush: () => Promise<void>, onSignals: boolean): () => void {
  const remove = (): void => {
    process.off('beforeExit', onBeforeExit);
    for (const signal of SIGNALS) process.off(signal, onSignal);
  };
  const onBeforeExit = (): void => {
    remove();
    void flush();
  };
  const onSignal = (signal: NodeJS.Signals): void => {
    remove();
    // First to run (prepended): the executor's own `once` listeners have not removed themselves yet.
    const alone = process.listenerCount(signal) === 0;
    void flush().finally(() => {
      if (alone) process.kill(process.pid, signal);
    });
  };
  process.on('beforeExit', onBeforeExit);
  if (onSignals) for (const signal of SIGNALS) process.prependListener(signal, onSignal);
  return remove;
}
