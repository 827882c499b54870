import React from 'react';
import { Link } from 'react-router-dom';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { PluginPage } from '@grafana/runtime';
import { Field, RadioButtonGroup, useStyles2 } from '@grafana/ui';

import { useAnalyzerClient } from '../api/AnalyzerContext';
import type { Anomaly } from '../api/types';
import { useAnalyzerQuery } from '../api/useAnalyzerQuery';
import { formatTime } from '../components/format';
import { formatBaselineToActual, metricLabel } from '../components/metrics/metricDisplay';
import { PageToolbar } from '../components/PageToolbar';
import { QueryStateView } from '../components/QueryStateView';
import { Section } from '../components/Section';
import { DataTable } from '../components/DataTable';
import { useTimeLink } from '../components/useTimeLink';
import { ROUTES } from '../constants';
import { useUrlParam, useUrlTimeRange } from '../components/useUrlTimeRange';
import { PageActions } from '../sharing/PageActions';
import { testIds } from '../testIds';

const SEVERITIES = [
  { label: 'All', value: '0' },
  { label: '≥ 0.5', value: '0.5' },
  { label: '≥ 0.8', value: '0.8' },
];

/** Anomalies (most severe first) and the groups the analyzer correlated in time. */
export function Anomalies() {
  const styles = useStyles2(getStyles);
  const client = useAnalyzerClient();
  const { timeRange, filters, setTimeRange, key } = useUrlTimeRange();
  const [minSeverityParam, setMinSeverity] = useUrlParam('severity');
  const minSeverity = Number(minSeverityParam ?? '0') || 0;
  const state = useAnalyzerQuery(() => client.anomalies(filters), key);
  const link = useTimeLink();
  // The execution's page spans the anomaly's episode, a minute either side.
  const executionLink = (a: Anomaly, executionId: string) =>
    link(ROUTES.Workflow, {
      workflow: a.workflow_id,
      execution: executionId,
      from: String(Date.parse(a.started_at) - 60_000),
      to: String(Date.parse(a.ended_at) + 60_000),
    });

  const severityClass = (a: Anomaly) =>
    a.severity >= 0.8 ? styles.high : a.severity >= 0.5 ? styles.medium : styles.low;

  return (
    <PluginPage>
      <div data-testid={testIds.anomalies.container}>
        <PageToolbar
          timeRange={timeRange}
          onChange={setTimeRange}
          actions={
            <PageActions
              scope={{
                datasets: ['anomalies'],
                report: 'anomalies',
                from: timeRange.from.valueOf(),
                to: timeRange.to.valueOf(),
              }}
            />
          }
        >
          <Field label="Severity">
            <RadioButtonGroup
              options={SEVERITIES}
              value={String(minSeverity)}
              onChange={(v) => setMinSeverity(v === '0' ? undefined : v)}
            />
          </Field>
        </PageToolbar>
        <QueryStateView
          state={state}
          isEmpty={(d) => d.items.length === 0}
          emptyMessage="No anomalies in this time range"
          emptyHint="Nothing deviated from its baseline here. Widen the time range; baselines need about a week of executions per workflow."
        >
          {(d) => {
            const items = d.items.filter((a) => a.severity >= minSeverity).sort((a, b) => b.severity - a.severity);
            return (
              <>
                <Section title={`Anomalies (${items.length})`}>
                  <DataTable
                    rows={items}
                    rowKey={(a) => a.anomaly_id}
                    testId={testIds.anomalies.table}
                    pageSize={20}
                    initialSort={{ header: 'Severity' }}
                    renderExpandedRow={(a) => (
                      <div className={styles.details}>
                        <div>
                          Detected {formatTime(a.detected_at)}
                          {a.kind ? ` · ${a.kind === 'point' ? 'one extreme run' : 'a shift in level'}` : ''}
                          {a.status ? ` · ${a.status}` : ''}
                        </div>
                        <div>
                          {a.execution_ids.length} execution{a.execution_ids.length === 1 ? '' : 's'}:{' '}
                          {a.execution_ids.map((id) => (
                            <Link key={id} to={executionLink(a, id)} className={styles.execution}>
                              {id.slice(0, 8)}{' '}
                            </Link>
                          ))}
                        </div>
                      </div>
                    )}
                    columns={[
                      {
                        header: 'Severity',
                        sortValue: (a) => a.severity,
                        render: (a) => <span className={severityClass(a)}>{a.severity.toFixed(2)}</span>,
                      },
                      { header: 'Workflow', sortValue: (a) => a.workflow_id, render: (a) => a.workflow_id },
                      {
                        header: 'Metric',
                        sortValue: (a) => metricLabel(a.metric_name),
                        render: (a) => <span title={a.metric_name}>{metricLabel(a.metric_name)}</span>,
                      },
                      { header: 'From', sortValue: (a) => a.started_at, render: (a) => formatTime(a.started_at) },
                      { header: 'To', render: (a) => formatTime(a.ended_at) },
                      {
                        header: 'Baseline → actual',
                        align: 'right',
                        render: (a) => formatBaselineToActual(a.metric_name, a.baseline_value, a.actual_value),
                      },
                      {
                        header: 'σ',
                        align: 'right',
                        sortValue: (a) => Math.abs(a.deviation),
                        render: (a) => a.deviation.toFixed(1),
                      },
                      {
                        header: 'Executions',
                        render: (a) =>
                          a.execution_ids.slice(0, 3).map((id) => (
                            <div key={id}>
                              <Link
                                to={executionLink(a, id)}
                                title={`execution ${id}`}
                                className={styles.execution}
                                data-testid={testIds.anomalies.executionLink}
                              >
                                {id.slice(0, 8)}
                              </Link>
                            </div>
                          )),
                      },
                      {
                        header: 'What happened / what to do',
                        render: (a) => (
                          <>
                            <div>{a.description}</div>
                            {a.recommended_action && <div className={styles.action}>{a.recommended_action}</div>}
                          </>
                        ),
                      },
                    ]}
                  />
                </Section>
                {d.correlated_groups.length > 0 && (
                  <Section title="Correlated groups">
                    {d.correlated_groups.map((g) => (
                      <div key={g.group_id} className={styles.group} data-testid={testIds.anomalies.group}>
                        <strong>{g.workflow_ids.join(', ')}</strong> — {g.anomalies.length} anomalies between{' '}
                        {formatTime(g.started_at)} and {formatTime(g.ended_at)}
                      </div>
                    ))}
                  </Section>
                )}
              </>
            );
          }}
        </QueryStateView>
      </div>
    </PluginPage>
  );
}

export default Anomalies;

const getStyles = (theme: GrafanaTheme2) => ({
  high: css({ color: theme.colors.error.text, fontWeight: theme.typography.fontWeightBold }),
  medium: css({ color: theme.colors.warning.text }),
  low: css({ color: theme.colors.text.secondary }),
  execution: css({
    whiteSpace: 'nowrap',
    color: theme.colors.text.link,
    fontFamily: theme.typography.fontFamilyMonospace,
  }),
  action: css({ color: theme.colors.text.secondary, fontStyle: 'italic' }),
  details: css({ padding: theme.spacing(1, 2), color: theme.colors.text.secondary }),
  group: css({ padding: theme.spacing(0.5, 0), borderBottom: `1px solid ${theme.colors.border.weak}` }),
});
