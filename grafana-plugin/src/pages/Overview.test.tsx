import React from 'react';
import { screen } from '@testing-library/react';

import { allRoutes, emptyPage } from '../test/fixtures';
import { installFakeBackend, paramsOf } from '../test/fakeBackendSrv';
import { renderPage } from '../test/renderPage';
import { testIds } from '../testIds';
import { Overview } from './Overview';

describe('Overview page', () => {
  it('shows a loading state while the analyzer answers', async () => {
    installFakeBackend({ '': 'pending' });
    await renderPage(<Overview />, '/overview');
    expect(screen.getByTestId(testIds.state.loading)).toBeInTheDocument();
  });

  it('says what to do when the analyzer cannot be reached', async () => {
    installFakeBackend({ ...allRoutes, '/analytics/success-rates': { status: 502, data: { message: 'Bad Gateway' } } });
    await renderPage(<Overview />, '/overview');
    expect(await screen.findByTestId(testIds.state.error)).toHaveTextContent(/Cannot reach the analyzer/);
    expect(screen.getByText(/Configuration page/)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: /retry/i })).toBeInTheDocument();
  });

  it('explains an empty time range', async () => {
    installFakeBackend({ ...allRoutes, '/analytics/success-rates': { data: emptyPage } });
    await renderPage(<Overview />, '/overview');
    expect(await screen.findByTestId(testIds.state.empty)).toHaveTextContent(/widen the time range/i);
  });

  it('shows success rates, failures and top insights for the URL time range', async () => {
    const backend = installFakeBackend(allRoutes);
    await renderPage(<Overview />, '/overview?from=1700000000000&to=1700003600000');
    const rates = await screen.findByTestId(testIds.overview.successRates);
    expect(rates).toHaveTextContent('payroll-sync');
    expect(rates).toHaveTextContent('71.2 %');
    expect(screen.getByTestId(testIds.overview.failures)).toHaveTextContent('element_not_found');
    expect(screen.getByTestId(testIds.overview.topInsights)).toHaveTextContent('Login step fails on slow screens');
    expect(screen.getByText(/2 anomalies/)).toBeInTheDocument();
    const params = paramsOf(backend.requests[0]!);
    expect(params.get('from')).toBe('1700000000000');
    expect(params.get('to')).toBe('1700003600000');
    expect(backend.requests[0]!.url).toMatch(/^api\/plugin-proxy\/rpaanalytics-analytics-app\/analyzer\/analytics\//);
  });
});
