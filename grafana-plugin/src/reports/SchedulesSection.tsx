import React, { Fragment, useState } from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { Alert, Button, ClipboardButton, ConfirmButton, Input, Stack, Switch, useStyles2 } from '@grafana/ui';

import { useAnalyzerClient } from '../api/AnalyzerContext';
import { describeError } from '../api/describeError';
import type { CreatedSchedule, ReportTemplateInfo, Schedule } from '../api/reportTypes';
import { useAnalyzerQuery } from '../api/useAnalyzerQuery';
import { formatTime } from '../components/format';
import { QueryStateView } from '../components/QueryStateView';
import { Section } from '../components/Section';
import { testIds } from '../testIds';
import { DeliveryLog } from './DeliveryLog';
import { ScheduleForm } from './ScheduleForm';
import { emptyForm, formOf } from './scheduleForm';

function describeReport(s: Schedule): string {
  const r = s.report;
  const range = typeof r.range === 'number' ? `${Math.round(r.range / 3_600_000)}h` : (r.range ?? '24h');
  return `${r.template}${r.workflow_id ? ` (${r.workflow_id})` : ''}, last ${range}, ${(r.format ?? 'pdf').toUpperCase()}`;
}

function describeTargets(s: Schedule): string {
  return [s.email && `e-mail: ${s.email.to.join(', ')}`, s.webhook && `webhook: ${s.webhook.url}`]
    .filter(Boolean)
    .join('; ');
}

