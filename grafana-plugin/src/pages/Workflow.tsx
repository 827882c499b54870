import React, { useCallback, useEffect, useMemo, useRef } from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { PluginPage } from '@grafana/runtime';
import { Alert, Stack, useStyles2 } from '@grafana/ui';

import { useAnalyzerClient } from '../api/AnalyzerContext';
import { useHost } from '../api/HostContext';
import type { AnalyzerFilters } from '../api/filters';
import type { LiveEvent } from '../api/types';
import { useAnalyzerQuery } from '../api/useAnalyzerQuery';
import { useLiveStream } from '../api/useLiveStream';
import { DurationChart } from '../components/charts/DurationChart';
import type { AnalyzerClient } from '../api/client';
import { formatMs, formatPercent, formatTime } from '../components/format';
import { PageToolbar } from '../components/PageToolbar';
import { QueryStateView } from '../components/QueryStateView';
import { Section } from '../components/Section';
import { DataTable } from '../components/DataTable';
import { TraceLink } from '../components/traceLink';
import { useUrlParam, useUrlTimeRange } from '../components/useUrlTimeRange';
import { WorkflowSelect } from '../components/WorkflowSelect';
import { ExecutionDetail } from '../components/ExecutionDetail';
import { CreateDashboardButton } from '../sharing/CreateDashboardButton';
import { PageActions } from '../sharing/PageActions';
import { dashboardTime } from '../sharing/workflowDashboard';
import { testIds } from '../testIds';
import { NO_EXECUTIONS_HINT } from './emptyHints';

async function loadWorkflow(client: AnalyzerClient, workflowId: string, filters: AnalyzerFilters) {
  const scoped = { ...filters, workflowIds: [workflowId] };
  const [performance, degradation, bottlenecks, executions, anomalies] = await Promise.all([
    client.performance(workflowId, filters),
    client.degradation(workflowId, filters),
    client.bottlenecks(scoped),
    client.executions(scoped, { limit: 1000 }),
    // The chart's bands are a bonus: an analyzer without them still shows the page.
    client.anomalies(scoped).then(
      (a) => a.items,
      () => []
    ),
  ]);
  return { performance, degradation, bottlenecks: bottlenecks.items, executions: executions.items, anomalies };
}

/** Reloads at most every `everyMs` while events for the workflow arrive (runs ending, anomalies). */
function useLiveReload(url: string | null, reload: () => void, everyMs = 5000) {
  const last = useRef(0);
  const pending = useRef<ReturnType<typeof setTimeout>>();
  useEffect(() => () => clearTimeout(pending.current), []);
  const onEvent = useCallback(
    (event: LiveEvent) => {
      if (event.type === 'execution.started' || event.type === 'execution.progress' || pending.current) {
        return;
      }
      const wait = Math.max(0, last.current + everyMs - Date.now());
      pending.current = setTimeout(() => {
        pending.current = undefined;
        last.current = Date.now();
        reload();
      }, wait);
    },
    [reload, everyMs]
  );
  useLiveStream(url, onEvent);
}

