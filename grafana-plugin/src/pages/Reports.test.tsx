import React from 'react';
import { act, fireEvent, screen, within } from '@testing-library/react';
import type { BackendSrvRequest } from '@grafana/runtime';

import { HostProvider, type Host, type Role } from '../api/HostContext';
import type { DeliveryLogEntry, ReportTemplateInfo, Schedule } from '../api/reportTypes';
import { installFakeBackend, type FakeBackend, type Reply, type Route } from '../test/fakeBackendSrv';
import { renderPage } from '../test/renderPage';
import { testIds } from '../testIds';
import { Reports } from './Reports';

const VIEWER = 'api/plugin-proxy/rpaanalytics-analytics-app/analyzer';
const EDITOR = 'api/plugin-proxy/rpaanalytics-analytics-app/analyzer-editor';
const RANGE = 'from=1700000000000&to=1700003600000';

const range = { name: 'from', required: false, description: 'Start' };
const templates: ReportTemplateInfo[] = [
  { template: 'fleet', title: 'Fleet overview', description: 'Every workflow', params: [range] },
  {
    template: 'workflow',
    title: 'Workflow report',
    description: 'One workflow',
    params: [range, { name: 'workflow_id', required: true, description: 'The workflow' }],
  },
];

const schedule: Schedule = {
  id: 's-1',
  name: 'Fleet every Monday',
  owner: 'token:3fa2c1d9b8e7',
  cron: '0 7 * * 1',
  timezone: 'Europe/Berlin',
  enabled: true,
  report: { template: 'fleet', format: 'pdf', range: '7d' },
  email: null,
  webhook: { url: 'https://hooks.example.com/rpa' },
  next_run_at: '2026-12-07T06:00:00.000Z',
  last_run_at: '2026-11-30T06:00:00.000Z',
  last_outcome: 'failed',
  running: false,
  created_at: '2026-11-01T00:00:00.000Z',
  updated_at: '2026-11-01T00:00:00.000Z',
};

const deliveries: DeliveryLogEntry[] = [
  {
    id: 'd-2',
    run_id: 'r-1',
    channel: 'webhook',
    attempt: 2,
    status: 'failed',
    at: '2026-11-30T06:00:04.000Z',
    error: 'HTTP 500 from the receiver',
    retry_in_ms: 4000,
    detail: { status_code: 500 },
  },
  {
    id: 'd-1',
    run_id: 'r-1',
    channel: 'render',
    attempt: 1,
    status: 'succeeded',
    at: '2026-11-30T06:00:00.000Z',
    error: null,
    retry_in_ms: null,
    detail: { filename: 'fleet.pdf', size_bytes: 24576 },
  },
];

function routes(overrides: Record<string, Route> = {}): Record<string, Route> {
  return {
    '/reports/templates': { data: { items: templates } },
    '/analytics/aggregate': { data: { items: [{ group: { workflow_id: 'payroll-sync' }, value: 3, count: 3 }] } },
    '/reports/schedules': (r: BackendSrvRequest): Reply =>
      r.method === 'POST'
        ? { data: { ...schedule, id: 's-2', webhook_secret: 'secret-once' } }
        : { data: { items: [schedule] } },
    '/reports/schedules/s-1': { data: schedule },
    '/reports/schedules/s-1/run': { data: { run_id: 'r-2', schedule_id: 's-1' } },
    '/reports/schedules/s-1/deliveries': { data: { items: deliveries, total: 2, next_cursor: null } },
    '/share-links': { data: { items: [] } },
    ...overrides,
  };
}

const host = (role: Role): Host => ({ kind: 'grafana', role, analyzerUrl: 'http://analyzer:8080' });

async function renderReports(role: Role, overrides: Record<string, Route> = {}): Promise<FakeBackend> {
  const backend = installFakeBackend(routes(overrides));
  await renderPage(
    <HostProvider host={host(role)}>
      <Reports />
    </HostProvider>,
    `/reports?${RANGE}`
  );
  return backend;
}

const click = async (element: HTMLElement) => {
  await act(async () => {
    fireEvent.click(element);
    await new Promise((resolve) => setTimeout(resolve, 0));
  });
};
const type = (testId: string, value: string) =>
  fireEvent.change(within(screen.getByTestId(`${testIds.reports.fieldPrefix}${testId}`)).getByRole('textbox'), {
    target: { value },
  });
