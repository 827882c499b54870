import type { WorkflowSettings } from '../api/types';
import { checkSettings, settingsBody, settingsFieldOf, settingsFormValues } from './settingsFormModel';

const stored: WorkflowSettings = {
  workflow_id: 'invoice-entry',
  manual_minutes_per_case: 15,
  cost_per_hour: 40,
  currency: 'EUR',
  failure_handling_minutes: 6,
  cron: '0 * * * 1-5',
  timezone: 'Europe/Berlin',
  tolerance_minutes: 10,
  updated_at: '2026-11-18T12:00:00.000Z',
};

describe('workflow settings form model', () => {
  it('sends stored settings back unchanged (the PUT replaces the whole record)', () => {
    expect(settingsBody(settingsFormValues(stored))).toEqual({
      manual_minutes_per_case: 15,
      cost_per_hour: 40,
      currency: 'EUR',
      failure_handling_minutes: 6,
      cron: '0 * * * 1-5',
      timezone: 'Europe/Berlin',
      tolerance_minutes: 10,
    });
  });

  it('starts a workflow without settings empty, with the analyzer defaults', () => {
    expect(settingsBody(settingsFormValues(undefined))).toEqual({
      manual_minutes_per_case: null,
      cost_per_hour: null,
      currency: null,
      failure_handling_minutes: 0,
      cron: null,
      timezone: 'UTC',
      tolerance_minutes: null,
    });
  });

  test.each([
    [{ manual_minutes_per_case: '-1' }, 'manual_minutes_per_case'],
    [{ cost_per_hour: 'forty' }, 'cost_per_hour'],
    [{ currency: 'eur' }, 'currency'],
    [{ timezone: ' ' }, 'timezone'],
    [{ tolerance_minutes: '1e999' }, 'tolerance_minutes'],
  ])('refuses %j under %s', (change, field) => {
    expect(Object.keys(checkSettings({ ...settingsFormValues(stored), ...change }))).toEqual([field]);
  });

  it('accepts decimal minutes and an empty cost', () => {
    const values = { ...settingsFormValues(undefined), manual_minutes_per_case: '2.5' };
    expect(checkSettings(values)).toEqual({});
    expect(settingsBody(values).manual_minutes_per_case).toBe(2.5);
  });

  test.each([
    ['cron', 'cron'],
    ['body.manual_minutes_per_case', 'manual_minutes_per_case'],
    ['workflow_id', undefined],
  ])('maps the error field %s to %s', (field, expected) => {
    expect(settingsFieldOf(field)).toBe(expected);
  });
});
