import React from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { Button, ConfirmButton, Stack, Switch, useStyles2 } from '@grafana/ui';

import { useAnalyzerClient } from '../api/AnalyzerContext';
import type { ReportTemplateInfo, Schedule } from '../api/reportTypes';
import { formatTime } from '../components/format';
import { testIds } from '../testIds';
import { DeliveryLog } from './DeliveryLog';
import { ScheduleForm } from './ScheduleForm';
import { formOf } from './scheduleFormModel';

const COLUMNS = 7;

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

interface Props {
  schedule: Schedule;
  templates: ReportTemplateInfo[];
  busy: boolean;
  editing: boolean;
  logOpen: boolean;
  logRefresh: number;
  onEdit: (editing: boolean) => void;
  onToggleLog: () => void;
  onRun: () => void;
  /** Runs a change, reports its error and reloads the list. */
  onAct: (action: () => Promise<unknown>) => void;
  onSaved: () => void;
}

/** One schedule: its summary and actions, and below it its edit form or delivery log when open. */
export function ScheduleRow(props: Props) {
  const { schedule: s, templates, busy, editing, logOpen, logRefresh } = props;
  const styles = useStyles2(getStyles);
  const client = useAnalyzerClient();
  return (
    <>
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
          {s.last_outcome && !s.running && <div className={styles.outcome(s.last_outcome)}>{s.last_outcome}</div>}
        </td>
        <td>
          <Switch
            value={s.enabled}
            disabled={busy}
            title={s.enabled ? 'Enabled: click to pause' : 'Disabled: click to enable'}
            onChange={() => props.onAct(() => client.updateSchedule(s.id, { enabled: !s.enabled }))}
            data-testid={testIds.reports.scheduleEnabled}
          />
        </td>
        <td className={styles.actions}>
          <Stack gap={0.5} justifyContent="flex-end" alignItems="center">
            <Button
              size="sm"
              variant="secondary"
              icon="play"
              disabled={busy || s.running}
              onClick={props.onRun}
              data-testid={testIds.reports.scheduleRun}
            >
              Run now
            </Button>
            <Button
              size="sm"
              variant="secondary"
              fill="text"
              icon={logOpen ? 'angle-up' : 'angle-down'}
              onClick={props.onToggleLog}
              data-testid={testIds.reports.scheduleDeliveries}
            >
              Deliveries
            </Button>
            <Button
              size="sm"
              variant="secondary"
              fill="text"
              icon="pen"
              onClick={() => props.onEdit(!editing)}
              data-testid={testIds.reports.scheduleEdit}
            >
              Edit
            </Button>
            <ConfirmButton
              confirmText="Delete"
              confirmVariant="destructive"
              size="sm"
              disabled={busy}
              onConfirm={() => props.onAct(() => client.deleteSchedule(s.id))}
            >
              <span data-testid={testIds.reports.scheduleDelete}>Delete</span>
            </ConfirmButton>
          </Stack>
        </td>
      </tr>
      {editing && (
        <tr>
          <td colSpan={COLUMNS}>
            <ScheduleForm
              initial={formOf(s)}
              templates={templates}
              submitLabel="Save"
              onCancel={() => props.onEdit(false)}
              onSubmit={async (body) => {
                await client.updateSchedule(s.id, body);
                props.onSaved();
              }}
            />
          </td>
        </tr>
      )}
      {logOpen && (
        <tr>
          <td colSpan={COLUMNS} className={styles.logCell}>
            <DeliveryLog scheduleId={s.id} refreshKey={logRefresh} />
          </td>
        </tr>
      )}
    </>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  muted: css({ color: theme.colors.text.secondary, fontSize: theme.typography.bodySmall.fontSize }),
  targets: css({ maxWidth: 320, overflowWrap: 'anywhere' }),
  actions: css({ textAlign: 'right', whiteSpace: 'nowrap' }),
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
});
