import { barGauge, dashboard, insightPanel, PanelIds, promTarget, stat, timeseries, WF } from './builders';
import type { Dashboard } from './model';

const finished = `rpa_executions_total{${WF}, rpa_execution_status=~"completed|failed"}`;
const completed = `rpa_executions_total{${WF}, rpa_execution_status="completed"}`;

export function rpaOverview(): Dashboard {
  const ids = new PanelIds();
  return dashboard({
    uid: 'rpa-overview',
    title: 'RPA Overview',
    description: 'Executions, success, duration and what to fix first across RPA workflows',
    panels: [
      stat(ids, {
        title: 'Executions',
        gridPos: { x: 0, y: 0, w: 4, h: 4 },
        expr: `sum(increase(rpa_executions_total{${WF}}[$__range]))`,
        unit: 'short',
      }),
      stat(ids, {
        title: 'Success rate',
        description: 'completed / (completed + failed)',
        gridPos: { x: 4, y: 0, w: 4, h: 4 },
        expr: `100 * sum(increase(${completed}[$__range])) / sum(increase(${finished}[$__range]))`,
        unit: 'percent',
        min: 0,
        max: 100,
      }),
      stat(ids, {
        title: 'Running now',
        gridPos: { x: 8, y: 0, w: 4, h: 4 },
        expr: `sum(rpa_executions_active{${WF}})`,
        unit: 'short',
      }),
      stat(ids, {
        title: 'p95 execution duration',
        gridPos: { x: 12, y: 0, w: 4, h: 4 },
        expr: `histogram_quantile(0.95, sum by (le) (rate(rpa_execution_duration_seconds_bucket{${WF}}[$__range])))`,
        unit: 's',
      }),
      stat(ids, {
        title: 'Telemetry dropped',
        description: 'Spans or samples the instrumentation could not deliver; should stay 0',
        gridPos: { x: 16, y: 0, w: 4, h: 4 },
        expr: 'sum(increase(rpa_telemetry_dropped_total[$__range]))',
        unit: 'short',
      }),
      stat(ids, {
        title: 'Recoveries that healed',
        gridPos: { x: 20, y: 0, w: 4, h: 4 },
        expr: `100 * sum(increase(rpa_recoveries_total{${WF}, rpa_recovery_outcome="recovered"}[$__range])) / sum(increase(rpa_recoveries_total{${WF}}[$__range]))`,
        unit: 'percent',
      }),
      timeseries(ids, {
        title: 'Executions by status',
        gridPos: { x: 0, y: 4, w: 12, h: 8 },
        unit: 'ops',
        stack: true,
        targets: [
          promTarget(
            'A',
            `sum by (rpa_execution_status) (rate(rpa_executions_total{${WF}}[$__rate_interval]))`,
            '{{rpa_execution_status}}'
          ),
        ],
      }),
      timeseries(ids, {
        title: 'p95 execution duration by workflow',
        description: 'Series link to the executions of their workflow in Tempo',
        gridPos: { x: 12, y: 4, w: 12, h: 8 },
        unit: 's',
        traceLinks: 'workflow',
        targets: [
          promTarget(
            'A',
            `histogram_quantile(0.95, sum by (le, rpa_workflow_id) (rate(rpa_execution_duration_seconds_bucket{${WF}}[$__rate_interval])))`,
            '{{rpa_workflow_id}}'
          ),
        ],
      }),
      barGauge(ids, {
        title: 'Success rate by workflow',
        gridPos: { x: 0, y: 12, w: 12, h: 9 },
        unit: 'percent',
        min: 0,
        max: 100,
        targets: [
          promTarget(
            'A',
            `100 * sum by (rpa_workflow_id) (increase(${completed}[$__range])) / sum by (rpa_workflow_id) (increase(${finished}[$__range]))`,
            '{{rpa_workflow_id}}',
            { instant: true, range: false }
          ),
        ],
      }),
      insightPanel(ids, { x: 12, y: 12, w: 12, h: 9 }),
    ],
  });
}
