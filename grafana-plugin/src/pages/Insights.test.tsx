import React from 'react';
import { fireEvent, screen, waitFor } from '@testing-library/react';

import { allRoutes, emptyPage } from '../test/fixtures';
import { installFakeBackend, paramsOf } from '../test/fakeBackendSrv';
import { renderPage } from '../test/renderPage';
import { testIds } from '../testIds';
import { Insights } from './Insights';

describe('Insights page', () => {
  it('shows a loading state', async () => {
    installFakeBackend({ '/analytics/insights': 'pending' });
    await renderPage(<Insights />, '/insights');
    expect(screen.getByTestId(testIds.state.loading)).toBeInTheDocument();
  });

  it('explains a refused token', async () => {
    installFakeBackend({ '/analytics/insights': { status: 401 } });
    await renderPage(<Insights />, '/insights');
    expect(await screen.findByTestId(testIds.state.error)).toHaveTextContent(/viewer and editor tokens/);
  });

  it('explains an empty list', async () => {
    installFakeBackend({ '/analytics/insights': { data: emptyPage } });
    await renderPage(<Insights />, '/insights?category=resource');
    expect(await screen.findByTestId(testIds.state.empty)).toHaveTextContent(/No insights/);
  });

  it('lists insights highest priority first and passes the URL category', async () => {
    const backend = installFakeBackend(allRoutes);
    await renderPage(<Insights />, '/insights?category=reliability');
    const items = await screen.findAllByTestId(testIds.insights.item);
    expect(items[0]).toHaveTextContent('Login step fails on slow screens');
    expect(items[1]).toHaveTextContent('Cache the vendor lookup');
    expect(paramsOf(backend.requests[0]!).get('category')).toBe('reliability');
  });

  it('marks an insight implemented through the editor route', async () => {
    const backend = installFakeBackend({ ...allRoutes, '/implementation': { data: { ok: true } } });
    await renderPage(<Insights />, '/insights');
    const buttons = await screen.findAllByTestId(testIds.insights.markImplemented);
    fireEvent.click(buttons[0]!);
    await waitFor(() => expect(screen.getByText(/Marked as implemented/)).toBeInTheDocument());
    const post = backend.requests.find((r) => r.method === 'POST')!;
    expect(post.url).toBe(
      'api/plugin-proxy/rpaanalytics-analytics-app/analyzer-editor/analytics/insights/i-1/implementation'
    );
    expect(post.data).toEqual({ implemented: true });
  });

  it('tells a viewer that marking needs the editor token', async () => {
    installFakeBackend({ ...allRoutes, '/implementation': { status: 403 } });
    await renderPage(<Insights />, '/insights');
    fireEvent.click((await screen.findAllByTestId(testIds.insights.markImplemented))[0]!);
    expect(await screen.findByText(/writes need the editor token/)).toBeInTheDocument();
  });

  it('links each insight to its workflow, keeping the time range', async () => {
    installFakeBackend(allRoutes);
    await renderPage(<Insights />, '/insights?from=now-7d&to=now');
    const [first] = await screen.findAllByTestId(testIds.insights.workflowLink);
    const url = new URL(first!.getAttribute('href')!, 'http://x');
    expect(url.pathname).toBe('/workflow');
    expect(url.searchParams.get('workflow')).toBe(first!.textContent);
    expect(url.searchParams.get('from')).toBe('now-7d');
  });
});
