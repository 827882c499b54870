import type { DataSourceRef, Variable } from './model';

/**
 * Dashboards reach their data sources through `datasource` template variables, never
 * by uid: an installation whose data sources have other uids (or several of a type)
 * picks them in the variable instead of editing every panel.
 */
const dataSourceVariable = (name: string, label: string, pluginType: string): Variable => ({
  type: 'datasource',
  name,
  label,
  // A datasource variable's query is the plugin type whose instances it offers.
  query: pluginType,
  regex: '',
  multi: false,
  includeAll: false,
  refresh: 1,
});

const ref = (variable: Variable): DataSourceRef => ({ type: variable.query, uid: `\${${variable.name}}` });

const PROMETHEUS_VARIABLE = dataSourceVariable('ds_prometheus', 'Prometheus', 'prometheus');
const ANALYZER_VARIABLE = dataSourceVariable('ds_analyzer', 'RPA analyzer', 'rpaanalytics-analyzer-datasource');
const TEMPO_VARIABLE = dataSourceVariable('ds_tempo', 'Tempo', 'tempo');

/** The variables, first in every dashboard's templating list: the query variables below them use `$ds_prometheus`. */
export function dataSourceVariables(): Variable[] {
  return [PROMETHEUS_VARIABLE, ANALYZER_VARIABLE, TEMPO_VARIABLE].map((v) => ({ ...v }));
}

export const PROMETHEUS: DataSourceRef = ref(PROMETHEUS_VARIABLE);
export const TEMPO: DataSourceRef = ref(TEMPO_VARIABLE);
/** The plugin's own data source. */
export const ANALYZER: DataSourceRef = ref(ANALYZER_VARIABLE);
/** Grafana's built-in annotations (a fixed pseudo data source, not an installation's uid). */
export const GRAFANA: DataSourceRef = { type: 'grafana', uid: '-- Grafana --' };
