import React from 'react';
import { act, fireEvent, render, screen } from '@testing-library/react';

import { installFakeBackend } from '../test/fakeBackendSrv';
import { testIds } from '../testIds';
import { CreateDashboardButton, SAVE_DASHBOARD_PATH } from './CreateDashboardButton';
import type { SaveDashboardRequest } from './workflowDashboard';

async function clickCreate() {
  await act(async () => {
    render(<CreateDashboardButton workflowId="payroll-sync" time={{ from: 'now-24h', to: 'now' }} />);
  });
  await act(async () => {
    fireEvent.click(screen.getByTestId(testIds.sharing.createDashboard));
    await new Promise((resolve) => setTimeout(resolve, 0));
  });
}

describe('Create dashboard for this workflow', () => {
  it("posts the templated workflow dashboard to Grafana's dashboard API and links to the new one", async () => {
    const backend = installFakeBackend({
      [SAVE_DASHBOARD_PATH]: { data: { uid: 'rpa-wf-payroll-sync-x', url: '/grafana/d/rpa-wf-payroll-sync-x/rpa' } },
    });
    await clickCreate();
    expect(backend.requests).toHaveLength(1);
    const request = backend.requests[0]!;
    expect([request.method, request.url]).toEqual(['POST', 'api/dashboards/db']);
    const body = request.data as SaveDashboardRequest;
    expect(body.overwrite).toBe(false);
    expect(body.dashboard.id).toBeNull();
    expect(body.dashboard.uid).toMatch(/^rpa-wf-payroll-sync-[a-z0-9]{8}$/);
    expect(body.dashboard.title).toBe('RPA Workflow Detail: payroll-sync');
    expect(body.dashboard.time).toEqual({ from: 'now-24h', to: 'now' });
    const workflow = body.dashboard.templating.list.find((v) => v.name === 'workflow')!;
    expect(workflow.current).toEqual({ text: ['payroll-sync'], value: ['payroll-sync'] });
    expect(body.dashboard.panels.length).toBeGreaterThan(4);
    expect(screen.getByTestId(testIds.sharing.createDashboardLink)).toHaveAttribute(
      'href',
      '/grafana/d/rpa-wf-payroll-sync-x/rpa'
    );
  });

  it('gives every dashboard its own uid', async () => {
    const backend = installFakeBackend({ [SAVE_DASHBOARD_PATH]: { data: { uid: 'u', url: '/d/u' } } });
    await clickCreate();
    await act(async () => {
      fireEvent.click(screen.getByTestId(testIds.sharing.createDashboard));
      await new Promise((resolve) => setTimeout(resolve, 0));
    });
    const uids = backend.requests.map((r) => (r.data as SaveDashboardRequest).dashboard.uid);
    expect(uids).toHaveLength(2);
    expect(uids[0]).not.toBe(uids[1]);
  });

  it("shows Grafana's refusal inline", async () => {
    installFakeBackend({
      [SAVE_DASHBOARD_PATH]: { status: 403, data: { message: 'Permissions needed: dashboards:create' } },
    });
    await clickCreate();
    expect(screen.getByTestId(testIds.sharing.createDashboardError)).toHaveTextContent(
      'Grafana refused (HTTP 403): Permissions needed: dashboards:create.'
    );
    expect(screen.queryByTestId(testIds.sharing.createDashboardLink)).toBeNull();
  });
});
