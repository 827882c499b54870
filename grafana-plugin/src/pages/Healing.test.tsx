import React from 'react';
import { act, fireEvent, screen, within } from '@testing-library/react';

import { HostProvider, type Role } from '../api/HostContext';
import { installFakeBackend, paramsOf, type Route } from '../test/fakeBackendSrv';
import { healingByTarget, healingRoutes, timeSaved } from '../test/healingFixtures';
import { renderPage } from '../test/renderPage';
import { testIds } from '../testIds';
import { Healing } from './Healing';

const VIEWER = 'api/plugin-proxy/rpaanalytics-analytics-app/analyzer';
const EDITOR = 'api/plugin-proxy/rpaanalytics-analytics-app/analyzer-editor';
const RANGE = 'from=1763596800000&to=1763683200000';

async function renderHealing(role: Role, overrides: Record<string, Route> = {}, url = `/healing?${RANGE}`) {
  const backend = installFakeBackend({ ...healingRoutes, ...overrides });
  await renderPage(
    <HostProvider host={{ kind: 'grafana', role, analyzerUrl: 'http://analyzer:4319' }}>
      <Healing />
    </HostProvider>,
    url
  );
  return backend;
}

const rowsOf = (testId: string) => within(screen.getByTestId(testId)).getAllByRole('row').slice(1);

const click = async (element: HTMLElement) => {
  await act(async () => {
    fireEvent.click(element);
    await new Promise((resolve) => setTimeout(resolve, 0));
  });
};

const input = (field: string) =>
  within(screen.getByTestId(`${testIds.healing.settingsFieldPrefix}${field}`)).getByRole('textbox');

