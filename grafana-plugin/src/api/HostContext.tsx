import React, { createContext, useContext, type ReactNode } from 'react';
import { usePluginContext, type KeyValue } from '@grafana/data';
import { config } from '@grafana/runtime';

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

const HostContext = createContext<Host | undefined>(undefined);

/** Set by the standalone page; inside Grafana there is none and the runtime's boot data answers. */
export function HostProvider({ host, children }: { host: Host; children: ReactNode }) {
  return <HostContext.Provider value={host}>{children}</HostContext.Provider>;
}

export function useHost(): Host {
  const provided = useContext(HostContext);
  const plugin = usePluginContext<KeyValue<string | undefined>>();
  if (provided) {
    return provided;
  }
  // Read at render, not at import: outside Grafana the runtime's config has no boot data.
  return {
    kind: 'grafana',
    role: roleOfGrafanaUser(config.bootData?.user),
    analyzerUrl: plugin?.meta.jsonData?.analyzerUrl,
  };
}
