import React, { useCallback, useEffect, useMemo, useReducer, useState } from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { PluginPage } from '@grafana/runtime';
import { useStyles2 } from '@grafana/ui';

import { useAnalyzerClient } from '../api/AnalyzerContext';
import type { LiveEvent, LiveExecution } from '../api/types';
import { useAnalyzerQuery } from '../api/useAnalyzerQuery';
import { useLiveStream } from '../api/useLiveStream';
import { formatMs, formatTime } from '../components/format';
import { QueryStateView } from '../components/QueryStateView';
import { Section } from '../components/Section';
import { SimpleTable } from '../components/SimpleTable';
import { PageActions } from '../sharing/PageActions';
import { testIds } from '../testIds';
import { applyLiveEvent, EMPTY_LIVE_STATE, runningList, withRunning, type LiveState } from './liveState';

type Action = { event: LiveEvent } | { initial: LiveExecution[] };

function reduce(state: LiveState, action: Action): LiveState {
  return 'event' in action ? applyLiveEvent(state, action.event) : withRunning(state, action.initial);
}

function useNow(everyMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}

function progressOf(e: LiveExecution): string {
  const done = e.steps_completed + e.steps_failed;
  return e.steps_total === null ? `step ${done}` : `step ${done} of ${e.steps_total}`;
}

/** Executions in flight with their progress, and anomalies and incidents as the analyzer judges them, live. */
export function Live() {
  const styles = useStyles2(getStyles);
  const client = useAnalyzerClient();
  const [state, dispatch] = useReducer(reduce, EMPTY_LIVE_STATE);
  const initial = useAnalyzerQuery(() => client.liveExecutions(), 'live');
  const listed = initial.status === 'ready' ? initial.data.items : undefined;
  useEffect(() => {
    if (listed) {
      dispatch({ initial: listed });
    }
  }, [listed]);
  const onEvent = useCallback((event: LiveEvent) => dispatch({ event }), []);
  const url = useMemo(() => client.streamUrl(), [client]);
  useLiveStream(url, onEvent);
  const now = useNow(1000);
  const running = runningList(state);
  // The live view has no time range: its exports cover the last hour, to the minute (stable links between ticks).
  const minute = Math.floor(now / 60_000) * 60_000;

  return (
    <PluginPage>
      <div data-testid={testIds.live.container}>
        <div className={styles.actions}>
          <PageActions
            scope={{
              datasets: ['executions', 'anomalies'],
              report: 'anomalies',
              from: minute - 3_600_000,
              to: minute + 60_000,
            }}
          />
        </div>
        <QueryStateView state={initial} isEmpty={() => false} emptyMessage="" emptyHint="">
          {() => (
            <>
              <Section title={`Running (${running.length})`} testId={testIds.live.running}>
                {running.length === 0 ? (
                  <div className={styles.quiet}>No execution is running. They appear here from their first step.</div>
                ) : (
                  <SimpleTable
                    rows={running}
                    rowKey={(e) => e.execution_id}
                    rowTestId={testIds.live.runningRow}
                    columns={[
                      { header: 'Workflow', render: (e) => e.workflow_id },
                      {
                        header: 'Execution',
                        render: (e) => <span className={styles.mono}>{e.execution_id.slice(0, 12)}</span>,
                      },
                      {
                        header: 'Progress',
                        render: (e) => (
                          <div>
                            <div>{progressOf(e)}</div>
                            {e.steps_total !== null && e.steps_total > 0 && (
                              <div className={styles.bar}>
                                <div
                                  className={styles.fill}
                                  style={{
                                    width: `${Math.min(100, ((e.steps_completed + e.steps_failed) / e.steps_total) * 100)}%`,
                                  }}
                                />
                              </div>
                            )}
                          </div>
                        ),
                      },
                      {
                        header: 'Current step',
                        render: (e) =>
                          e.current_step ? `${e.current_step.node_id} (${e.current_step.action_type})` : '–',
                      },
                      { header: 'Failed steps', align: 'right', render: (e) => e.steps_failed },
                      {
                        header: 'Elapsed',
                        align: 'right',
                        render: (e) => formatMs(Math.max(e.elapsed_ms, now - Date.parse(e.started_at))),
                      },
                    ]}
                  />
                )}
              </Section>
              <Section title="Recently ended">
                <SimpleTable
                  rows={state.ended}
                  rowKey={(e) => e.execution_id}
                  rowTestId={testIds.live.endedRow}
                  columns={[
                    { header: 'Workflow', render: (e) => e.workflow_id },
                    {
                      header: 'Execution',
                      render: (e) => <span className={styles.mono}>{e.execution_id.slice(0, 12)}</span>,
                    },
                    { header: 'Status', render: (e) => e.status },
                    {
                      header: 'Steps',
                      align: 'right',
                      render: (e) => `${e.steps_completed} ok, ${e.steps_failed} failed`,
                    },
                    { header: 'Duration', align: 'right', render: (e) => formatMs(e.elapsed_ms) },
                    { header: 'Ended', render: (e) => formatTime(e.completed_at) },
                  ]}
                />
              </Section>
              <Section title="Anomalies and incidents, as judged">
                {state.anomalies.length === 0 && state.incidents.length === 0 && (
                  <div className={styles.quiet}>Nothing since this page opened.</div>
                )}
                {state.incidents.map((g) => (
                  <div key={g.group_id} className={styles.incident} data-testid={testIds.live.incident}>
                    Incident ({g.status ?? 'open'}): {g.workflow_ids.join(', ')}
                  </div>
                ))}
                {state.anomalies.map((a) => (
                  <div key={a.anomaly_id} className={styles.anomaly} data-testid={testIds.live.anomaly}>
                    <strong>{a.severity.toFixed(2)}</strong> {a.status ?? 'open'} — {a.description}
                  </div>
                ))}
              </Section>
            </>
          )}
        </QueryStateView>
      </div>
    </PluginPage>
  );
}

export default Live;

const getStyles = (theme: GrafanaTheme2) => ({
  actions: css({ display: 'flex', justifyContent: 'flex-end', marginBottom: theme.spacing(2) }),
  quiet: css({ color: theme.colors.text.secondary }),
  mono: css({ fontFamily: theme.typography.fontFamilyMonospace }),
  bar: css({
    height: 4,
    width: 120,
    background: theme.colors.background.secondary,
    borderRadius: theme.shape.radius.default,
    marginTop: theme.spacing(0.5),
  }),
  fill: css({ height: '100%', background: theme.colors.primary.main, borderRadius: theme.shape.radius.default }),
  incident: css({ color: theme.colors.error.text, padding: theme.spacing(0.5, 0) }),
  anomaly: css({ padding: theme.spacing(0.5, 0), borderBottom: `1px solid ${theme.colors.border.weak}` }),
});