/** The editor's schedules: create, edit, enable, run now, delete, and each one's delivery log. */
export function SchedulesSection({ templates }: { templates: ReportTemplateInfo[] }) {
  const styles = useStyles2(getStyles);
  const client = useAnalyzerClient();
  const schedules = useAnalyzerQuery(() => client.schedules(), 'schedules', { keepOnReload: true });
  // 'new', a schedule id being edited, or nothing.
  const [editing, setEditing] = useState<string>();
  const [created, setCreated] = useState<CreatedSchedule>();
  const [open, setOpen] = useState<string>();
  const [logRefresh, setLogRefresh] = useState(0);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  const act = async (action: () => Promise<unknown>) => {
    setBusy(true);
    setError(undefined);
    try {
      await action();
    } catch (e) {
      const { title, hint } = describeError(e);
      setError(`${title}. ${hint}`);
    } finally {
      setBusy(false);
      schedules.reload();
    }
  };
  const runNow = (s: Schedule) =>
    act(async () => {
      await client.runSchedule(s.id);
      setOpen(s.id);
      setLogRefresh((n) => n + 1);
    });

  const renderRow = (s: Schedule) => (
    <Fragment key={s.id}>
      <tr data-testid={testIds.reports.scheduleRow}>
        <td>
          <strong>{s.name}</strong>
          <div className={styles.muted}>{describeReport(s)}</div>
        </td>
        <td>
          <code>{s.cron}</code>
          <div className={styles.muted}>{s.timezone}</div>
        </td>
        <td className={styles.targets}>{describeTargets(s)}</td>
        <td>{s.enabled ? formatTime(s.next_run_at) : 'disabled'}</td>
        <td>
          {s.running ? 'running…' : formatTime(s.last_run_at)}
          {s.last_outcome && <div className={styles.outcome(s.last_outcome)}>{s.last_outcome}</div>}
        </td>
        <td>
          <Switch
            value={s.enabled}
            disabled={busy}
            label={s.enabled ? 'Enabled' : 'Disabled'}
            onChange={() => act(() => client.updateSchedule(s.id, { enabled: !s.enabled }))}
            data-testid={testIds.reports.scheduleEnabled}
          />
        </td>
        <td className={styles.actions}>
          <Stack gap={0.5} justifyContent="flex-end">
            <Button
              size="sm"
              variant="secondary"
              icon="play"
              disabled={busy || s.running}
              onClick={() => runNow(s)}
              data-testid={testIds.reports.scheduleRun}
            >
              Run now
            </Button>
            <Button
              size="sm"
              variant="secondary"
              fill="text"
              icon={open === s.id ? 'angle-up' : 'angle-down'}
              onClick={() => setOpen(open === s.id ? undefined : s.id)}
              data-testid={testIds.reports.scheduleDeliveries}
            >
              Deliveries
            </Button>
            <Button
              size="sm"
              variant="secondary"
              fill="text"
              icon="pen"
              onClick={() => setEditing(s.id)}
              data-testid={testIds.reports.scheduleEdit}
            >
              Edit
            </Button>
            <ConfirmButton
              confirmText="Delete"
              confirmVariant="destructive"
              size="sm"
              disabled={busy}
              onConfirm={() => act(() => client.deleteSchedule(s.id))}
            >
              <span data-testid={testIds.reports.scheduleDelete}>Delete</span>
            </ConfirmButton>
          </Stack>
        </td>
      </tr>
      {editing === s.id && (
        <tr>
          <td colSpan={7}>
            <ScheduleForm
              initial={formOf(s)}
              templates={templates}
              submitLabel="Save"
              onCancel={() => setEditing(undefined)}
              onSubmit={async (body) => {
                await client.updateSchedule(s.id, body);
                setEditing(undefined);
                schedules.reload();
              }}
            />
          </td>
        </tr>
      )}
      {open === s.id && (
        <tr>
          <td colSpan={7} className={styles.logCell}>
            <DeliveryLog scheduleId={s.id} refreshKey={logRefresh} />
          </td>
        </tr>
      )}
    </Fragment>
  );

  return (
    <Section title="Schedules" testId={testIds.reports.schedules}>
      <p className={styles.muted}>
        Each run renders the report over the range up to the run and delivers it by e-mail (attached) and/or to a
        webhook (a signed POST). Failed deliveries are retried and logged; the schedule stays.
      </p>
      {editing === 'new' ? (
        <ScheduleForm
          initial={emptyForm()}
          templates={templates}
          submitLabel="Create schedule"
          onCancel={() => setEditing(undefined)}
          onSubmit={async (body) => {
            setCreated(await client.createSchedule(body));
            setEditing(undefined);
            schedules.reload();
          }}
        />
      ) : (
        <div className={styles.newButton}>
          <Button
            icon="plus"
            onClick={() => {
              setCreated(undefined);
              setEditing('new');
            }}
            data-testid={testIds.reports.scheduleNew}
          >
            New schedule
          </Button>
        </div>
      )}
      {created?.webhook && created.webhook_secret && (
        <Alert
          severity="success"
          title={`Schedule "${created.name}" created: copy its webhook secret now, it is shown only this once`}
          onRemove={() => setCreated(undefined)}
        >
          <p>
            Receivers check X-RPA-Signature: sha256 = HMAC-SHA256(secret,
            &quot;&lt;X-RPA-Timestamp&gt;.&lt;body&gt;&quot;).
          </p>
          <Stack gap={1}>
            <Input readOnly value={created.webhook_secret} data-testid={testIds.reports.webhookSecret} />
            <ClipboardButton icon="copy" variant="primary" getText={() => created.webhook_secret ?? ''}>
              Copy
            </ClipboardButton>
          </Stack>
        </Alert>
      )}
      {error && (
        <div data-testid={testIds.reports.scheduleError}>
          <Alert severity="error" title="The analyzer refused" onRemove={() => setError(undefined)}>
            {error}
          </Alert>
        </div>
      )}
      <QueryStateView
        state={schedules}
        isEmpty={(items) => items.length === 0}
        emptyMessage="No schedules yet"
        emptyHint="Create one to receive a report every day, week or month."
      >
        {(items) => (
          <table className={styles.table}>
            <thead>
              <tr>
                {['Schedule', 'When', 'Delivers to', 'Next run', 'Last run', '', ''].map((h, i) => (
                  <th key={i}>{h}</th>
                ))}
              </tr>
            </thead>
            <tbody>{items.map(renderRow)}</tbody>
          </table>
        )}
      </QueryStateView>
    </Section>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  muted: css({ color: theme.colors.text.secondary, fontSize: theme.typography.bodySmall.fontSize }),
  targets: css({ maxWidth: 320, overflowWrap: 'anywhere' }),
  actions: css({ textAlign: 'right', whiteSpace: 'nowrap' }),
  newButton: css({ marginBottom: theme.spacing(2) }),
  logCell: css({ padding: '0 !important' }),
  outcome: (outcome: string) =>
    css({
      fontSize: theme.typography.bodySmall.fontSize,
      color:
        outcome === 'succeeded'
          ? theme.colors.success.text
          : outcome === 'failed'
            ? theme.colors.error.text
            : theme.colors.warning.text,
    }),
  table: css({
    width: '100%',
    borderCollapse: 'collapse',
    'th, td': {
      padding: theme.spacing(0.75, 1),
      borderBottom: `1px solid ${theme.colors.border.weak}`,
      textAlign: 'left',
      verticalAlign: 'top',
    },
    th: { color: theme.colors.text.secondary, fontWeight: theme.typography.fontWeightMedium },
  }),
});
