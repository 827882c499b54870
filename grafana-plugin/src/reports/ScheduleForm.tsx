import React, { useMemo, useState } from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import {
  Alert,
  Button,
  Combobox,
  Field,
  Input,
  RadioButtonGroup,
  Stack,
  Switch,
  useStyles2,
  type ComboboxOption,
} from '@grafana/ui';

import type { ReportTemplateInfo, ScheduleSpec } from '../api/reportTypes';
import type { ReportFormat, ReportTemplate } from '../api/types';
import { useAnalyzerForm } from '../components/useAnalyzerForm';
import { testIds } from '../testIds';
import {
  checkForm,
  formFieldOf,
  scheduleBody,
  timeZones,
  type FormField,
  type ScheduleFormValues,
} from './scheduleFormModel';

const FORMATS: Array<{ label: string; value: ReportFormat }> = [
  { label: 'PDF', value: 'pdf' },
  { label: 'HTML', value: 'html' },
];
const RANGES: Array<{ label: string; value: ScheduleFormValues['range'] }> = [
  { label: 'Last 24 hours', value: '24h' },
  { label: 'Last 7 days', value: '7d' },
  { label: 'Last 30 days', value: '30d' },
];

interface Props {
  initial: ScheduleFormValues;
  templates: ReportTemplateInfo[];
  submitLabel: string;
  /** Sends the body; a rejection with `{ field, message }` lands next to that field. */
  onSubmit: (body: ScheduleSpec) => Promise<void>;
  onCancel: () => void;
}

/** Creates or edits a schedule: when (cron in a zone), what (template, range), where (e-mail, webhook). */
export function ScheduleForm({ initial, templates, submitLabel, onSubmit, onCancel }: Props) {
  const styles = useStyles2(getStyles);
  const [values, setValues] = useState(initial);
  const form = useAnalyzerForm<ScheduleFormValues, FormField>({
    check: checkForm,
    fieldOf: formFieldOf,
    send: (v) => onSubmit(scheduleBody(v)),
  });
  const { errors, general, busy } = form;
  const zones = useMemo<Array<ComboboxOption<string>>>(() => timeZones().map((z) => ({ label: z, value: z })), []);
  const templateOptions = templates.map((t) => ({ label: t.title, value: t.template, description: t.description }));

  const set = <K extends keyof ScheduleFormValues>(key: K, value: ScheduleFormValues[K]) =>
    setValues((v) => ({ ...v, [key]: value }));

  const submit = () => form.submit(values);

  const fieldProps = (field: FormField) => ({
    invalid: errors[field] !== undefined,
    error: errors[field],
    'data-testid': `${testIds.reports.fieldPrefix}${field}`,
  });

  return (
    <div className={styles.form} data-testid={testIds.reports.scheduleForm}>
      <Stack gap={2} wrap="wrap">
        <Field label="Name" {...fieldProps('name')}>
          <Input width={32} value={values.name} onChange={(e) => set('name', e.currentTarget.value)} />
        </Field>
        <Field label="Cron" description="minute hour day-of-month month day-of-week, or @daily" {...fieldProps('cron')}>
          <Input width={24} value={values.cron} onChange={(e) => set('cron', e.currentTarget.value)} />
        </Field>
        <Field label="Time zone" description="IANA; runs follow its daylight saving" {...fieldProps('timezone')}>
          <Combobox
            width={32}
            options={zones}
            value={values.timezone}
            onChange={(option) => option && set('timezone', option.value)}
          />
        </Field>
      </Stack>
      <Stack gap={2} wrap="wrap">
        <Field label="Report" {...fieldProps('template')}>
          <RadioButtonGroup<ReportTemplate>
            options={templateOptions}
            value={values.template}
            onChange={(v) => set('template', v)}
          />
        </Field>
        <Field label="Covers" {...fieldProps('range')}>
          <RadioButtonGroup options={RANGES} value={values.range} onChange={(v) => set('range', v)} />
        </Field>
        <Field label="Format">
          <RadioButtonGroup options={FORMATS} value={values.format} onChange={(v) => set('format', v)} />
        </Field>
        {values.template !== 'fleet' && (
          <Field
            label="Workflow"
            description={values.template === 'workflow' ? 'Required' : 'Optional: narrows the report'}
            {...fieldProps('workflow')}
          >
            <Input width={28} value={values.workflowId} onChange={(e) => set('workflowId', e.currentTarget.value)} />
          </Field>
        )}
      </Stack>
      <Stack gap={2} wrap="wrap">
        <Field
          label="E-mail recipients"
          description="Separated by commas; the report is attached"
          {...fieldProps('email')}
        >
          <Input
            width={48}
            value={values.emails}
            placeholder="ops@example.com, lead@example.com"
            onChange={(e) => set('emails', e.currentTarget.value)}
          />
        </Field>
        <Field label="Webhook URL" description="Signed POST with the report inline" {...fieldProps('webhook')}>
          <Input
            width={48}
            value={values.webhookUrl}
            placeholder="https://hooks.example.com/rpa"
            onChange={(e) => set('webhookUrl', e.currentTarget.value)}
          />
        </Field>
        <Field label="Enabled">
          <Switch value={values.enabled} onChange={(e) => set('enabled', e.currentTarget.checked)} />
        </Field>
      </Stack>
      {general && (
        <Alert severity="error" title="The analyzer refused the schedule">
          {general}
        </Alert>
      )}
      <Stack gap={1}>
        <Button onClick={submit} disabled={busy} data-testid={testIds.reports.scheduleSubmit}>
          {submitLabel}
        </Button>
        <Button variant="secondary" fill="outline" onClick={onCancel} disabled={busy}>
          Cancel
        </Button>
      </Stack>
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  form: css({
    padding: theme.spacing(2),
    marginBottom: theme.spacing(2),
    border: `1px solid ${theme.colors.border.medium}`,
    borderRadius: theme.shape.radius.default,
  }),
});
