import React, { type ReactElement } from 'react';
import { act, fireEvent, screen } from '@testing-library/react';
import { config } from '@grafana/runtime';

import { AnalyzerProvider } from '../api/AnalyzerContext';
import { grafanaHost } from '../api/grafanaHost';
import { HostProvider, type Host, type Role } from '../api/HostContext';
import { allRoutes } from '../test/fixtures';
import { installFakeBackend } from '../test/fakeBackendSrv';
import { renderPage } from '../test/renderPage';
import { testIds } from '../testIds';
import { Anomalies } from './Anomalies';
import { Compare } from './Compare';
import { Insights } from './Insights';
import { Live } from './Live';
import { Overview } from './Overview';
import { Workflow } from './Workflow';

const VIEWER = 'api/plugin-proxy/rpaanalytics-analytics-app/analyzer';
const RANGE = 'from=1700000000000&to=1700003600000';

const host = (role: Role, kind: Host['kind'] = 'grafana'): Host => ({
  kind,
  role,
  analyzerUrl: 'http://analyzer:8080',
});

function withHost(page: ReactElement, h: Host | undefined) {
  return h ? <HostProvider host={h}>{page}</HostProvider> : page;
}

async function openExportMenu() {
  await act(async () => {
    fireEvent.click(await screen.findByTestId(testIds.sharing.exportButton));
  });
}

const item = (key: string) => screen.getByTestId(`${testIds.sharing.exportItemPrefix}${key}`);

class SilentEventSource {
  addEventListener() {}
  close() {}
}

beforeAll(() => {
  (globalThis as { EventSource?: unknown }).EventSource = SilentEventSource;
});
afterAll(() => {
  delete (globalThis as { EventSource?: unknown }).EventSource;
});

describe('Export menu on every page', () => {
  test.each<[string, ReactElement, string, string[], string, string]>([
    [
      'Overview',
      <Overview key="o" />,
      `/overview?${RANGE}`,
      ['executions'],
      `${VIEWER}/analytics/export/executions?format=csv&${RANGE}`,
      `${VIEWER}/reports/fleet?format=pdf&${RANGE}`,
    ],
    [
      'Workflow',
      <Workflow key="w" />,
      `/workflow?${RANGE}&workflow=payroll-sync`,
      ['executions', 'steps'],
      `${VIEWER}/analytics/export/executions?format=csv&${RANGE}&workflow_id=payroll-sync`,
      `${VIEWER}/reports/workflow?format=pdf&${RANGE}&workflow_id=payroll-sync`,
    ],
    [
      'Anomalies',
      <Anomalies key="a" />,
      `/anomalies?${RANGE}`,
      ['anomalies'],
      `${VIEWER}/analytics/export/anomalies?format=csv&${RANGE}`,
      `${VIEWER}/reports/anomalies?format=pdf&${RANGE}`,
    ],
    [
      'Insights',
      <Insights key="i" />,
      `/insights?${RANGE}&workflow=payroll-sync`,
      ['insights'],
      `${VIEWER}/analytics/export/insights?format=csv&${RANGE}&workflow_id=payroll-sync`,
      `${VIEWER}/reports/insights?format=pdf&${RANGE}`,
    ],
    [
      'Compare',
      <Compare key="c" />,
      `/compare?${RANGE}&workflows=payroll-sync,invoice-entry`,
      ['executions'],
      `${VIEWER}/analytics/export/executions?format=csv&${RANGE}&workflow_id=payroll-sync&workflow_id=invoice-entry`,
      `${VIEWER}/reports/fleet?format=pdf&${RANGE}`,
    ],
  ])('%s: its data sets for its range and filters, and its report', async (_name, page, url, datasets, csv, pdf) => {
    installFakeBackend(allRoutes);
    await renderPage(withHost(page, host('viewer')), url);
    await openExportMenu();
    const keys = screen
      .getAllByRole('menuitem')
      .map((el) => el.getAttribute('data-testid')!.slice(testIds.sharing.exportItemPrefix.length));
    expect(keys).toEqual([
      ...datasets.flatMap((d) => [`${d}.csv`, `${d}.jsonl`, `${d}.parquet`]),
      'report.pdf',
      'report.html',
    ]);
    expect(item(`${datasets[0]}.csv`)).toHaveAttribute('href', csv);
    expect(item(`${datasets[0]}.parquet`)).toHaveAttribute('href', csv.replace('format=csv', 'format=parquet'));
    expect(item(`${datasets[0]}.jsonl`)).toHaveTextContent('JSON Lines');
    expect(item('report.pdf')).toHaveAttribute('href', pdf);
    expect(item('report.html')).toHaveAttribute('href', pdf.replace('format=pdf', 'format=html'));
    // Grafana routes target-less links inside its app; downloads must reach the browser.
    expect(item(`${datasets[0]}.csv`)).toHaveAttribute('target', '_self');
    expect(item('report.pdf')).toHaveAttribute('target', '_blank');
  });

  it('Live: executions and anomalies of the last hour, and the anomalies report', async () => {
    installFakeBackend({ '/analytics/executions/live': { data: { items: [], total: 0, next_cursor: null } } });
    await renderPage(withHost(<Live />, host('viewer')), '/live');
    await openExportMenu();
    const csv = new URL(item('anomalies.csv').getAttribute('href')!, 'http://grafana/');
    expect(csv.pathname).toBe(`/${VIEWER}/analytics/export/anomalies`);
    const from = Number(csv.searchParams.get('from'));
    const to = Number(csv.searchParams.get('to'));
    expect(to - from).toBe(3_660_000);
    expect(Math.abs(to - Date.now())).toBeLessThanOrEqual(60_000);
    expect(item('executions.jsonl')).toHaveAttribute('href', expect.stringContaining('format=jsonl'));
    expect(item('report.pdf')).toHaveAttribute('href', expect.stringContaining(`${VIEWER}/reports/anomalies?`));
  });

  it('in /ui, links go to the analyzer itself (its session cookie authenticates them)', async () => {
    installFakeBackend(allRoutes);
    await renderPage(
      <AnalyzerProvider endpoints={{ viewerBase: '', editorBase: '' }}>
        {withHost(<Overview />, host('viewer', 'standalone'))}
      </AnalyzerProvider>,
      `/overview?${RANGE}`
    );
    await openExportMenu();
    expect(item('executions.csv')).toHaveAttribute('href', `/analytics/export/executions?format=csv&${RANGE}`);
  });
});

