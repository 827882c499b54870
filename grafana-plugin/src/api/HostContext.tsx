import React, { createContext, useContext, type ReactNode } from 'react';

/** The analyzer's roles (its tokens carry one); Grafana's org roles map onto them. */
export type Role = 'viewer' | 'editor' | 'admin';

/** Where the pages run and who looks at them. */
export interface Host {
  /** Grafana offers its own APIs (dashboards); the analyzer's /ui does not. */
  kind: 'grafana' | 'standalone';
  /** Unknown (still loading, or no session) counts as viewer. */
  role: Role | undefined;
  /** Base that the analyzer's `/shared/<token>` paths resolve against. */
  analyzerUrl: string | undefined;
}

/** Grafana's org role → the analyzer role whose token its proxy route sends (plugin.json `reqRole`). */
export function roleOfGrafanaUser(user: { orgRole?: string; isGrafanaAdmin?: boolean } | undefined): Role {
  if (user?.orgRole === 'Admin' || user?.isGrafanaAdmin) {
    return 'admin';
  }
  return user?.orgRole === 'Editor' ? 'editor' : 'viewer';
}

/** Editors and admins create share links and dashboards; viewers only export. */
export function canEdit(role: Role | undefined): boolean {
  return role === 'editor' || role === 'admin';
}

/** Without a provider (a page rendered alone): Grafana, role unknown, so viewer actions only. */
const HostContext = createContext<Host>({ kind: 'grafana', role: undefined, analyzerUrl: undefined });

/** Set by the app's root in Grafana (grafanaHost) and by the standalone page (its /ui session). */
export function HostProvider({ host, children }: { host: Host; children: ReactNode }) {
  return <HostContext.Provider value={host}>{children}</HostContext.Provider>;
}

export function useHost(): Host {
  return useContext(HostContext);
}
