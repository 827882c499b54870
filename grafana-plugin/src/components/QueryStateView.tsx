import React, { type ReactNode } from 'react';
import { Alert, Button, EmptyState, LoadingPlaceholder } from '@grafana/ui';

import type { QueryState } from '../api/useAnalyzerQuery';
import { testIds } from '../testIds';

interface Props<T> {
  state: QueryState<T> & { reload?: () => void };
  /** True when the data holds nothing to show. */
  isEmpty?: (data: T) => boolean;
  emptyMessage: string;
  /** What to do about an empty result. */
  emptyHint: ReactNode;
  children: (data: T) => ReactNode;
}

/** Loading, error (with what to do) and empty states around a page's or section's content. */
export function QueryStateView<T>({ state, isEmpty, emptyMessage, emptyHint, children }: Props<T>) {
  if (state.status === 'loading') {
    return (
      <div data-testid={testIds.state.loading}>
        <LoadingPlaceholder text="Loading from the analyzer…" />
      </div>
    );
  }
  if (state.status === 'error') {
    return (
      <div data-testid={testIds.state.error}>
        <Alert severity="error" title={state.error.title}>
          <p>{state.error.hint}</p>
          {state.reload && (
            <Button size="sm" variant="secondary" icon="sync" onClick={state.reload}>
              Retry
            </Button>
          )}
        </Alert>
      </div>
    );
  }
  if (isEmpty?.(state.data)) {
    return (
      <div data-testid={testIds.state.empty}>
        <EmptyState variant="not-found" message={emptyMessage} hideImage>
          {emptyHint}
        </EmptyState>
      </div>
    );
  }
  return <>{children(state.data)}</>;
}
