import type { WorkflowSettings, WorkflowSettingsUpdate } from '../api/types';

/** The settings form as typed: text per field, numbers parsed on submit. */
export interface SettingsFormValues {
  manual_minutes_per_case: string;
  cost_per_hour: string;
  currency: string;
  failure_handling_minutes: string;
  cron: string;
  timezone: string;
  tolerance_minutes: string;
}

export type SettingsField = keyof SettingsFormValues;
export type SettingsErrors = Partial<Record<SettingsField, string>>;

const FIELDS: readonly SettingsField[] = [
  'manual_minutes_per_case',
  'cost_per_hour',
  'currency',
  'failure_handling_minutes',
  'cron',
  'timezone',
  'tolerance_minutes',
];
const NUMBER_FIELDS = [
  'manual_minutes_per_case',
  'cost_per_hour',
  'failure_handling_minutes',
  'tolerance_minutes',
] as const;

const text = (value: number | string | null | undefined) =>
  value === null || value === undefined ? '' : String(value);

/**
 * The form for a workflow: its stored settings, or empty ones. The PUT replaces the whole
 * record, so every stored field is loaded into the form and sent back as it is unless edited.
 */
export function settingsFormValues(stored: WorkflowSettings | undefined): SettingsFormValues {
  return {
    manual_minutes_per_case: text(stored?.manual_minutes_per_case),
    cost_per_hour: text(stored?.cost_per_hour),
    currency: text(stored?.currency),
    failure_handling_minutes: text(stored?.failure_handling_minutes ?? 0),
    cron: text(stored?.cron),
    timezone: stored?.timezone ?? 'UTC',
    tolerance_minutes: text(stored?.tolerance_minutes),
  };
}

const parseNumber = (value: string): number | null => (value.trim() === '' ? null : Number(value.trim()));

/** What the browser can tell before sending (the analyzer checks cron and time zone itself). */
export function checkSettings(values: SettingsFormValues): SettingsErrors {
  const errors: SettingsErrors = {};
  for (const field of NUMBER_FIELDS) {
    const n = parseNumber(values[field]);
    if (n !== null && (!Number.isFinite(n) || n < 0)) {
      errors[field] = 'Enter a number of 0 or more';
    }
  }
  if (values.currency.trim() !== '' && !/^[A-Z]{3}$/.test(values.currency.trim())) {
    errors.currency = 'Three capital letters (ISO 4217), for example EUR';
  }
  if (values.timezone.trim() === '') {
    errors.timezone = 'An IANA time zone, for example UTC or Europe/Berlin';
  }
  return errors;
}

/** The PUT body: empty optional fields are null (cleared), as the analyzer's schema says. */
export function settingsBody(values: SettingsFormValues): WorkflowSettingsUpdate {
  return {
    manual_minutes_per_case: parseNumber(values.manual_minutes_per_case),
    cost_per_hour: parseNumber(values.cost_per_hour),
    currency: values.currency.trim() || null,
    failure_handling_minutes: parseNumber(values.failure_handling_minutes) ?? 0,
    cron: values.cron.trim() || null,
    timezone: values.timezone.trim(),
    tolerance_minutes: parseNumber(values.tolerance_minutes),
  };
}

/** The form field a 400's `field` names (`manual_minutes_per_case`, `body.cron`…), if it is one. */
export function settingsFieldOf(field: string): SettingsField | undefined {
  const bare = field.replace(/^body\./, '');
  return FIELDS.find((f) => f === bare);
}
