import { checkScheduleSpec, rangeMs, type ScheduleSpec } from './schedule';

const valid: ScheduleSpec = {
  name: 'Daily fleet',
  cron: '30 2 * * *',
  timezone: 'America/New_York',
  enabled: true,
  report: { template: 'fleet', format: 'pdf', range: '7d' },
  email: { to: ['ops@example.com'] },
  webhook: { url: 'https://hooks.example.com/x' },
};

describe('checkScheduleSpec', () => {
  it('accepts a whole, valid spec', () => {
    expect(checkScheduleSpec(valid, { emailEnabled: true })).toEqual({ ok: true });
  });

  it.each<[string, Partial<ScheduleSpec>, string]>([
    ['an invalid cron', { cron: '61 * * * *' }, 'cron'],
    ['six fields', { cron: '0 0 2 * * *' }, 'cron'],
    ['an unknown time zone', { timezone: 'Europe/Atlantis' }, 'timezone'],
    ['an offset for a zone', { timezone: '+01:00' }, 'timezone'],
    [
      'an unknown template',
      { report: { template: 'weekly' as never, format: 'pdf', range: '7d' } },
      'report.template',
    ],
    [
      'workflow without workflow_id',
      { report: { template: 'workflow', format: 'pdf', range: '7d' } },
      'report.workflow_id',
    ],
    ['a range too short', { report: { template: 'fleet', format: 'pdf', range: 10 } }, 'report.range'],
    ['no delivery target', { email: null, webhook: null }, 'email'],
    ['a bad address', { email: { to: ['ops@example.com', 'not-an-address'] } }, 'email.to'],
    ['no recipients', { email: { to: [] } }, 'email.to'],
    ['a file: webhook', { webhook: { url: 'file:///etc/passwd' } }, 'webhook.url'],
    ['a gopher: webhook', { webhook: { url: 'gopher://127.0.0.1:6379/_FLUSHALL' } }, 'webhook.url'],
    ['credentials in the webhook URL', { webhook: { url: 'https://u:p@hooks.example.com/' } }, 'webhook.url'],
    ['a relative webhook URL', { webhook: { url: '/hook' } }, 'webhook.url'],
  ])('refuses %s, naming %s', (_what, change, field) => {
    const result = checkScheduleSpec({ ...valid, ...change }, { emailEnabled: true });
    expect(result).toMatchObject({ ok: false, field });
  });

  it('refuses e-mail without an SMTP server configured', () => {
    expect(checkScheduleSpec(valid, { emailEnabled: false })).toMatchObject({ ok: false, field: 'email' });
    expect(checkScheduleSpec({ ...valid, email: null }, { emailEnabled: false })).toEqual({ ok: true });
  });
});

describe('rangeMs', () => {
  it.each([
    ['24h', 86_400_000],
    ['7d', 604_800_000],
    ['30d', 2_592_000_000],
    [3_600_000, 3_600_000],
  ] as const)('%s → %d ms', (range, ms) => expect(rangeMs(range)).toBe(ms));
});
