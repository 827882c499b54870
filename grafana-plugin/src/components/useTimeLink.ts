import { useCallback } from 'react';
import { useSearchParams } from 'react-router-dom';

import { buildQueryString } from '../api/filters';
import type { ROUTES } from '../constants';

/** Links between app pages keep the time range. Relative to the app root, so they work in Grafana and standalone. */
export function useTimeLink() {
  const [params] = useSearchParams();
  return useCallback(
    (route: ROUTES, extra: Record<string, string> = {}) =>
      `../${route}${buildQueryString({ from: params.get('from'), to: params.get('to'), ...extra })}`,
    [params]
  );
}
