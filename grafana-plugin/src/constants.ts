import pluginJson from './plugin.json';

export const PLUGIN_ID = pluginJson.id;
export const PLUGIN_BASE_URL = `/a/${PLUGIN_ID}`;

/** App pages, relative to the app's root; one file per page under `pages/`. */
export enum ROUTES {
  Overview = 'overview',
  Workflow = 'workflow',
  Insights = 'insights',
  Anomalies = 'anomalies',
  Compare = 'compare',
  Live = 'live',
  Reports = 'reports',
  Healing = 'healing',
}

/** Proxy routes of plugin.json: the Grafana server injects the bearer token. */
export const ANALYZER_VIEWER_PATH = `api/plugin-proxy/${PLUGIN_ID}/analyzer`;
export const ANALYZER_EDITOR_PATH = `api/plugin-proxy/${PLUGIN_ID}/analyzer-editor`;

export const DEFAULT_FROM = 'now-24h';
export const DEFAULT_TO = 'now';
