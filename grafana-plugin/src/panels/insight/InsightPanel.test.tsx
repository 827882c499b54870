import React from 'react';
import { render, screen } from '@testing-library/react';
import {
  EventBusSrv,
  FieldConfigSource,
  getDefaultTimeRange,
  LoadingState,
  type InterpolateFunction,
  type PanelProps,
} from '@grafana/data';

import { allRoutes, emptyPage } from '../../test/fixtures';
import { installFakeBackend, paramsOf, type Reply } from '../../test/fakeBackendSrv';
import { testIds } from '../../testIds';
import { InsightPanel } from './InsightPanel';
import { defaultInsightPanelOptions, type InsightPanelOptions } from './options';

const replaceVariables: InterpolateFunction = (v) => (v === '$workflow' ? 'payroll-sync' : v);

function panelProps(options: Partial<InsightPanelOptions> = {}): PanelProps<InsightPanelOptions> {
  const timeRange = getDefaultTimeRange();
  return {
    id: 1,
    data: { series: [], state: LoadingState.Done, timeRange },
    timeRange,
    timeZone: 'utc',
    options: { ...defaultInsightPanelOptions, ...options },
    fieldConfig: { defaults: {}, overrides: [] } as FieldConfigSource,
    transparent: false,
    width: 400,
    height: 300,
    renderCounter: 0,
    title: 'Insights',
    eventBus: new EventBusSrv(),
    onOptionsChange: jest.fn(),
    onFieldConfigChange: jest.fn(),
    replaceVariables,
    onChangeTimeRange: jest.fn(),
  } as PanelProps<InsightPanelOptions>;
}

const renderWith = (reply: Reply, options?: Partial<InsightPanelOptions>) => {
  const backend = installFakeBackend({ '/analytics/insights': reply });
  render(<InsightPanel {...panelProps(options)} />);
  return backend;
};

describe('InsightPanel', () => {
  it('shows a loading state', () => {
    renderWith('pending');
    expect(screen.getByTestId(testIds.state.loading)).toBeInTheDocument();
  });

  it('shows an error with what to do', async () => {
    renderWith({ status: 502 });
    expect(await screen.findByTestId(testIds.state.error)).toHaveTextContent(/Cannot reach the analyzer/);
  });

  it('explains an empty result', async () => {
    renderWith({ data: emptyPage });
    expect(await screen.findByTestId(testIds.state.empty)).toHaveTextContent(/No insights/);
  });

  it('shows the top insights for $workflow and the panel time range', async () => {
    const backend = renderWith(allRoutes['/analytics/insights'], { maxItems: 1 });
    const items = await screen.findAllByTestId(testIds.insightPanel.item);
    expect(items).toHaveLength(1);
    expect(items[0]).toHaveTextContent('Login step fails on slow screens');
    const params = paramsOf(backend.requests[0]!);
    expect(params.getAll('workflow_id')).toEqual(['payroll-sync']);
    expect(params.get('limit')).toBe('1');
    expect(Number(params.get('from'))).toBeGreaterThan(0);
  });

  it('renders a compact list without details', async () => {
    renderWith(allRoutes['/analytics/insights'], { showDescription: false });
    const items = await screen.findAllByTestId(testIds.insightPanel.item);
    expect(items[0]).toHaveTextContent('Login step fails on slow screens — Wait for the login form');
  });
});