/** One workflow: duration statistics, degradation, bottleneck steps, recent executions with trace links. */
export function Workflow() {
  const styles = useStyles2(getStyles);
  const client = useAnalyzerClient();
  const { timeRange, filters, setTimeRange, key } = useUrlTimeRange();
  const [workflowId, setWorkflowId] = useUrlParam('workflow');
  const [executionId] = useUrlParam('execution');
  const host = useHost();
  const workflows = useAnalyzerQuery(() => client.workflowIds(filters), key);
  const detail = useAnalyzerQuery(
    () => (workflowId ? loadWorkflow(client, workflowId, filters) : Promise.resolve(undefined)),
    `${key}|${workflowId ?? ''}`,
    { keepOnReload: true }
  );
  const known = workflows.status === 'ready' ? workflows.data : [];
  const streamUrl = useMemo(() => (workflowId ? client.streamUrl([workflowId]) : null), [client, workflowId]);
  useLiveReload(streamUrl, detail.reload);

  return (
    <PluginPage>
      <div data-testid={testIds.workflow.container}>
        <PageToolbar
          timeRange={timeRange}
          onChange={setTimeRange}
          actions={
            <PageActions
              scope={{
                datasets: ['executions', 'steps'],
                report: workflowId ? 'workflow' : 'fleet',
                from: timeRange.from.valueOf(),
                to: timeRange.to.valueOf(),
                workflowIds: workflowId ? [workflowId] : undefined,
              }}
              editorActions={
                // Grafana's dashboard API exists only inside Grafana.
                host.kind === 'grafana' &&
                workflowId && <CreateDashboardButton workflowId={workflowId} time={dashboardTime(timeRange)} />
              }
            />
          }
        >
          <WorkflowSelect
            workflows={known}
            value={workflowId}
            onChange={setWorkflowId}
            testId={testIds.workflow.picker}
          />
        </PageToolbar>
        {workflowId && executionId && (
          <ExecutionDetail workflowId={workflowId} executionId={executionId} filters={filters} queryKey={key} />
        )}
        <QueryStateView
          state={detail}
          isEmpty={(d) => d === undefined || d.performance.execution_count === 0}
          emptyMessage={workflowId ? `No finished executions of ${workflowId} in this time range` : 'Choose a workflow'}
          emptyHint={workflowId ? NO_EXECUTIONS_HINT : 'Pick a workflow above, or open one from the Overview page.'}
        >
          {(d) =>
            d && (
              <>
                {d.degradation.degraded && (
                  <div data-testid={testIds.workflow.degradation}>
                    <Alert
                      severity="warning"
                      title={`Slower by ${formatPercent(d.degradation.change_percent)} than its baseline`}
                    >
                      Baseline {formatMs(d.degradation.baseline.avg_duration_ms)} → now{' '}
                      {formatMs(d.degradation.current.avg_duration_ms)}. Look at the bottleneck steps below.
                    </Alert>
                  </div>
                )}
                <Section
                  title={`Duration (${d.performance.execution_count} executions)`}
                  testId={testIds.workflow.stats}
                >
                  <DurationChart
                    executions={d.executions}
                    anomalies={d.anomalies}
                    testId={testIds.workflow.durationChart}
                  />
                  <Stack gap={3} wrap="wrap">
                    {(
                      [
                        ['avg', d.performance.avg_duration_ms],
                        ['median', d.performance.median_duration_ms],
                        ['p95', d.performance.p95_duration_ms],
                        ['p99', d.performance.p99_duration_ms],
                        ['min', d.performance.min_duration_ms],
                        ['max', d.performance.max_duration_ms],
                        ['std dev', d.performance.std_dev_ms],
                      ] as const
                    ).map(([label, value]) => (
                      <div key={label} className={styles.stat}>
                        <div className={styles.statLabel}>{label}</div>
                        <div className={styles.statValue}>{formatMs(value)}</div>
                      </div>
                    ))}
                  </Stack>
                </Section>
                <Section title="Bottleneck steps (slowest first)" testId={testIds.workflow.bottlenecks}>
                  <DataTable
                    rows={d.bottlenecks}
                    initialSort={{ header: 'Share of time' }}
                    rowKey={(b) => b.node_id}
                    columns={[
                      { header: 'Node', sortValue: (b) => b.node_id, render: (b) => b.node_id },
                      { header: 'Action', sortValue: (b) => b.action_type, render: (b) => b.action_type },
                      {
                        header: 'Share of time',
                        align: 'right',
                        sortValue: (b) => b.share_of_execution_time,
                        render: (b) => formatPercent(b.share_of_execution_time * 100),
                      },
                      {
                        header: 'avg',
                        align: 'right',
                        sortValue: (b) => b.avg_duration_ms,
                        render: (b) => formatMs(b.avg_duration_ms),
                      },
                      {
                        header: 'p95',
                        align: 'right',
                        sortValue: (b) => b.p95_duration_ms,
                        render: (b) => formatMs(b.p95_duration_ms),
                      },
                      { header: 'Runs', align: 'right', sortValue: (b) => b.count, render: (b) => b.count },
                    ]}
                  />
                </Section>
                <Section title="Recent executions" testId={testIds.workflow.executions}>
                  <DataTable
                    rows={d.executions}
                    pageSize={20}
                    initialSort={{ header: 'Started' }}
                    renderExpandedRow={(e) => (
                      <div className={styles.details}>
                        <div>
                          Execution <code>{e.execution_id}</code>
                          {e.host_name ? ` on ${e.host_name}` : ''}
                          {e.service_name ? ` (${e.service_name})` : ''}
                        </div>
                        {e.error_message && (
                          <div>
                            {e.error_type ? <code>{e.error_type}</code> : null} {e.error_message}
                          </div>
                        )}
                        {e.context && Object.keys(e.context).length > 0 && (
                          <div>
                            {Object.entries(e.context)
                              .map(([k, v]) => `${k}=${v}`)
                              .join(' · ')}
                          </div>
                        )}
                      </div>
                    )}
                    rowKey={(e) => e.execution_id}
                    columns={[
                      { header: 'Started', sortValue: (e) => e.started_at, render: (e) => formatTime(e.started_at) },
                      { header: 'Status', sortValue: (e) => e.status, render: (e) => e.status },
                      {
                        header: 'Duration',
                        align: 'right',
                        sortValue: (e) => e.duration_ms,
                        render: (e) => formatMs(e.duration_ms),
                      },
                      {
                        header: 'Steps failed',
                        align: 'right',
                        sortValue: (e) => e.steps_failed,
                        render: (e) => `${e.steps_failed}/${e.steps_total}`,
                      },
                      {
                        header: 'Trace',
                        render: (e) => (e.trace_id ? <TraceLink run={{ ...e, trace_id: e.trace_id }} /> : '–'),
                      },
                    ]}
                  />
                </Section>
              </>
            )
          }
        </QueryStateView>
      </div>
    </PluginPage>
  );
}

export default Workflow;

const getStyles = (theme: GrafanaTheme2) => ({
  stat: css({ minWidth: 90 }),
  statLabel: css({ color: theme.colors.text.secondary, fontSize: theme.typography.bodySmall.fontSize }),
  statValue: css({ fontSize: theme.typography.h3.fontSize }),
  details: css({ padding: theme.spacing(1, 2), color: theme.colors.text.secondary }),
});
