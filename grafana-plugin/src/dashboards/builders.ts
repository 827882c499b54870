import { ANALYZER, dataSourceVariables, GRAFANA, PROMETHEUS, TEMPO } from './datasources';
import type { Dashboard, DashboardLinkModel, GridPos, Panel, Target, Variable } from './model';

/** Selector for the dashboard variables, shared by every PromQL query. */
export const WF = 'rpa_workflow_id=~"$workflow"';
export const ACTION = 'rpa_step_action_type=~"$action_type"';

export function promTarget(
  refId: string,
  expr: string,
  legendFormat: string,
  extra: Record<string, unknown> = {}
): Target {
  return { refId, datasource: PROMETHEUS, expr, legendFormat, range: true, ...extra };
}

/** What a series' trace link searches for: the workflow's executions, or the steps of an action type. */
export type TraceLinkBy = 'workflow' | 'action_type';

const TRACE_SEARCH: Record<TraceLinkBy, { query: string; title: string; tooltip: string }> = {
  workflow: {
    query: '{ name = "rpa.execution" && span.rpa.workflow.id = "${__field.labels.rpa_workflow_id}" }',
    title: 'Traces of ${__field.labels.rpa_workflow_id} in Tempo',
    tooltip: 'Executions of this workflow in Tempo, in the dashboard time range',
  },
  action_type: {
    query: '{ name = "rpa.step" && span.rpa.step.action_type = "${__field.labels.rpa_step_action_type}" }',
    title: '${__field.labels.rpa_step_action_type} steps in Tempo',
    tooltip: 'Steps of this action type in Tempo, in the dashboard time range',
  },
};

/**
 * Explore link that searches the `$ds_tempo` data source (never a fixed uid) over the
 * dashboard's own time range (`${__from}`/`${__to}`, never a fixed window) for the hovered
 * series' workflow or action type.
 */
export function tempoTracesLink(by: TraceLinkBy = 'workflow'): DashboardLinkModel {
  const search = TRACE_SEARCH[by];
  const panes = {
    traces: {
      datasource: TEMPO.uid,
      queries: [{ refId: 'A', datasource: TEMPO, queryType: 'traceql', query: search.query, limit: 20 }],
      range: { from: '${__from}', to: '${__to}' },
    },
  };
  // The dashboard schema types field links as dashboard links; Grafana reads title, url and targetBlank.
  return {
    title: search.title,
    type: 'link',
    url: `/explore?schemaVersion=1&panes=${JSON.stringify(panes)}`,
    icon: 'external link',
    tooltip: search.tooltip,
    tags: [],
    asDropdown: false,
    targetBlank: false,
    includeVars: false,
    keepTime: false,
  };
}

interface PanelInput {
  title: string;
  gridPos: GridPos;
  description?: string;
  unit?: string;
  min?: number;
  max?: number;
}

/** Hands out panel ids in order, so a dashboard's ids are unique and stable. */
export class PanelIds {
  private next = 1;
  take(): number {
    return this.next++;
  }
}

export function timeseries(
  ids: PanelIds,
  input: PanelInput & { targets: Target[]; traceLinks?: TraceLinkBy; stack?: boolean }
): Panel {
  return {
    id: ids.take(),
    type: 'timeseries',
    title: input.title,
    description: input.description,
    gridPos: input.gridPos,
    datasource: PROMETHEUS,
    targets: input.targets,
    fieldConfig: {
      defaults: {
        unit: input.unit,
        min: input.min,
        max: input.max,
        links: input.traceLinks ? [tempoTracesLink(input.traceLinks)] : undefined,
        custom: input.stack ? { stacking: { mode: 'normal', group: 'A' }, fillOpacity: 20 } : { fillOpacity: 10 },
      },
      overrides: [],
    },
    options: {
      legend: { displayMode: 'table', placement: 'right', calcs: ['mean', 'max'] },
      tooltip: { mode: 'multi', sort: 'desc' },
    },
  };
}

export function stat(
  ids: PanelIds,
  input: PanelInput & {
    expr: string;
    legendFormat?: string;
    thresholds?: Array<{ value: number | null; color: string }>;
  }
): Panel {
  return {
    id: ids.take(),
    type: 'stat',
    title: input.title,
    description: input.description,
    gridPos: input.gridPos,
    datasource: PROMETHEUS,
    targets: [promTarget('A', input.expr, input.legendFormat ?? '', { instant: true, range: false })],
    fieldConfig: {
      defaults: {
        unit: input.unit,
        min: input.min,
        max: input.max,
        custom: {},
      },
      overrides: [],
    },
    options: {
      reduceOptions: { calcs: ['lastNotNull'], fields: '', values: false },
      colorMode: 'value',
      graphMode: 'area',
      textMode: 'auto',
    },
  };
}

