import React from 'react';
import { screen } from '@testing-library/react';

import { allRoutes } from '../test/fixtures';
import { installFakeBackend, paramsOf } from '../test/fakeBackendSrv';
import { renderPage } from '../test/renderPage';
import { testIds } from '../testIds';
import { Compare } from './Compare';

describe('Compare page', () => {
  it('asks for two workflows', async () => {
    installFakeBackend(allRoutes);
    await renderPage(<Compare />, '/compare?workflows=invoice-entry');
    expect(await screen.findByTestId(testIds.state.empty)).toHaveTextContent(/at least two workflows/);
  });

  it('shows a loading state', async () => {
    installFakeBackend({ '': 'pending' });
    await renderPage(<Compare />, '/compare?workflows=invoice-entry,payroll-sync');
    expect(screen.getByTestId(testIds.state.loading)).toBeInTheDocument();
  });

  it('shows an error with what to do', async () => {
    installFakeBackend({ ...allRoutes, '/analytics/compare': { status: 500, data: 'boom' } });
    await renderPage(<Compare />, '/compare?workflows=invoice-entry,payroll-sync');
    expect(await screen.findByTestId(testIds.state.error)).toHaveTextContent(/analyzer log/);
  });

  it('explains workflows that did not run', async () => {
    installFakeBackend({
      ...allRoutes,
      '/analytics/compare': { data: { reference_workflow_id: 'a', metrics: [], workflows: {} } },
    });
    await renderPage(<Compare />, '/compare?workflows=a,b');
    expect(await screen.findByTestId(testIds.state.empty)).toHaveTextContent(/widen it/);
  });

  it('compares the URL workflows against the first', async () => {
    const backend = installFakeBackend(allRoutes);
    await renderPage(<Compare />, '/compare?workflows=invoice-entry,payroll-sync&metrics=avg_duration_ms,success_rate');
    const table = await screen.findByTestId(testIds.compare.table);
    expect(table).toHaveTextContent('(reference)');
    expect(table).toHaveTextContent('-14.6 %');
    const req = backend.requests.find((r) => r.url.includes('/analytics/compare'))!;
    expect(paramsOf(req).get('workflow_ids')).toBe('invoice-entry,payroll-sync');
    expect(paramsOf(req).get('metrics')).toBe('avg_duration_ms,success_rate');
  });
});
