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

import { allRoutes } from '../../test/fixtures';
import { installFakeBackend, paramsOf, type Reply } from '../../test/fakeBackendSrv';
import { testIds } from '../../testIds';
import { ComparisonPanel } from './ComparisonPanel';
import { defaultComparisonPanelOptions, type ComparisonPanelOptions } from './options';

const replaceVariables: InterpolateFunction = (v) => (v === '$workflow' ? 'invoice-entry,payroll-sync' : v);

function panelProps(options: Partial<ComparisonPanelOptions> = {}): PanelProps<ComparisonPanelOptions> {
  const timeRange = getDefaultTimeRange();
  return {
    id: 2,
    data: { series: [], state: LoadingState.Done, timeRange },
    timeRange,
    timeZone: 'utc',
    options: { ...defaultComparisonPanelOptions, ...options },
    fieldConfig: { defaults: {}, overrides: [] } as FieldConfigSource,
    transparent: false,
    width: 600,
    height: 300,
    renderCounter: 0,
    title: 'Comparison',
    eventBus: new EventBusSrv(),
    onOptionsChange: jest.fn(),
    onFieldConfigChange: jest.fn(),
    replaceVariables,
    onChangeTimeRange: jest.fn(),
  } as PanelProps<ComparisonPanelOptions>;
}

const renderWith = (reply: Reply, options?: Partial<ComparisonPanelOptions>) => {
  const backend = installFakeBackend({ '/analytics/compare': reply });
  render(<ComparisonPanel {...panelProps(options)} />);
  return backend;
};

describe('ComparisonPanel', () => {
  it('shows a loading state', () => {
    renderWith('pending');
    expect(screen.getByTestId(testIds.state.loading)).toBeInTheDocument();
  });

  it('shows an error with what to do', async () => {
    renderWith({ status: 401 });
    expect(await screen.findByTestId(testIds.state.error)).toHaveTextContent(/tokens/);
  });

  it('asks for two workflows when $workflow holds one', async () => {
    renderWith(allRoutes['/analytics/compare'], { workflowIds: 'invoice-entry' });
    expect(await screen.findByTestId(testIds.state.empty)).toHaveTextContent(/at least two workflows/);
  });

  it('compares the $workflow selection with the chosen metrics', async () => {
    const backend = renderWith(allRoutes['/analytics/compare']);
    const table = await screen.findByTestId(testIds.comparisonPanel.table);
    expect(table).toHaveTextContent('payroll-sync');
    expect(table).toHaveTextContent('-26.2 %');
    const params = paramsOf(backend.requests[0]!);
    expect(params.get('workflow_ids')).toBe('invoice-entry,payroll-sync');
    expect(params.get('metrics')).toBe('avg_duration_ms,p95_duration_ms,success_rate');
  });
});
