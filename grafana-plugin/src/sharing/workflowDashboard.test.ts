import { dateTime } from '@grafana/data';

import { workflowDetail } from '../dashboards/workflowDetail';
import { validatorFor } from '../schemaValidation';
import { dashboardTime, workflowDashboardRequest, workflowDashboardUid } from './workflowDashboard';

describe('workflowDashboardRequest', () => {
  const template = workflowDetail();
  const request = workflowDashboardRequest(template, 'payroll-sync', {
    uid: 'rpa-wf-payroll-sync-abc12345',
    time: { from: 'now-7d', to: 'now' },
  });

  it('creates (never overwrites) a copy of the workflow dashboard with its own uid and title', () => {
    expect(request.overwrite).toBe(false);
    expect(request.message).toContain('payroll-sync');
    expect(request.dashboard.id).toBeNull();
    expect(request.dashboard.uid).toBe('rpa-wf-payroll-sync-abc12345');
    expect(request.dashboard.title).toBe('RPA Workflow Detail: payroll-sync');
    expect(request.dashboard.time).toEqual({ from: 'now-7d', to: 'now' });
    expect(request.dashboard.panels).toEqual(template.panels);
  });

  it('starts $workflow on the workflow and leaves the other variables as templated', () => {
    const byName = new Map(request.dashboard.templating.list.map((v) => [v.name, v]));
    expect(byName.get('workflow')!.current).toEqual({ text: ['payroll-sync'], value: ['payroll-sync'] });
    expect(byName.get('action_type')).toEqual(template.templating.list.find((v) => v.name === 'action_type'));
    expect(byName.get('ds_prometheus')).toEqual(template.templating.list[0]);
    expect(template.templating.list.find((v) => v.name === 'workflow')!.current!.value).toEqual(['$__all']);
  });

  it('is a valid dashboard', () => {
    expect(validatorFor('dashboard')(JSON.parse(JSON.stringify(request.dashboard)))).toEqual([]);
  });

  it('refuses a template without $workflow', () => {
    expect(() => workflowDashboardRequest({ ...template, templating: { list: [] } }, 'w', { uid: 'x' })).toThrow(
      /no \$workflow variable/
    );
  });
});

describe('workflowDashboardUid', () => {
  test.each([
    ['payroll-sync', 'rpa-wf-payroll-sync-abcd1234'],
    ['Invoice Entry (EU)', 'rpa-wf-invoice-entry-eu-abcd1234'],
    ['a'.repeat(80), `rpa-wf-${'a'.repeat(24)}-abcd1234`],
    ['***', 'rpa-wf-abcd1234'],
  ])('%s → %s (Grafana: at most 40 of [a-z0-9-])', (workflowId, uid) => {
    const made = workflowDashboardUid(workflowId, 'abcd1234');
    expect(made).toBe(uid);
    expect(made.length).toBeLessThanOrEqual(40);
    expect(made).toMatch(/^[a-z0-9-]+$/);
  });
});

describe('dashboardTime', () => {
  it('keeps relative bounds and writes absolute ones as ISO', () => {
    const from = dateTime(1700000000000);
    const to = dateTime(1700003600000);
    expect(dashboardTime({ from, to, raw: { from: 'now-24h', to: 'now' } })).toEqual({ from: 'now-24h', to: 'now' });
    expect(dashboardTime({ from, to, raw: { from, to } })).toEqual({
      from: '2023-11-14T22:13:20.000Z',
      to: '2023-11-14T23:13:20.000Z',
    });
  });
});
