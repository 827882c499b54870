import { useCallback, useEffect, useRef, useState } from 'react';

import { describeError, type ErrorDescription } from './describeError';

export type QueryState<T> =
  { status: 'loading' } | { status: 'error'; error: ErrorDescription } | { status: 'ready'; data: T };

/** Runs `load` whenever `key` changes; stale answers are dropped. */
export function useAnalyzerQuery<T>(load: () => Promise<T>, key: string): QueryState<T> & { reload: () => void } {
  const [state, setState] = useState<QueryState<T>>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  // `load` is recreated on every render; `key` says when its inputs changed.
  const loadRef = useRef(load);
  loadRef.current = load;

  useEffect(() => {
    let current = true;
    setState({ status: 'loading' });
    loadRef.current().then(
      (data) => current && setState({ status: 'ready', data }),
      (error: unknown) => current && setState({ status: 'error', error: describeError(error) })
    );
    return () => {
      current = false;
    };
  }, [key, attempt]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  return { ...state, reload };
}
