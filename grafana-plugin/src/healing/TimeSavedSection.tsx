import React, { useState } from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { Button, useStyles2 } from '@grafana/ui';

import { useAnalyzerClient } from '../api/AnalyzerContext';
import type { AnalyzerFilters } from '../api/filters';
import { canEdit, useHost } from '../api/HostContext';
import type { WorkflowSettings, WorkflowTimeSaved } from '../api/types';
import { useAnalyzerQuery } from '../api/useAnalyzerQuery';
import { DataTable } from '../components/DataTable';
import { QueryStateView } from '../components/QueryStateView';
import { Section } from '../components/Section';
import { testIds } from '../testIds';
import { HINTS } from './healingHints';
import { WorkflowSettingsForm } from './WorkflowSettingsForm';

const hours = (h: number | null) => (h === null ? '–' : `${h.toFixed(1)} h`);
const money = (amount: number | null, currency: string | null) =>
  amount === null ? '–' : `${Math.round(amount).toLocaleString('en')}${currency ? ` ${currency}` : ''}`;

/** Hours and money the automation saved per workflow and for the fleet; editors set each workflow's figures. */
export function TimeSavedSection({ filters, rangeKey }: { filters: AnalyzerFilters; rangeKey: string }) {
  const styles = useStyles2(getStyles);
  const client = useAnalyzerClient();
  const editor = canEdit(useHost().role);
  const state = useAnalyzerQuery(() => client.timeSaved(filters), rangeKey);
  const settings = useAnalyzerQuery(() => client.workflowSettings(), 'settings');
  const [editing, setEditing] = useState<string>();
  const storedOf = (all: WorkflowSettings[], workflowId: string) => all.find((s) => s.workflow_id === workflowId);

  const save = async (workflowId: string, body: Parameters<typeof client.putWorkflowSettings>[1]) => {
    await client.putWorkflowSettings(workflowId, body);
    setEditing(undefined);
    state.reload();
    settings.reload();
  };

  return (
    <Section title="Time saved" testId={testIds.healing.timeSaved}>
      <QueryStateView
        state={state}
        isEmpty={(d) => d.items.length === 0}
        emptyMessage="No finished executions in this time range"
        emptyHint={HINTS.timeSaved}
      >
        {(d) => {
          const currency = d.items.find((w) => w.configured && w.currency)?.currency ?? null;
          return (
            <>
              {d.fleet.workflows_configured === 0 ? (
                <p className={styles.note}>{HINTS.notConfigured}</p>
              ) : (
                <div className={styles.totals} data-testid={testIds.healing.fleet}>
                  <span>
                    Fleet: <strong>{hours(d.fleet.net_saved_hours)}</strong> saved net
                  </span>
                  <span>
                    <strong>{money(d.fleet.net_saved_cost, currency)}</strong>
                  </span>
                  <span>
                    {hours(d.fleet.gross_saved_hours)} gross, over {d.fleet.workflows_configured} configured workflow
                    {d.fleet.workflows_configured === 1 ? '' : 's'}
                  </span>
                </div>
              )}
              <DataTable<WorkflowTimeSaved>
                rows={d.items}
                rowKey={(w) => w.workflow_id}
                pageSize={15}
                columns={[
                  { header: 'Workflow', sortValue: (w) => w.workflow_id, render: (w) => w.workflow_id },
                  {
                    header: 'Runs',
                    align: 'right',
                    sortValue: (w) => w.completed,
                    render: (w) => `${w.completed} completed, ${w.failed} failed`,
                  },
                  {
                    header: 'Gross',
                    align: 'right',
                    sortValue: (w) => w.gross_saved_hours,
                    render: (w) => hours(w.gross_saved_hours),
                  },
                  {
                    header: 'Failures cost',
                    align: 'right',
                    render: (w) => hours(w.failure_cost_hours),
                  },
                  { header: 'Healing', align: 'right', render: (w) => hours(w.healing_hours) },
                  {
                    header: 'Net saved',
                    align: 'right',
                    sortValue: (w) => w.net_saved_hours,
                    render: (w) => (w.configured ? hours(w.net_saved_hours) : 'not configured'),
                  },
                  {
                    header: 'Value',
                    align: 'right',
                    sortValue: (w) => w.net_saved_cost,
                    render: (w) => money(w.net_saved_cost, w.currency),
                  },
                  ...(editor
                    ? [
                        {
                          header: '',
                          render: (w: WorkflowTimeSaved) => (
                            <Button
                              size="sm"
                              variant="secondary"
                              icon="pen"
                              onClick={() => setEditing(w.workflow_id)}
                              aria-label={`Edit settings of ${w.workflow_id}`}
                            >
                              Settings
                            </Button>
                          ),
                        },
                      ]
                    : []),
                ]}
              />
              {/* The PUT replaces the whole record: edit only over the stored settings, never over a failed load. */}
              {editor && editing !== undefined && settings.status === 'error' && (
                <p className={styles.note}>
                  Cannot load the stored settings: {settings.error.title}. {settings.error.hint}
                </p>
              )}
              {editor && editing !== undefined && settings.status === 'ready' && (
                <WorkflowSettingsForm
                  key={editing}
                  workflowId={editing}
                  stored={storedOf(settings.data.items, editing)}
                  onSubmit={(body) => save(editing, body)}
                  onCancel={() => setEditing(undefined)}
                />
              )}
            </>
          );
        }}
      </QueryStateView>
    </Section>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  note: css({ color: theme.colors.text.secondary }),
  totals: css({ display: 'flex', gap: theme.spacing(3), flexWrap: 'wrap', marginBottom: theme.spacing(1.5) }),
});