describe('Self-healing page', () => {
  it('shows recoveries by strategy with their totals, and regroups by target through the URL', async () => {
    const backend = await renderHealing('viewer', {
      '/analytics/healing': (r) => ({
        data: paramsOf(r).get('group_by') === 'target' ? healingByTarget : healingRoutes['/analytics/healing'].data,
      }),
    });
    const totals = await screen.findByTestId(testIds.healing.totals);
    expect(totals).toHaveTextContent('42 recoveries');
    expect(totals).toHaveTextContent('88.1 %');
    expect(totals).toHaveTextContent('3 executions failed after a recovery');
    const rows = rowsOf(testIds.healing.recoveries);
    expect(rows[0]).toHaveTextContent('fuzzy_match');
    expect(rows[0]).toHaveTextContent('93.3 % (28/30)');
    expect(rows[1]).toHaveTextContent('75.0 % (9/12)');
    // The page's range goes to every range-based route.
    const healing = backend.requests.find((r) => r.url.startsWith(`${VIEWER}/analytics/healing?`))!;
    expect(paramsOf(healing).get('from')).toBe('1763596800000');

    await click(within(screen.getByTestId(testIds.healing.groupBy)).getByLabelText('Target element'));
    expect(
      await within(screen.getByTestId(testIds.healing.recoveries)).findByText('#login-button')
    ).toBeInTheDocument();
    const [row] = rowsOf(testIds.healing.recoveries);
    expect(row).toHaveTextContent('invoice-entry');
    expect(row).toHaveTextContent('10.00 % of 140 steps');
  });

  it('lists failures after a recovery with a link to the execution', async () => {
    await renderHealing('viewer');
    const section = await screen.findByTestId(testIds.healing.failuresAfterRecovery);
    const [row] = within(section).getAllByRole('row').slice(1);
    expect(row).toHaveTextContent('#login-button');
    expect(row).toHaveTextContent('#submit');
    const url = new URL(within(row!).getByRole('link').getAttribute('href')!, 'http://x');
    expect(url.searchParams.get('execution')).toBe('exec-1207-aaaa');
    expect(url.searchParams.get('workflow')).toBe('invoice-entry');
  });

  it('flags drifting targets with their slope, p-value and a confidence sparkline', async () => {
    await renderHealing('viewer');
    const section = await screen.findByTestId(testIds.healing.drift);
    expect(section).toHaveTextContent('1 of 2 targets flagged');
    const [flagged, flat] = within(section).getAllByRole('row').slice(1);
    expect(flagged).toHaveTextContent('drifting');
    expect(flagged).toHaveTextContent('-0.0120');
    expect(flagged).toHaveTextContent('5.0e-10');
    expect(flagged).toHaveTextContent('0.965 → 0.884');
    expect(within(flagged!).getByRole('img', { name: /confidence of #submit over 28 executions/ })).toBeInTheDocument();
    expect(flat).not.toHaveTextContent('drifting');
    expect(flat).toHaveTextContent('0.340');
  });

  it('ranks healing debt over at least 14 days, highest debt first', async () => {
    const backend = await renderHealing('viewer');
    const section = await screen.findByTestId(testIds.healing.debt);
    expect(section).toHaveTextContent('Healing debt (last 14 days)');
    const rows = within(section).getAllByRole('row').slice(1);
    expect(rows[0]).toHaveTextContent('#login-button');
    expect(rows[0]).toHaveTextContent('14× on 14 days');
    expect(rows[0]).toHaveTextContent('392');
    expect(rows[1]).toHaveTextContent('ocr_fallback, fuzzy_match');
    const debt = backend.requests.find((r) => r.url.includes('/analytics/healing-debt'))!;
    expect(paramsOf(debt).get('days')).toBe('14');
  });

  it('shows time saved per workflow and the fleet total', async () => {
    await renderHealing('viewer');
    expect(await screen.findByTestId(testIds.healing.fleet)).toHaveTextContent('28.0 h saved net');
    expect(screen.getByTestId(testIds.healing.fleet)).toHaveTextContent('1,120 EUR');
    const rows = rowsOf(testIds.healing.timeSaved);
    expect(rows[0]).toHaveTextContent('invoice-entry');
    expect(rows[0]).toHaveTextContent('30.0 h');
    expect(rows[1]).toHaveTextContent('not configured');
  });

  it('shows missing runs first with how overdue, and queue beside run time', async () => {
    await renderHealing('viewer');
    const runs = within(await screen.findByTestId(testIds.healing.expectedRuns))
      .getAllByRole('row')
      .slice(1);
    expect(runs[0]).toHaveTextContent('missing, 1.0 min overdue');
    expect(runs[0]).toHaveTextContent('2026-11-20 10:00:00Z');
    expect(runs[1]).toHaveTextContent('on time');
    expect(runs[1]).toHaveTextContent('learned: every 60.0 min');
    const [queue] = rowsOf(testIds.healing.queueTimes);
    expect(queue).toHaveTextContent('4.20 s');
    expect(queue).toHaveTextContent('38.00 s');
  });

  it('says what the executor must send when a section is empty, and keeps the other sections', async () => {
    const empty = { data: { items: [], total: 0, next_cursor: null } };
    await renderHealing('viewer', {
      '/analytics/healing': {
        data: {
          group_by: 'strategy',
          totals: {
            recoveries: 0,
            recovered: 0,
            success_rate: null,
            recovery_rate: null,
            failed_after_recovery: 0,
            healing_ms_total: 0,
          },
          items: [],
          total: 0,
          next_cursor: null,
        },
      },
      '/analytics/queue-times': {
        data: {
          items: [
            { ...healingRoutes['/analytics/queue-times'].data.items[0]!, with_request_time: 0, queue_ms_median: null },
          ],
          total: 1,
          next_cursor: null,
        },
      },
      '/analytics/expected-runs': empty,
      '/analytics/confidence-drift': { status: 404, data: { message: 'Not Found' } },
    });
    const recoveries = await screen.findByTestId(testIds.healing.recoveries);
    expect(within(recoveries).getByTestId(testIds.state.empty)).toHaveTextContent('rpa.recovery.outcome');
    expect(screen.getByTestId(testIds.healing.expectedRuns)).toHaveTextContent('at least 6 starts');
    expect(screen.getByTestId(testIds.healing.queueTimes)).toHaveTextContent(
      'No executor reported when its runs were requested'
    );
    expect(screen.getByTestId(testIds.healing.queueTimes)).toHaveTextContent('rpa.execution.requested_at');
    expect(within(screen.getByTestId(testIds.healing.drift)).getByTestId(testIds.state.error)).toBeInTheDocument();
    expect(screen.getByTestId(testIds.healing.fleet)).toHaveTextContent('28.0 h');
  });

  it('offers viewers no settings form', async () => {
    await renderHealing('viewer');
    await screen.findByTestId(testIds.healing.fleet);
    expect(screen.queryByRole('button', { name: /Edit settings of/ })).toBeNull();
    expect(screen.queryByTestId(testIds.healing.settingsForm)).toBeNull();
  });

  it('lets an editor change a workflow’s minutes and cost rate, sending the whole record by PUT', async () => {
    let saved = false;
    const backend = await renderHealing('editor', {
      '/analytics/workflow-settings/invoice-entry': (r) => {
        saved = true;
        return {
          data: { ...(r.data as object), workflow_id: 'invoice-entry', updated_at: '2026-11-20T12:00:00.000Z' },
        };
      },
      '/analytics/time-saved': () => ({
        data: saved ? { ...timeSaved, fleet: { ...timeSaved.fleet, net_saved_hours: 38 } } : timeSaved,
      }),
    });
    await click(await screen.findByRole('button', { name: 'Edit settings of invoice-entry' }));
    expect(input('manual_minutes_per_case')).toHaveValue('15');
    fireEvent.change(input('manual_minutes_per_case'), { target: { value: '20' } });
    fireEvent.change(input('cost_per_hour'), { target: { value: '45.5' } });
    await click(screen.getByTestId(testIds.healing.settingsSubmit));

    const put = backend.requests.find((r) => r.method === 'PUT')!;
    expect(put.url).toBe(`${EDITOR}/analytics/workflow-settings/invoice-entry`);
    // The stored cadence goes back unchanged: the PUT replaces the whole record.
    expect(put.data).toEqual({
      manual_minutes_per_case: 20,
      cost_per_hour: 45.5,
      currency: 'EUR',
      failure_handling_minutes: 6,
      cron: '0 * * * 1-5',
      timezone: 'Europe/Berlin',
      tolerance_minutes: 10,
    });
    expect(screen.queryByTestId(testIds.healing.settingsForm)).toBeNull();
    expect(await screen.findByText('38.0 h')).toBeInTheDocument();
  });

  it('shows the analyzer’s 400 under the field it names', async () => {
    const backend = await renderHealing('admin', {
      '/analytics/workflow-settings/payroll-sync': {
        status: 400,
        data: { error: 'bad_request', field: 'cron', message: 'cron: invalid expression "every hour"' },
      },
    });
    await click(await screen.findByRole('button', { name: 'Edit settings of payroll-sync' }));
    expect(input('manual_minutes_per_case')).toHaveValue('');
    fireEvent.change(input('manual_minutes_per_case'), { target: { value: '8' } });
    fireEvent.change(input('cron'), { target: { value: 'every hour' } });
    await click(screen.getByTestId(testIds.healing.settingsSubmit));
    expect(backend.requests.filter((r) => r.method === 'PUT')).toHaveLength(1);
    const cron = screen.getByTestId(`${testIds.healing.settingsFieldPrefix}cron`);
    expect(cron).toHaveTextContent('invalid expression "every hour"');
    expect(screen.getByTestId(testIds.healing.settingsForm)).toBeInTheDocument();
  });

  it('checks a field before sending', async () => {
    const backend = await renderHealing('editor');
    await click(await screen.findByRole('button', { name: 'Edit settings of invoice-entry' }));
    fireEvent.change(input('currency'), { target: { value: 'euro' } });
    await click(screen.getByTestId(testIds.healing.settingsSubmit));
    expect(screen.getByTestId(`${testIds.healing.settingsFieldPrefix}currency`)).toHaveTextContent('ISO 4217');
    expect(backend.requests.filter((r) => r.method === 'PUT')).toHaveLength(0);
  });
});
