/**
 * The subset of Grafana's dashboard JSON model (schemaVersion 42) the generated
 * dashboards use; the output is validated against schemas/dashboard.jsonschema.json.
 */
export interface DataSourceRef {
  type: string;
  uid: string;
}

export interface GridPos {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface Target {
  refId: string;
  datasource: DataSourceRef;
  [key: string]: unknown;
}

export interface Panel {
  id: number;
  type: string;
  title: string;
  description?: string;
  gridPos: GridPos;
  datasource?: DataSourceRef;
  targets?: Target[];
  options?: Record<string, unknown>;
  fieldConfig?: {
    defaults: {
      unit?: string;
      min?: number;
      max?: number;
      decimals?: number;
      links?: DashboardLinkModel[];
      custom?: Record<string, unknown>;
    };
    overrides: unknown[];
  };
}

export interface Variable {
  type: 'query' | 'datasource' | 'custom';
  name: string;
  label: string;
  datasource?: DataSourceRef;
  query: string;
  definition?: string;
  regex?: string;
  multi: boolean;
  includeAll: boolean;
  allValue?: string;
  refresh: 0 | 1 | 2;
  sort?: 0 | 1;
  /** Absent on data source variables: Grafana then selects the default (or first) instance of the type. */
  current?: { text: string | string[]; value: string | string[] };
}

export interface Annotation {
  name: string;
  enable: boolean;
  hide?: boolean;
  iconColor: string;
  datasource: DataSourceRef;
  builtIn?: number;
  type?: string;
  target?: Record<string, unknown>;
}

export interface DashboardLinkModel {
  title: string;
  type: 'dashboards' | 'link';
  icon: string;
  tooltip: string;
  tags: string[];
  asDropdown: boolean;
  targetBlank: boolean;
  includeVars: boolean;
  keepTime: boolean;
  url?: string;
}

export interface Dashboard {
  uid: string;
  title: string;
  description: string;
  tags: string[];
  editable: boolean;
  graphTooltip: 0 | 1 | 2;
  schemaVersion: number;
  version: number;
  refresh: string;
  time: { from: string; to: string };
  timezone: string;
  templating: { list: Variable[] };
  annotations: { list: Annotation[] };
  links: DashboardLinkModel[];
  panels: Panel[];
}
