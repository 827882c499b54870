import { useEffect, useMemo, useState } from 'react';
import { lastValueFrom } from 'rxjs';
import { getBackendSrv } from '@grafana/runtime';

import type { Host, Role } from '../api/HostContext';

const ROLES: readonly Role[] = ['viewer', 'editor', 'admin'];

/** The role of the /ui session (`GET /ui/session`); until it answers, or if it fails, the page acts as a viewer's. */
export function useSessionHost(apiBase: string): Host {
  const [role, setRole] = useState<Role>();
  useEffect(() => {
    let current = true;
    lastValueFrom(getBackendSrv().fetch<{ role?: string }>({ url: `${apiBase}/ui/session`, showErrorAlert: false }))
      .then((response) => {
        const answered = response.data?.role as Role | undefined;
        if (current && answered !== undefined && ROLES.includes(answered)) {
          setRole(answered);
        }
      })
      .catch(() => undefined);
    return () => {
      current = false;
    };
  }, [apiBase]);
  // Share links are served by this same analyzer: `/shared/<token>` resolves against the page's origin.
  return useMemo(
    () => ({ kind: 'standalone', role, analyzerUrl: `${window.location.origin}${apiBase}` }),
    [role, apiBase]
  );
}
