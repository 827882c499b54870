import { ANALYZER } from './datasources';
import { ACTION, dashboard, insightPanel, PanelIds, promTarget, table, timeseries, WF } from './builders';
import type { Dashboard } from './model';

export function reliability(): Dashboard {
  const ids = new PanelIds();
  return dashboard({
    uid: 'rpa-reliability',
    title: 'RPA Reliability',
    description: 'Success rates, failures, retries, recoveries and telemetry health',
    panels: [
      timeseries(ids, {
        title: 'Success rate by workflow',
        gridPos: { x: 0, y: 0, w: 12, h: 8 },
        unit: 'percent',
        min: 0,
        max: 100,
        traceLinks: 'workflow',
        targets: [
          promTarget(
            'A',
            `100 * sum by (rpa_workflow_id) (rate(rpa_executions_total{${WF}, rpa_execution_status="completed"}[$__rate_interval])) / sum by (rpa_workflow_id) (rate(rpa_executions_total{${WF}, rpa_execution_status=~"completed|failed"}[$__rate_interval]))`,
            '{{rpa_workflow_id}}'
          ),
        ],
      }),
      timeseries(ids, {
        title: 'Failed executions by workflow',
        gridPos: { x: 12, y: 0, w: 12, h: 8 },
        unit: 'ops',
        stack: true,
        traceLinks: 'workflow',
        targets: [
          promTarget(
            'A',
            `sum by (rpa_workflow_id) (rate(rpa_executions_total{${WF}, rpa_execution_status="failed"}[$__rate_interval]))`,
            '{{rpa_workflow_id}}'
          ),
        ],
      }),
      timeseries(ids, {
        title: 'Recoveries by strategy and outcome',
        gridPos: { x: 0, y: 8, w: 12, h: 8 },
        unit: 'ops',
        stack: true,
        targets: [
          promTarget(
            'A',
            `sum by (rpa_recovery_strategy, rpa_recovery_outcome) (rate(rpa_recoveries_total{${WF}}[$__rate_interval]))`,
            '{{rpa_recovery_strategy}} {{rpa_recovery_outcome}}'
          ),
        ],
      }),
      timeseries(ids, {
        title: 'Retries and failed steps by action type',
        gridPos: { x: 12, y: 8, w: 12, h: 8 },
        unit: 'ops',
        targets: [
          promTarget(
            'A',
            `sum by (rpa_step_action_type) (rate(rpa_step_retries_total{${WF}, ${ACTION}}[$__rate_interval]))`,
            'retries {{rpa_step_action_type}}'
          ),
          promTarget(
            'B',
            `sum by (rpa_step_action_type) (rate(rpa_step_duration_seconds_count{${WF}, ${ACTION}, rpa_step_status="failed"}[$__rate_interval]))`,
            'failed {{rpa_step_action_type}}'
          ),
        ],
      }),
      table(ids, {
        title: 'Success rates (analyzer)',
        description: 'Exact counts from the analyzer data source',
        gridPos: { x: 0, y: 16, w: 12, h: 8 },
        datasource: ANALYZER,
        targets: [{ refId: 'A', datasource: ANALYZER, queryType: 'success_rates', workflowId: '$workflow' }],
      }),
      timeseries(ids, {
        title: 'Telemetry dropped by reason',
        description: 'Should stay at 0; see DROP_REASON in the instrumentation',
        gridPos: { x: 12, y: 16, w: 12, h: 8 },
        unit: 'ops',
        targets: [
          promTarget('A', 'sum by (reason) (rate(rpa_telemetry_dropped_total[$__rate_interval]))', '{{reason}}'),
        ],
      }),
      insightPanel(ids, { x: 0, y: 24, w: 24, h: 8 }, 'Reliability insights'),
    ],
  });
}
