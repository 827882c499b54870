import React from 'react';
import { fireEvent, screen, within } from '@testing-library/react';

import { allRoutes } from '../test/fixtures';
import { installFakeBackend } from '../test/fakeBackendSrv';
import { renderPage } from '../test/renderPage';
import { testIds } from '../testIds';
import { Anomalies } from './Anomalies';

describe('Anomalies page', () => {
  it('shows a loading state', async () => {
    installFakeBackend({ '/analytics/anomalies': 'pending' });
    await renderPage(<Anomalies />, '/anomalies');
    expect(screen.getByTestId(testIds.state.loading)).toBeInTheDocument();
  });

  it('explains a missing endpoint', async () => {
    installFakeBackend({});
    await renderPage(<Anomalies />, '/anomalies');
    expect(await screen.findByTestId(testIds.state.error)).toHaveTextContent(/set the analyzer URL/);
  });

  it('explains an empty time range', async () => {
    installFakeBackend({ '/analytics/anomalies': { data: { items: [], correlated_groups: [] } } });
    await renderPage(<Anomalies />, '/anomalies');
    expect(await screen.findByTestId(testIds.state.empty)).toHaveTextContent(/baselines need about a week/);
  });

  it('lists anomalies most severe first with correlated groups', async () => {
    installFakeBackend(allRoutes);
    await renderPage(<Anomalies />, '/anomalies');
    const rows = within(await screen.findByTestId(testIds.anomalies.table))
      .getAllByRole('row')
      .slice(1);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toHaveTextContent('0.86');
    expect(rows[0]).toHaveTextContent('Check the ERP response times');
    // Baseline → actual in the metric's unit, the metric by its name.
    expect(rows[0]).toHaveTextContent('12.00 s → 31.00 s');
    expect(rows[1]).toHaveTextContent('Success rate');
    expect(screen.getByTestId(testIds.anomalies.group)).toHaveTextContent('invoice-entry, payroll-sync');
  });

  it('sorts by a column and expands a row into its details and every execution', async () => {
    installFakeBackend(allRoutes);
    await renderPage(<Anomalies />, '/anomalies');
    const table = await screen.findByTestId(testIds.anomalies.table);
    const firstRow = () => within(table).getAllByRole('row')[1]!;
    expect(firstRow()).toHaveTextContent('invoice-entry');
    // Workflow, ascending then descending.
    fireEvent.click(within(table).getByText('Workflow'));
    fireEvent.click(within(table).getByText('Workflow'));
    expect(firstRow()).toHaveTextContent('payroll-sync');
    fireEvent.click(within(table).getByText('Workflow'));
    expect(firstRow()).toHaveTextContent('invoice-entry');
    fireEvent.click(within(firstRow()).getByRole('button'));
    expect(await within(table).findByText(/Detected 2026-11-23 10:05:00Z/)).toBeInTheDocument();
    expect(within(table).getByText(/2 executions/)).toBeInTheDocument();
  });

  it('filters by the severity in the URL', async () => {
    installFakeBackend(allRoutes);
    await renderPage(<Anomalies />, '/anomalies?severity=0.8');
    const table = await screen.findByTestId(testIds.anomalies.table);
    expect(within(table).getAllByRole('row').slice(1)).toHaveLength(1);
  });

  it('links each execution to its page, spanning the anomaly episode', async () => {
    installFakeBackend(allRoutes);
    await renderPage(<Anomalies />, '/anomalies');
    const [first] = await screen.findAllByTestId(testIds.anomalies.executionLink);
    const url = new URL(first!.getAttribute('href')!, 'http://x');
    expect(url.pathname).toBe('/workflow');
    expect(url.searchParams.get('execution')).toBe('e1');
    expect(Number(url.searchParams.get('from'))).toBeLessThan(Number(url.searchParams.get('to')));
  });
});
