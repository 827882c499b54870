/** The schedule form as plain data: its values, the body it sends, and where the analyzer's errors go. */
import type { ReportFormat, ReportTemplate } from '../api/types';
import type { Schedule, ScheduleRange, ScheduleSpec } from '../api/reportTypes';

export type FormField = 'name' | 'cron' | 'timezone' | 'template' | 'range' | 'workflow' | 'email' | 'webhook';

export interface ScheduleFormValues {
  name: string;
  cron: string;
  timezone: string;
  template: ReportTemplate;
  format: ReportFormat;
  range: '24h' | '7d' | '30d';
  workflowId: string;
  /** Comma, semicolon or whitespace separated addresses. */
  emails: string;
  webhookUrl: string;
  enabled: boolean;
}

export type FieldErrors = Partial<Record<FormField, string>>;

/** The browser's zone: where the person filling the form most likely reads the reports. */
export function localTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** Every IANA zone the browser knows (the analyzer checks the name again). */
export function timeZones(): string[] {
  const supported = (Intl as { supportedValuesOf?: (key: string) => string[] }).supportedValuesOf?.('timeZone');
  return supported && supported.length > 0 ? supported : ['UTC'];
}

export function emptyForm(timezone = localTimeZone()): ScheduleFormValues {
  return {
    name: '',
    cron: '0 7 * * 1',
    timezone,
    template: 'fleet',
    format: 'pdf',
    range: '7d',
    workflowId: '',
    emails: '',
    webhookUrl: '',
    enabled: true,
  };
}

/** A range the form has no button for (milliseconds) shows as the nearest named one. */
function namedRange(range: ScheduleRange | undefined): ScheduleFormValues['range'] {
  if (range === '24h' || range === '7d' || range === '30d') {
    return range;
  }
  if (typeof range === 'number') {
    return range <= 86_400_000 ? '24h' : range <= 7 * 86_400_000 ? '7d' : '30d';
  }
  return '24h';
}

export function formOf(schedule: Schedule): ScheduleFormValues {
  return {
    name: schedule.name,
    cron: schedule.cron,
    timezone: schedule.timezone,
    template: schedule.report.template,
    format: schedule.report.format ?? 'pdf',
    range: namedRange(schedule.report.range),
    workflowId: schedule.report.workflow_id ?? '',
    emails: schedule.email?.to.join(', ') ?? '',
    webhookUrl: schedule.webhook?.url ?? '',
    enabled: schedule.enabled,
  };
}

export function parseRecipients(text: string): string[] {
  return text
    .split(/[\s,;]+/)
    .map((a) => a.trim())
    .filter((a) => a !== '');
}

/** What the form says before asking the analyzer: only what needs no server rules. */
export function checkForm(values: ScheduleFormValues): FieldErrors {
  const errors: FieldErrors = {};
  if (values.name.trim() === '') {
    errors.name = 'Give the schedule a name';
  }
  if (values.cron.trim() === '') {
    errors.cron = 'A cron expression, e.g. 0 7 * * 1 (Mondays 07:00)';
  }
  if (values.template === 'workflow' && values.workflowId.trim() === '') {
    errors.workflow = 'The workflow report needs a workflow';
  }
  if (parseRecipients(values.emails).length === 0 && values.webhookUrl.trim() === '') {
    errors.email = 'Add e-mail recipients, a webhook URL, or both';
  }
  return errors;
}

/**
 * The body of POST (and of PATCH: every field, so an edit replaces the schedule's
 * spec; a removed target is sent as null, which the analyzer takes as "remove").
 */
export function scheduleBody(values: ScheduleFormValues): ScheduleSpec {
  const recipients = parseRecipients(values.emails);
  const workflowId = values.workflowId.trim();
  return {
    name: values.name.trim(),
    cron: values.cron.trim(),
    timezone: values.timezone,
    enabled: values.enabled,
    report: {
      template: values.template,
      format: values.format,
      range: values.range,
      // The fleet report covers every workflow; the others take one (the workflow report needs it).
      ...(workflowId !== '' && values.template !== 'fleet' ? { workflow_id: workflowId } : {}),
    },
    email: recipients.length > 0 ? { to: recipients } : null,
    webhook: values.webhookUrl.trim() !== '' ? { url: values.webhookUrl.trim() } : null,
  };
}

/** The analyzer names fields by their path in the body (`report.workflow_id`, `email.to`, `webhook.url`). */
export function formFieldOf(field: string): FormField | undefined {
  const [head, sub] = field.split('.');
  switch (head) {
    case 'name':
    case 'cron':
    case 'timezone':
      return head;
    case 'email':
      return 'email';
    case 'webhook':
      return 'webhook';
    case 'report':
      return sub === 'workflow_id' ? 'workflow' : sub === 'range' ? 'range' : 'template';
    default:
      return undefined;
  }
}
