import { fieldErrorOf } from '../api/fieldError';
import type { Schedule } from '../api/reportTypes';
import {
  checkForm,
  emptyForm,
  formFieldOf,
  formOf,
  parseRecipients,
  scheduleBody,
  type FormField,
} from './scheduleFormModel';

describe('scheduleFormModel', () => {
  test.each<[string, FormField | undefined]>([
    ['name', 'name'],
    ['cron', 'cron'],
    ['timezone', 'timezone'],
    ['report.template', 'template'],
    ['report.workflow_id', 'workflow'],
    ['report.range', 'range'],
    ['email', 'email'],
    ['email.to', 'email'],
    ['email.to.1', 'email'],
    ['webhook.url', 'webhook'],
    ['request', undefined],
    ['limit', undefined],
  ])('the analyzer field %s goes under the form field %s', (field, formField) => {
    expect(formFieldOf(field)).toBe(formField);
  });

  test.each<[string, string[]]>([
    ['a@example.com', ['a@example.com']],
    [
      'a@example.com, b@example.com;c@example.com  d@example.com',
      ['a@example.com', 'b@example.com', 'c@example.com', 'd@example.com'],
    ],
    [' , ', []],
  ])('recipients of %j', (text, addresses) => {
    expect(parseRecipients(text)).toEqual(addresses);
  });

  test.each<[unknown, ReturnType<typeof fieldErrorOf>]>([
    [
      { status: 400, data: { field: 'cron', message: 'cron: invalid cron expression "x"' } },
      { field: 'cron', message: 'invalid cron expression "x"' },
    ],
    [
      { status: 400, data: { field: 'report.range', message: 'report.range must be ≤ 30d' } },
      { field: 'report.range', message: 'report.range must be ≤ 30d' },
    ],
    [{ status: 403, data: { error: 'forbidden', message: 'editor needed' } }, undefined],
    [{ status: 0, data: 'network down' }, undefined],
    [null, undefined],
  ])('field error of %j', (error, expected) => {
    expect(fieldErrorOf(error)).toEqual(expected);
  });

  it('leaves the workflow out of the fleet report and sends removed targets as null', () => {
    const body = scheduleBody({
      ...emptyForm('Europe/Berlin'),
      name: ' Weekly ',
      workflowId: 'payroll',
      webhookUrl: ' https://h.example/x ',
    });
    expect(body).toEqual({
      name: 'Weekly',
      cron: '0 7 * * 1',
      timezone: 'Europe/Berlin',
      enabled: true,
      report: { template: 'fleet', format: 'pdf', range: '7d' },
      email: null,
      webhook: { url: 'https://h.example/x' },
    });
  });

  it('edits a schedule as it is: form of a schedule, body of the form', () => {
    const schedule = {
      name: 'Payroll',
      cron: '30 6 * * 1-5',
      timezone: 'America/New_York',
      enabled: false,
      report: { template: 'workflow', format: 'html', range: '30d', workflow_id: 'payroll' },
      email: { to: ['a@example.com', 'b@example.com'] },
      webhook: null,
    } as unknown as Schedule;
    const { name, cron, timezone, enabled, report, email, webhook } = schedule;
    expect(scheduleBody(formOf(schedule))).toEqual({ name, cron, timezone, enabled, report, email, webhook });
  });

  test.each<[string, Partial<ReturnType<typeof emptyForm>>, FormField[]]>([
    ['a complete form', { name: 'x', webhookUrl: 'https://h.example' }, []],
    ['nothing filled in', { cron: ' ' }, ['name', 'cron', 'email']],
    [
      'the workflow report without a workflow',
      { name: 'x', emails: 'a@example.com', template: 'workflow' },
      ['workflow'],
    ],
  ])('checks %s before sending', (_name, values, fields) => {
    expect(Object.keys(checkForm({ ...emptyForm('UTC'), ...values })).sort()).toEqual([...fields].sort());
  });
});
