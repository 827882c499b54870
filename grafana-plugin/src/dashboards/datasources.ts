import type { DataSourceRef } from './model';

/** Provisioned data sources the dashboards reference by uid (see provisioning/). */
export const PROMETHEUS: DataSourceRef = { type: 'prometheus', uid: 'prometheus' };
export const TEMPO: DataSourceRef = { type: 'tempo', uid: 'tempo' };
/** The plugin's own data source, provisioned with this uid. */
export const ANALYZER: DataSourceRef = { type: 'rpaanalytics-analyzer-datasource', uid: 'rpa-analyzer' };
export const GRAFANA: DataSourceRef = { type: 'grafana', uid: '-- Grafana --' };
