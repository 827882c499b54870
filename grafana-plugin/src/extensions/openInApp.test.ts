import { dateTime } from '@grafana/data';

import { explorePath, panelMenuPath, workflowOfQuery } from './openInApp';

const range = { from: 'now-24h', to: 'now' };

describe('workflowOfQuery', () => {
  test.each([
    [{ expr: 'rate(rpa_executions_total{rpa_workflow_id="invoice-entry"}[5m])' }, 'invoice-entry'],
    [{ expr: 'rate(rpa_executions_total{rpa_workflow_id=~"invoice-entry"}[5m])' }, 'invoice-entry'],
    [{ expr: 'rate(rpa_executions_total{rpa_workflow_id=~"a|b"}[5m])' }, undefined],
    [{ expr: 'rate(rpa_executions_total{rpa_workflow_id=~"$workflow"}[5m])' }, undefined],
    [{ query: '{ span.rpa.workflow.id = "payroll-sync" }' }, 'payroll-sync'],
    [{ workflowId: 'payroll-sync' }, 'payroll-sync'],
    [{ workflowId: '$workflow' }, undefined],
  ])('%j names %p', (query, workflow) => {
    expect(workflowOfQuery(query)).toBe(workflow);
  });
});

describe('explorePath', () => {
  it('opens the workflow page for a query about one workflow, with Explore’s time range', () => {
    const from = dateTime(1_700_000_000_000);
    const to = dateTime(1_700_000_600_000);
    expect(
      explorePath({ targets: [{ expr: 'rpa_executions_total{rpa_workflow_id="w1"}' }], timeRange: { from, to } })
    ).toBe('/a/rpaanalytics-analytics-app/workflow?workflow=w1&from=1700000000000&to=1700000600000');
  });

  it('opens the overview for RPA queries over several workflows', () => {
    expect(
      explorePath({
        targets: [{ query: '{ name = "rpa.execution" }', datasource: { type: 'tempo' } }],
        timeRange: range,
      })
    ).toBe('/a/rpaanalytics-analytics-app/overview?from=now-24h&to=now');
  });

  it('is hidden for queries that are not about RPA', () => {
    expect(explorePath({ targets: [{ expr: 'up' }], timeRange: range })).toBeUndefined();
    expect(explorePath(undefined)).toBeUndefined();
  });
});

describe('panelMenuPath', () => {
  const dashboard = { uid: 'd', title: 'Ops', tags: [] };

  it('shows on panels of the analyzer data source and the app panels, whatever the dashboard', () => {
    expect(
      panelMenuPath({
        pluginId: 'table',
        targets: [{ datasource: { type: 'rpaanalytics-analyzer-datasource' }, workflowId: 'w2' }],
        timeRange: range,
        dashboard,
      })
    ).toBe('/a/rpaanalytics-analytics-app/workflow?workflow=w2&from=now-24h&to=now');
    expect(panelMenuPath({ pluginId: 'rpaanalytics-insight-panel', targets: [], timeRange: range, dashboard })).toBe(
      '/a/rpaanalytics-analytics-app/overview?from=now-24h&to=now'
    );
  });

  it('keeps "All" workflows on the overview', () => {
    const context = {
      pluginId: 'timeseries',
      targets: [{ expr: 'rpa_executions_total{rpa_workflow_id=~"$workflow"}' }],
      timeRange: range,
      dashboard,
    };
    expect(panelMenuPath(context, () => 'All')).toBe('/a/rpaanalytics-analytics-app/overview?from=now-24h&to=now');
    expect(panelMenuPath(context, () => '(a|b)')).toBe('/a/rpaanalytics-analytics-app/overview?from=now-24h&to=now');
  });
});
