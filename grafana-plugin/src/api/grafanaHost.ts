import { config } from '@grafana/runtime';

import { roleOfGrafanaUser, type Host } from './HostContext';

/**
 * The host inside Grafana: the signed-in user's org role from the boot data, and the
 * analyzer's address from the app settings. Only Grafana's entry (module.tsx) imports
 * this: @grafana/runtime's config logs an error when loaded outside Grafana (/ui).
 */
export function grafanaHost(jsonData: { analyzerUrl?: string } | undefined): Host {
  return { kind: 'grafana', role: roleOfGrafanaUser(config.bootData?.user), analyzerUrl: jsonData?.analyzerUrl };
}
