import React, { useEffect, useState } from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { Alert, Button, ClipboardButton, Input, Stack, useStyles2 } from '@grafana/ui';

import { useAnalyzerClient } from '../api/AnalyzerContext';
import { describeError } from '../api/describeError';
import type { CreatedSchedule, ReportTemplateInfo, Schedule } from '../api/reportTypes';
import { useAnalyzerQuery } from '../api/useAnalyzerQuery';
import { QueryStateView } from '../components/QueryStateView';
import { Section } from '../components/Section';
import { testIds } from '../testIds';
import { ScheduleForm } from './ScheduleForm';
import { ScheduleRow } from './ScheduleRow';
import { emptyForm } from './scheduleFormModel';

const RUNNING_POLL_MS = 2000;

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
    <ScheduleRow
      key={s.id}
      schedule={s}
      templates={templates}
      busy={busy}
      editing={editing === s.id}
      logOpen={open === s.id}
      logRefresh={logRefresh}
      onEdit={(on) => setEditing(on ? s.id : undefined)}
      onToggleLog={() => setOpen(open === s.id ? undefined : s.id)}
      onRun={() => runNow(s)}
      onAct={act}
      onSaved={() => {
        setEditing(undefined);
        schedules.reload();
      }}
    />
  );

  // A run in progress: follow it until it ends (the list says running), and its log with it.
  const loaded = schedules.status === 'ready' ? schedules.data : undefined;
  const reload = schedules.reload;
  useEffect(() => {
    if (!loaded?.some((s) => s.running)) {
      return;
    }
    const timer = setTimeout(() => {
      reload();
      setLogRefresh((n) => n + 1);
    }, RUNNING_POLL_MS);
    return () => clearTimeout(timer);
  }, [loaded, reload]);

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
  newButton: css({ marginBottom: theme.spacing(2) }),
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
