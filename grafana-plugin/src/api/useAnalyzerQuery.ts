import { useCallback, useEffect, useRef, useState } from 'react';

import { describeError, type ErrorDescription } from './describeError';

export type QueryState<T> =
  { status: 'loading' } | { status: 'error'; error: ErrorDescription } | { status: 'ready'; data: T };

interface Settled<T> {
  requestKey: string;
  key: string;
  state: QueryState<T>;
}

/**
 * Runs `load` whenever `key` changes (or on reload); stale answers are dropped.
 * The state is loading until the answer for the current request arrives.
 */
export function useAnalyzerQuery<T>(
  load: () => Promise<T>,
  key: string,
  /** On reload (same key), keep showing the last answer until the new one arrives (live refresh). */
  options: { keepOnReload?: boolean } = {}
): QueryState<T> & { reload: () => void } {
  const [settled, setSettled] = useState<Settled<T>>();
  const [attempt, setAttempt] = useState(0);
  const requestKey = `${key}#${attempt}`;
  // `load` is recreated on every render; `key` says when its inputs changed.
  const loadRef = useRef(load);
  useEffect(() => {
    loadRef.current = load;
  });

  useEffect(() => {
    let current = true;
    loadRef.current().then(
      (data) => current && setSettled({ requestKey, key, state: { status: 'ready', data } }),
      (error: unknown) =>
        current && setSettled({ requestKey, key, state: { status: 'error', error: describeError(error) } })
    );
    return () => {
      current = false;
    };
  }, [requestKey]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  const kept = options.keepOnReload && settled?.key === key && settled.state.status === 'ready';
  const state: QueryState<T> = settled?.requestKey === requestKey || kept ? settled!.state : { status: 'loading' };
  return { ...state, reload };
}
