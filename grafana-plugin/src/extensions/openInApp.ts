/**
 * "Open in RPA Analytics" from Grafana's own UI: where each link points, given the context
 * its extension point passes. Pure functions over those contexts (typed structurally: Grafana
 * exports the extension point ids, not every context type); registration is in register.ts.
 * A context with nothing of ours in it hides the link (`undefined`).
 */
import type { RawTimeRange } from '@grafana/data';

import { buildQueryString } from '../api/filters';
import { PLUGIN_BASE_URL, ROUTES } from '../constants';

export const OPEN_IN_APP_TITLE = 'Open in RPA Analytics';

/** The parts of a query this module reads: PromQL, our data source's query, TraceQL. */
export interface QueryLike {
  datasource?: { type?: string; uid?: string } | null;
  expr?: unknown;
  query?: unknown;
  workflowId?: unknown;
}

/** `grafana/dashboard/panel/menu` (PluginExtensionPanelContext). */
export interface PanelMenuContext {
  pluginId: string;
  targets: QueryLike[];
  timeRange: RawTimeRange;
  dashboard: { uid: string; title: string; tags: string[] };
}

/** `grafana/explore/toolbar/action`. */
export interface ExploreContext {
  targets: QueryLike[];
  timeRange: RawTimeRange;
}

/** `grafana/traceview/header/actions`: the trace (times in microseconds) and its data source. */
export interface TraceViewContext {
  traceID: string;
  startTime: number;
  endTime: number;
  spans: Array<{ operationName: string; tags?: Array<{ key: string; value: unknown }> }>;
}

const APP_PLUGIN_TYPES = [
  'rpaanalytics-analyzer-datasource',
  'rpaanalytics-insight-panel',
  'rpaanalytics-comparison-panel',
];
const DASHBOARD_TAG = 'rpa-analytics';
/** A workflow id, not a regex or a variable: what `rpa_workflow_id=~"…"` may carry to count as one workflow. */
const PLAIN_ID = /^[\w.:-]+$/;

const timeParam = (t: RawTimeRange['from']): string => (typeof t === 'string' ? t : String(t.valueOf()));

function appPath(route: ROUTES, params: Record<string, string | undefined>): string {
  return `${PLUGIN_BASE_URL}/${route}${buildQueryString(params)}`;
}

const text = (v: unknown): string => (typeof v === 'string' ? v : '');

function isOurs(q: QueryLike): boolean {
  return (
    APP_PLUGIN_TYPES.includes(q.datasource?.type ?? '') ||
    /\brpa_[a-z_]+/.test(text(q.expr)) ||
    /\b(span\.)?rpa\.[a-z_.]+|"rpa\.(execution|step)"/.test(text(q.query))
  );
}

/** The one workflow a query is about, if it names exactly one (literal, not `$workflow`). */
export function workflowOfQuery(q: QueryLike): string | undefined {
  const candidates = [
    /rpa_workflow_id\s*=~?\s*"([^"]*)"/.exec(text(q.expr))?.[1],
    /rpa\.workflow\.id\s*=\s*"([^"]*)"/.exec(text(q.query))?.[1],
    text(q.workflowId),
  ];
  return candidates.find((c): c is string => c !== undefined && PLAIN_ID.test(c));
}

function workflowOf(targets: QueryLike[], interpolate?: (value: string) => string): string | undefined {
  for (const q of targets) {
    const literal = workflowOfQuery(q);
    if (literal) {
      return literal;
    }
    // `$workflow` set to a single workflow on the dashboard.
    if (interpolate && /\$\{?workflow\b/.test(`${text(q.expr)} ${text(q.workflowId)}`)) {
      const value = interpolate('${workflow}');
      if (PLAIN_ID.test(value) && value !== 'All') {
        return value;
      }
    }
  }
  return undefined;
}

/** A workflow's page when the queries name one, the overview otherwise, over the same time range. */
function pathFor(targets: QueryLike[], range: RawTimeRange, interpolate?: (value: string) => string): string {
  const workflow = workflowOf(targets, interpolate);
  const time = { from: timeParam(range.from), to: timeParam(range.to) };
  return workflow ? appPath(ROUTES.Workflow, { workflow, ...time }) : appPath(ROUTES.Overview, time);
}

export function panelMenuPath(
  context: PanelMenuContext | undefined,
  interpolate?: (value: string) => string
): string | undefined {
  if (!context) {
    return undefined;
  }
  const relevant =
    context.dashboard?.tags?.includes(DASHBOARD_TAG) ||
    APP_PLUGIN_TYPES.includes(context.pluginId) ||
    context.targets.some(isOurs);
  return relevant ? pathFor(context.targets, context.timeRange, interpolate) : undefined;
}

export function explorePath(context: ExploreContext | undefined): string | undefined {
  if (!context || !context.targets.some(isOurs)) {
    return undefined;
  }
  return pathFor(context.targets, context.timeRange);
}

const tag = (span: TraceViewContext['spans'][number], key: string): string | undefined => {
  const value = span.tags?.find((t) => t.key === key)?.value;
  return typeof value === 'string' ? value : undefined;
};

/** An RPA trace opens its execution on the workflow page, over the trace's own time span. */
export function traceViewPath(context: TraceViewContext | undefined): string | undefined {
  const execution = context?.spans.find((s) => s.operationName === 'rpa.execution' && tag(s, 'rpa.workflow.id'));
  if (!context || !execution) {
    return undefined;
  }
  const minute = 60_000;
  return appPath(ROUTES.Workflow, {
    workflow: tag(execution, 'rpa.workflow.id'),
    execution: tag(execution, 'rpa.execution.id'),
    from: String(Math.floor(context.startTime / 1000) - minute),
    to: String(Math.ceil(context.endTime / 1000) + minute),
  });
}
