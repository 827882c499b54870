import React, { useState } from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { Alert, Button, Field, Input, Stack, useStyles2 } from '@grafana/ui';

import type { WorkflowSettings, WorkflowSettingsUpdate } from '../api/types';
import { useAnalyzerForm } from '../components/useAnalyzerForm';
import { testIds } from '../testIds';
import {
  checkSettings,
  settingsBody,
  settingsFieldOf,
  settingsFormValues,
  type SettingsField,
  type SettingsFormValues,
} from './settingsFormModel';

interface Props {
  workflowId: string;
  stored: WorkflowSettings | undefined;
  /** Sends the body; a rejection with `{ field, message }` lands under that field. */
  onSubmit: (body: WorkflowSettingsUpdate) => Promise<void>;
  onCancel: () => void;
}

const FIELDS: Array<{ field: SettingsField; label: string; description: string; width: number }> = [
  {
    field: 'manual_minutes_per_case',
    label: 'Manual minutes per case',
    description: 'A person doing one case by hand',
    width: 12,
  },
  { field: 'cost_per_hour', label: 'Cost per hour', description: 'Of that person’s time', width: 12 },
  { field: 'currency', label: 'Currency', description: 'ISO 4217, e.g. EUR', width: 8 },
  {
    field: 'failure_handling_minutes',
    label: 'Minutes per failed run',
    description: 'Handling a failure by hand',
    width: 12,
  },
  { field: 'cron', label: 'Expected runs (cron)', description: 'Empty: learned from history', width: 20 },
  { field: 'timezone', label: 'Time zone', description: 'IANA, of the cron', width: 20 },
  { field: 'tolerance_minutes', label: 'Tolerance (minutes)', description: 'Late before missing', width: 12 },
];

/** An editor's settings of one workflow: what its automation saves, and when it should run. */
export function WorkflowSettingsForm({ workflowId, stored, onSubmit, onCancel }: Props) {
  const styles = useStyles2(getStyles);
  const [values, setValues] = useState<SettingsFormValues>(() => settingsFormValues(stored));
  const form = useAnalyzerForm<SettingsFormValues, SettingsField>({
    check: checkSettings,
    fieldOf: settingsFieldOf,
    send: (v) => onSubmit(settingsBody(v)),
  });
  const { errors, general, busy } = form;

  const submit = () => form.submit(values);

  return (
    <div className={styles.form} data-testid={testIds.healing.settingsForm}>
      <h4>Settings of {workflowId}</h4>
      <div className={styles.fields}>
        {FIELDS.map(({ field, label, description, width }) => (
          <Field
            key={field}
            label={label}
            description={description}
            invalid={errors[field] !== undefined}
            error={errors[field]}
            data-testid={`${testIds.healing.settingsFieldPrefix}${field}`}
          >
            <Input
              width={width}
              value={values[field]}
              onChange={(e) => {
                const value = e.currentTarget.value;
                setValues((v) => ({ ...v, [field]: value }));
              }}
            />
          </Field>
        ))}
      </div>
      {general && (
        <div data-testid={testIds.healing.settingsError}>
          <Alert severity="error" title="Not saved">
            {general}
          </Alert>
        </div>
      )}
      <Stack gap={1}>
        <Button onClick={submit} disabled={busy} data-testid={testIds.healing.settingsSubmit}>
          Save
        </Button>
        <Button variant="secondary" onClick={onCancel} disabled={busy}>
          Cancel
        </Button>
      </Stack>
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  form: css({
    marginTop: theme.spacing(2),
    padding: theme.spacing(2),
    border: `1px solid ${theme.colors.border.medium}`,
    borderRadius: theme.shape.radius.default,
  }),
  fields: css({ display: 'flex', flexWrap: 'wrap', columnGap: theme.spacing(2) }),
});