const editorRequests = (backend: FakeBackend, method: string) =>
  backend.requests.filter((r) => r.method === method && r.url.startsWith(EDITOR));

describe('Reports page', () => {
  it('offers every template as PDF and HTML for the range; the workflow report waits for a workflow', async () => {
    await renderReports('viewer');
    const pdf = await screen.findByTestId(`${testIds.reports.templateDownload}-fleet`);
    expect(pdf).toHaveAttribute('href', `${VIEWER}/reports/fleet?format=pdf&${RANGE}`);
    expect(pdf).toHaveAttribute('target', '_self');
    expect(screen.getByTestId(`${testIds.reports.templateHtml}-fleet`)).toHaveAttribute(
      'href',
      `${VIEWER}/reports/fleet?format=html&${RANGE}`
    );
    expect(screen.getByText('Choose a workflow above for this report.')).toBeInTheDocument();
  });

  it('puts the chosen workflow into the workflow report', async () => {
    installFakeBackend(routes());
    await renderPage(
      <HostProvider host={host('viewer')}>
        <Reports />
      </HostProvider>,
      `/reports?${RANGE}&workflow=payroll-sync`
    );
    expect(await screen.findByTestId(`${testIds.reports.templateDownload}-workflow`)).toHaveAttribute(
      'href',
      `${VIEWER}/reports/workflow?format=pdf&${RANGE}&workflow_id=payroll-sync`
    );
    expect(screen.queryByText('Choose a workflow above for this report.')).toBeNull();
  });

  it('shares the report it shows: the anomalies report narrowed to the chosen workflow', async () => {
    const backend = installFakeBackend(
      routes({
        '/share-links': (r: BackendSrvRequest): Reply =>
          r.method === 'POST'
            ? {
                data: {
                  link_id: 'l-1',
                  target: {},
                  expires_at: '2026-12-10T00:00:00.000Z',
                  token: 't',
                  url: '/shared/t',
                },
              }
            : { data: { items: [] } },
      })
    );
    const anomalies: ReportTemplateInfo = {
      template: 'anomalies',
      title: 'Anomalies',
      description: '',
      params: [range],
    };
    templates.push(anomalies);
    try {
      await renderPage(
        <HostProvider host={host('editor')}>
          <Reports />
        </HostProvider>,
        `/reports?${RANGE}&workflow=payroll-sync`
      );
      expect(await screen.findByTestId(`${testIds.reports.templateDownload}-anomalies`)).toHaveAttribute(
        'href',
        `${VIEWER}/reports/anomalies?format=pdf&${RANGE}&workflow_id=payroll-sync`
      );
      await click(screen.getByTestId(`${testIds.sharing.shareButton}-anomalies`));
      await click(screen.getByTestId(testIds.sharing.shareCreate));
      expect(editorRequests(backend, 'POST')[0]!.data).toEqual({
        target: {
          template: 'anomalies',
          format: 'pdf',
          from: 1700000000000,
          to: 1700003600000,
          workflow_id: 'payroll-sync',
        },
        expires_in_days: 7,
      });
    } finally {
      templates.pop();
    }
  });

  test.each<[Role, boolean]>([
    ['viewer', false],
    ['editor', true],
    ['admin', true],
  ])('%s: schedules and share links shown: %s', async (role, shown) => {
    const backend = await renderReports(role);
    expect(await screen.findByTestId(`${testIds.reports.templateDownload}-fleet`)).toBeInTheDocument();
    expect(Boolean(screen.queryByTestId(testIds.reports.schedules))).toBe(shown);
    expect(Boolean(screen.queryByTestId(testIds.reports.shareLinks))).toBe(shown);
    expect(Boolean(screen.queryByTestId(`${testIds.sharing.shareButton}-fleet`))).toBe(shown);
    // A viewer's page never asks the editor routes.
    expect(editorRequests(backend, 'GET').length > 0).toBe(shown);
  });

  it('creates a schedule with the body the analyzer expects and shows the webhook secret once', async () => {
    const backend = await renderReports('editor');
    await click(await screen.findByTestId(testIds.reports.scheduleNew));
    type('name', 'Payroll weekly');
    type('cron', '30 6 * * 1-5');
    await click(screen.getByRole('radio', { name: 'Workflow report' }));
    await click(screen.getByRole('radio', { name: 'Last 30 days' }));
    type('workflow', 'payroll-sync');
    type('email', 'ops@example.com, lead@example.com');
    type('webhook', 'https://hooks.example.com/rpa');
    await click(screen.getByTestId(testIds.reports.scheduleSubmit));

    const [post] = editorRequests(backend, 'POST');
    expect(post!.url).toBe(`${EDITOR}/reports/schedules`);
    expect(post!.data).toEqual({
      name: 'Payroll weekly',
      cron: '30 6 * * 1-5',
      timezone: Intl.DateTimeFormat().resolvedOptions().timeZone,
      enabled: true,
      report: { template: 'workflow', format: 'pdf', range: '30d', workflow_id: 'payroll-sync' },
      email: { to: ['ops@example.com', 'lead@example.com'] },
      webhook: { url: 'https://hooks.example.com/rpa' },
    });
    expect(screen.getByTestId(testIds.reports.webhookSecret)).toHaveValue('secret-once');
    expect(screen.queryByTestId(testIds.reports.scheduleForm)).toBeNull();
  });

  it("shows the analyzer's field error next to that field", async () => {
    const backend = await renderReports('editor', {
      '/reports/schedules': (r: BackendSrvRequest): Reply =>
        r.method === 'POST'
          ? {
              status: 400,
              data: { error: 'bad_request', field: 'cron', message: 'cron: invalid cron expression "61 * * * *"' },
            }
          : { data: { items: [] } },
    });
    await click(await screen.findByTestId(testIds.reports.scheduleNew));
    type('name', 'Bad cron');
    type('cron', '61 * * * *');
    type('webhook', 'https://hooks.example.com/rpa');
    await click(screen.getByTestId(testIds.reports.scheduleSubmit));
    expect(editorRequests(backend, 'POST')).toHaveLength(1);
    expect(screen.getByTestId(`${testIds.reports.fieldPrefix}cron`)).toHaveTextContent('invalid cron expression');
    expect(screen.getByTestId(`${testIds.reports.fieldPrefix}name`)).not.toHaveTextContent('invalid');
    // The form stays, with what was typed, for the fix.
    expect(screen.getByTestId(testIds.reports.scheduleForm)).toBeInTheDocument();
  });

  it('asks for a delivery target before sending anything', async () => {
    const backend = await renderReports('editor');
    await click(await screen.findByTestId(testIds.reports.scheduleNew));
    type('name', 'Nowhere');
    await click(screen.getByTestId(testIds.reports.scheduleSubmit));
    expect(editorRequests(backend, 'POST')).toHaveLength(0);
    expect(screen.getByTestId(`${testIds.reports.fieldPrefix}email`)).toHaveTextContent(
      'Add e-mail recipients, a webhook URL, or both'
    );
  });

  it("renders a schedule's delivery log with status, attempt and error", async () => {
    await renderReports('editor');
    const row = await screen.findByTestId(testIds.reports.scheduleRow);
    expect(row).toHaveTextContent('Fleet every Monday');
    expect(row).toHaveTextContent('Europe/Berlin');
    expect(row).toHaveTextContent('webhook: https://hooks.example.com/rpa');
    await click(within(row).getByTestId(testIds.reports.scheduleDeliveries));
    const rows = await screen.findAllByTestId(testIds.reports.deliveryRow);
    expect(rows.map((r) => Array.from(r.querySelectorAll('td')).map((td) => td.textContent))).toEqual([
      ['2026-11-30 06:00:04Z', 'webhook', '2', 'failed', 'HTTP 500 from the receiver', 'HTTP 500 · retry in 4 s'],
      ['2026-11-30 06:00:00Z', 'render', '1', 'succeeded', '', 'fleet.pdf · 24.0 KiB'],
    ]);
  });

  it('disables with a PATCH and runs now with a POST to the editor route', async () => {
    const backend = await renderReports('editor');
    const row = await screen.findByTestId(testIds.reports.scheduleRow);
    await click(within(row).getByRole('switch'));
    const [patch] = editorRequests(backend, 'PATCH');
    expect(patch).toMatchObject({ url: `${EDITOR}/reports/schedules/s-1`, data: { enabled: false } });
    await click(within(row).getByTestId(testIds.reports.scheduleRun));
    expect(editorRequests(backend, 'POST').map((r) => r.url)).toEqual([`${EDITOR}/reports/schedules/s-1/run`]);
    // Running opens the log, to watch the deliveries arrive.
    expect(await screen.findAllByTestId(testIds.reports.deliveryRow)).toHaveLength(2);
  });
});
