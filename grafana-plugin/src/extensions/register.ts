import { type AppPlugin, PluginExtensionPoints } from '@grafana/data';

import {
  explorePath,
  OPEN_IN_APP_TITLE,
  panelMenuPath,
  traceViewPath,
  type ExploreContext,
  type PanelMenuContext,
  type TraceViewContext,
} from './openInApp';
import { PLUGIN_BASE_URL, ROUTES } from '../constants';
import { WORKFLOW_INSIGHTS_ID, WORKFLOW_INSIGHTS_TITLE, WorkflowInsights } from './WorkflowInsights';

const DESCRIPTION = 'Open the RPA analyzer’s view of these workflows for the same time range';
/** Grafana requires a path at registration; `configure` replaces it per context (or hides the link). */
const FALLBACK_PATH = `${PLUGIN_BASE_URL}/${ROUTES.Overview}`;

/**
 * The app's UI extensions. Each is also declared in plugin.json's `extensions` (Grafana
 * ignores undeclared ones); `interpolate` resolves `$workflow` on the panel's dashboard.
 */
export function registerExtensions<T extends object>(
  plugin: AppPlugin<T>,
  interpolate?: (value: string) => string
): AppPlugin<T> {
  return plugin
    .addLink<PanelMenuContext>({
      title: OPEN_IN_APP_TITLE,
      description: DESCRIPTION,
      targets: [PluginExtensionPoints.DashboardPanelMenu],
      icon: 'external-link-alt',
      path: FALLBACK_PATH,
      configure: (context) => {
        const path = panelMenuPath(context, interpolate);
        return path ? { path } : undefined;
      },
    })
    .addLink<ExploreContext>({
      title: OPEN_IN_APP_TITLE,
      description: DESCRIPTION,
      targets: [PluginExtensionPoints.ExploreToolbarAction],
      icon: 'external-link-alt',
      path: FALLBACK_PATH,
      configure: (context) => {
        const path = explorePath(context);
        return path ? { path } : undefined;
      },
    })
    .addLink<TraceViewContext>({
      title: OPEN_IN_APP_TITLE,
      description: 'Open this execution in RPA Analytics: its steps, bottlenecks and anomalies',
      targets: [PluginExtensionPoints.TraceViewHeaderActions],
      icon: 'external-link-alt',
      path: FALLBACK_PATH,
      configure: (context) => {
        const path = traceViewPath(context);
        return path ? { path } : undefined;
      },
    })
    .exposeComponent({
      id: WORKFLOW_INSIGHTS_ID,
      title: WORKFLOW_INSIGHTS_TITLE,
      description: 'The top insights of a workflow (or of all), from the RPA analyzer',
      component: WorkflowInsights,
    });
}
