import React from 'react';
import { screen } from '@testing-library/react';

import { allRoutes, performance } from '../test/fixtures';
import { installFakeBackend, paramsOf } from '../test/fakeBackendSrv';
import { renderPage } from '../test/renderPage';
import { testIds } from '../testIds';
import { Workflow } from './Workflow';

describe('Workflow page', () => {
  it('asks for a workflow when none is in the URL', async () => {
    installFakeBackend(allRoutes);
    await renderPage(<Workflow />, '/workflow');
    expect(await screen.findByTestId(testIds.state.empty)).toHaveTextContent(/Choose a workflow/);
  });

  it('shows a loading state', async () => {
    installFakeBackend({ '': 'pending' });
    await renderPage(<Workflow />, '/workflow?workflow=payroll-sync');
    expect(screen.getByTestId(testIds.state.loading)).toBeInTheDocument();
  });

  it('names the rejected filter on a 400', async () => {
    installFakeBackend({
      ...allRoutes,
      '/analytics/performance': { status: 400, data: { message: 'bad value for from' } },
    });
    await renderPage(<Workflow />, '/workflow?workflow=payroll-sync');
    expect(await screen.findByTestId(testIds.state.error)).toHaveTextContent(/bad value for from/);
  });

  it('explains a workflow with no finished executions', async () => {
    installFakeBackend({ ...allRoutes, '/analytics/performance': { data: { ...performance, execution_count: 0 } } });
    await renderPage(<Workflow />, '/workflow?workflow=payroll-sync');
    expect(await screen.findByTestId(testIds.state.empty)).toHaveTextContent(/No finished executions of payroll-sync/);
  });

  it('shows statistics, degradation, bottlenecks and executions with trace links', async () => {
    const backend = installFakeBackend(allRoutes);
    await renderPage(<Workflow />, '/workflow?workflow=payroll-sync');
    expect(await screen.findByTestId(testIds.workflow.stats)).toHaveTextContent('10.25 s');
    expect(screen.getByTestId(testIds.workflow.degradation)).toHaveTextContent(/Slower by 34.5 %/);
    expect(screen.getByTestId(testIds.workflow.bottlenecks)).toHaveTextContent('login');
    expect(screen.getByTestId(testIds.workflow.bottlenecks)).toHaveTextContent('41.0 %');
    const chart = screen.getByTestId(testIds.workflow.durationChart);
    expect(chart.querySelector('path')?.getAttribute('d')).toMatch(/^M/);
    expect(chart.querySelectorAll('rect').length).toBeGreaterThan(0);
    const trace = screen.getByRole('link', { name: /open in Tempo/ });
    expect(trace.getAttribute('href')).toContain('4bf92f3577b34da6a3ce929d0e0e4736');
    const perf = backend.requests.find((r) => r.url.includes('/analytics/performance'))!;
    expect(paramsOf(perf).get('workflow_id')).toBe('payroll-sync');
  });

  it('shows the execution an anomaly links to, with its steps', async () => {
    const backend = installFakeBackend(allRoutes);
    await renderPage(<Workflow />, '/workflow?workflow=payroll-sync&execution=e1');
    const execution = await screen.findByTestId(testIds.workflow.execution);
    expect(execution).toHaveTextContent('Execution e1');
    expect(execution).toHaveTextContent('login form not found');
    expect(screen.getByTestId(testIds.workflow.waterfall)).toBeInTheDocument();
    const request = backend.requests.find((r) => r.url.includes('include=steps'));
    expect(paramsOf(request!).getAll('workflow_id')).toEqual(['payroll-sync']);
  });
});
