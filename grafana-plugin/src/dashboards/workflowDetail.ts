import {
  ACTION,
  analyzerTimeseries,
  comparisonPanel,
  dashboard,
  PanelIds,
  promTarget,
  table,
  timeseries,
  WF,
} from './builders';
import type { Dashboard } from './model';

const stepSelector = `${WF}, ${ACTION}`;

export function workflowDetail(): Dashboard {
  const ids = new PanelIds();
  const quantile = (q: number, refId: string) =>
    promTarget(
      refId,
      `histogram_quantile(${q}, sum by (le, rpa_workflow_id) (rate(rpa_execution_duration_seconds_bucket{${WF}}[$__rate_interval])))`,
      `p${Math.round(q * 100)} {{rpa_workflow_id}}`
    );
  return dashboard({
    uid: 'rpa-workflow-detail',
    title: 'RPA Workflow Detail',
    description: 'Durations, step bottlenecks, retries and confidence of the selected workflows',
    panels: [
      timeseries(ids, {
        title: 'Execution duration (p50, p95, p99)',
        gridPos: { x: 0, y: 0, w: 12, h: 8 },
        unit: 's',
        traceLinks: 'workflow',
        targets: [quantile(0.5, 'A'), quantile(0.95, 'B'), quantile(0.99, 'C')],
      }),
      timeseries(ids, {
        title: 'p95 step duration by action type',
        gridPos: { x: 12, y: 0, w: 12, h: 8 },
        unit: 's',
        traceLinks: 'action_type',
        targets: [
          promTarget(
            'A',
            `histogram_quantile(0.95, sum by (le, rpa_step_action_type) (rate(rpa_step_duration_seconds_bucket{${stepSelector}}[$__rate_interval])))`,
            '{{rpa_step_action_type}}'
          ),
        ],
      }),
      table(ids, {
        title: 'Slowest action types (p95 over the range)',
        gridPos: { x: 0, y: 8, w: 12, h: 8 },
        unit: 's',
        targets: [
          promTarget(
            'A',
            `sort_desc(histogram_quantile(0.95, sum by (le, rpa_workflow_id, rpa_step_action_type) (rate(rpa_step_duration_seconds_bucket{${stepSelector}}[$__range]))))`,
            '',
            { instant: true, range: false, format: 'table' }
          ),
        ],
      }),
      timeseries(ids, {
        title: 'Failed steps by action type',
        gridPos: { x: 12, y: 8, w: 12, h: 8 },
        unit: 'ops',
        stack: true,
        targets: [
          promTarget(
            'A',
            `sum by (rpa_step_action_type) (rate(rpa_step_duration_seconds_count{${stepSelector}, rpa_step_status="failed"}[$__rate_interval]))`,
            '{{rpa_step_action_type}}'
          ),
        ],
      }),
      timeseries(ids, {
        title: 'Step retries by action type',
        gridPos: { x: 0, y: 16, w: 12, h: 8 },
        unit: 'ops',
        targets: [
          promTarget(
            'A',
            `sum by (rpa_step_action_type) (rate(rpa_step_retries_total{${stepSelector}}[$__rate_interval]))`,
            '{{rpa_step_action_type}}'
          ),
        ],
      }),
      timeseries(ids, {
        title: 'Step confidence (p10 and median)',
        description: 'Low visual-match confidence predicts element_not_found failures',
        gridPos: { x: 12, y: 16, w: 12, h: 8 },
        unit: 'percentunit',
        min: 0,
        max: 1,
        targets: [
          promTarget(
            'A',
            `histogram_quantile(0.1, sum by (le, rpa_step_action_type) (rate(rpa_step_confidence_bucket{${stepSelector}}[$__rate_interval])))`,
            'p10 {{rpa_step_action_type}}'
          ),
          promTarget(
            'B',
            `histogram_quantile(0.5, sum by (le, rpa_step_action_type) (rate(rpa_step_confidence_bucket{${stepSelector}}[$__rate_interval])))`,
            'median {{rpa_step_action_type}}'
          ),
        ],
      }),
      analyzerTimeseries(ids, { x: 0, y: 24, w: 12, h: 8 }),
      comparisonPanel(ids, { x: 12, y: 24, w: 12, h: 8 }),
    ],
  });
}