describe('role gating', () => {
  const shareButton = () => screen.queryByTestId(testIds.sharing.shareButton);
  const createDashboard = () => screen.queryByTestId(testIds.sharing.createDashboard);
  const workflowUrl = `/workflow?${RANGE}&workflow=payroll-sync`;

  test.each<[string, Host, boolean, boolean]>([
    ['a Grafana viewer: export only', host('viewer'), false, false],
    ['a Grafana editor: share link and dashboard', host('editor'), true, true],
    ['a Grafana admin: share link and dashboard', host('admin'), true, true],
    ['a /ui viewer: export only', host('viewer', 'standalone'), false, false],
    ['a /ui editor: share link, no Grafana dashboard', host('editor', 'standalone'), true, false],
    ['an unknown role (session still loading): export only', { ...host('viewer'), role: undefined }, false, false],
  ])('%s', async (_name, h, share, dashboard) => {
    installFakeBackend(allRoutes);
    await renderPage(withHost(<Workflow />, h), workflowUrl);
    expect(await screen.findByTestId(testIds.sharing.exportButton)).toBeInTheDocument();
    expect(Boolean(shareButton())).toBe(share);
    expect(Boolean(createDashboard())).toBe(dashboard);
  });

  it('offers no dashboard before a workflow is chosen', async () => {
    installFakeBackend(allRoutes);
    await renderPage(withHost(<Workflow />, host('editor')), `/workflow?${RANGE}`);
    expect(await screen.findByTestId(testIds.sharing.shareButton)).toBeInTheDocument();
    expect(createDashboard()).toBeNull();
  });

  it('without a host (role unknown), export only', async () => {
    installFakeBackend(allRoutes);
    await renderPage(<Overview />, `/overview?${RANGE}`);
    expect(await screen.findByTestId(testIds.sharing.exportButton)).toBeInTheDocument();
    expect(shareButton()).toBeNull();
  });

  describe("in Grafana, from the user's org role in the boot data", () => {
    const user = config.bootData.user;
    afterEach(() => {
      config.bootData.user = user;
    });

    test.each([
      ['Viewer', false],
      ['Editor', true],
      ['Admin', true],
    ])('%s: share link shown: %s', async (orgRole, share) => {
      config.bootData.user = { ...user, orgRole } as typeof user;
      installFakeBackend(allRoutes);
      const h = grafanaHost({ analyzerUrl: 'http://analyzer:8080' });
      expect(h.analyzerUrl).toBe('http://analyzer:8080');
      await renderPage(withHost(<Overview />, h), `/overview?${RANGE}`);
      expect(await screen.findByTestId(testIds.sharing.exportButton)).toBeInTheDocument();
      expect(Boolean(shareButton())).toBe(share);
    });
  });
});