export function table(
  ids: PanelIds,
  input: PanelInput & { targets: Target[]; datasource?: Panel['datasource'] }
): Panel {
  return {
    id: ids.take(),
    type: 'table',
    title: input.title,
    description: input.description,
    gridPos: input.gridPos,
    datasource: input.datasource ?? PROMETHEUS,
    targets: input.targets,
    fieldConfig: {
      defaults: { unit: input.unit, links: input.datasource ? undefined : [tempoTracesLink('workflow')] },
      overrides: [],
    },
    options: { showHeader: true, cellHeight: 'sm' },
  };
}

export function barGauge(ids: PanelIds, input: PanelInput & { targets: Target[] }): Panel {
  return {
    id: ids.take(),
    type: 'bargauge',
    title: input.title,
    description: input.description,
    gridPos: input.gridPos,
    datasource: PROMETHEUS,
    targets: input.targets,
    fieldConfig: { defaults: { unit: input.unit, min: input.min, max: input.max }, overrides: [] },
    options: {
      orientation: 'horizontal',
      displayMode: 'gradient',
      reduceOptions: { calcs: ['lastNotNull'], fields: '', values: false },
    },
  };
}

export function insightPanel(ids: PanelIds, gridPos: GridPos, title = 'What to fix first'): Panel {
  return {
    id: ids.take(),
    type: 'rpaanalytics-insight-panel',
    title,
    description: 'Insights from the RPA analyzer, highest priority first (app plugin)',
    gridPos,
    options: { workflowId: '$workflow', category: '', maxItems: 5, showDescription: true },
  };
}

export function comparisonPanel(ids: PanelIds, gridPos: GridPos): Panel {
  return {
    id: ids.take(),
    type: 'rpaanalytics-comparison-panel',
    title: 'Workflow comparison',
    description: 'The $workflow selection compared with its first workflow (app plugin)',
    gridPos,
    options: { workflowIds: '$workflow', metrics: ['avg_duration_ms', 'p95_duration_ms', 'success_rate'] },
  };
}

export function analyzerTimeseries(ids: PanelIds, gridPos: GridPos): Panel {
  return {
    id: ids.take(),
    type: 'timeseries',
    title: 'Execution durations (analyzer)',
    description: 'Every finished execution from the analyzer data source; points link to traces by execution',
    gridPos,
    datasource: ANALYZER,
    targets: [{ refId: 'A', datasource: ANALYZER, queryType: 'executions', workflowId: '$workflow' }],
    fieldConfig: { defaults: { unit: 'ms', custom: { drawStyle: 'points', pointSize: 4 } }, overrides: [] },
    options: { legend: { displayMode: 'list', placement: 'bottom' }, tooltip: { mode: 'single' } },
  };
}

export function workflowVariable(): Variable {
  return {
    type: 'query',
    name: 'workflow',
    label: 'Workflow',
    datasource: PROMETHEUS,
    query: 'label_values(rpa_executions_total, rpa_workflow_id)',
    definition: 'label_values(rpa_executions_total, rpa_workflow_id)',
    multi: true,
    includeAll: true,
    allValue: '.*',
    refresh: 2,
    sort: 1,
    current: { text: ['All'], value: ['$__all'] },
  };
}

export function actionTypeVariable(): Variable {
  const query = 'label_values(rpa_step_duration_seconds_count{rpa_workflow_id=~"$workflow"}, rpa_step_action_type)';
  return {
    type: 'query',
    name: 'action_type',
    label: 'Action type',
    datasource: PROMETHEUS,
    query,
    definition: query,
    multi: true,
    includeAll: true,
    allValue: '.*',
    refresh: 2,
    sort: 1,
    current: { text: ['All'], value: ['$__all'] },
  };
}

/** A dashboard with $workflow, $action_type, the analyzer's anomalies as annotations and links to its siblings. */
export function dashboard(input: { uid: string; title: string; description: string; panels: Panel[] }): Dashboard {
  return {
    uid: input.uid,
    title: input.title,
    description: input.description,
    tags: ['rpa', 'rpa-analytics'],
    editable: true,
    graphTooltip: 1,
    schemaVersion: 42,
    version: 1,
    refresh: '30s',
    time: { from: 'now-6h', to: 'now' },
    timezone: 'browser',
    templating: { list: [...dataSourceVariables(), workflowVariable(), actionTypeVariable()] },
    annotations: {
      list: [
        {
          name: 'Annotations & Alerts',
          builtIn: 1,
          enable: true,
          hide: true,
          iconColor: 'rgba(0, 211, 255, 1)',
          datasource: GRAFANA,
          type: 'dashboard',
        },
        {
          name: 'RPA anomalies',
          enable: true,
          iconColor: 'red',
          datasource: ANALYZER,
          target: { refId: 'Anomalies', queryType: 'anomalies', workflowId: '$workflow' },
        },
      ],
    },
    links: [
      {
        title: 'RPA dashboards',
        type: 'dashboards',
        icon: 'external link',
        tooltip: '',
        tags: ['rpa-analytics'],
        asDropdown: true,
        targetBlank: false,
        includeVars: true,
        keepTime: true,
      },
    ],
    panels: input.panels,
  };
}
