import React from 'react';
import { Link } from 'react-router-dom';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { PluginPage } from '@grafana/runtime';
import { useStyles2 } from '@grafana/ui';

import { useAnalyzerClient } from '../api/AnalyzerContext';
import { useAnalyzerQuery } from '../api/useAnalyzerQuery';
import type { FailureBreakdown, Insight, SuccessRate } from '../api/types';
import { trendWindowMs } from '../components/charts/chartScale';
import { Sparkline } from '../components/charts/Sparkline';
import { formatPercent } from '../components/format';
import { PageToolbar } from '../components/PageToolbar';
import { QueryStateView } from '../components/QueryStateView';
import { Section } from '../components/Section';
import { DataTable } from '../components/DataTable';
import { useTimeLink } from '../components/useTimeLink';
import { useUrlTimeRange } from '../components/useUrlTimeRange';
import { ROUTES } from '../constants';
import { PageActions } from '../sharing/PageActions';
import { testIds } from '../testIds';
import { NO_EXECUTIONS_HINT } from './emptyHints';

interface OverviewData {
  rates: SuccessRate[];
  failures: FailureBreakdown;
  insights: Insight[];
  anomalyCount: number;
}

/** What to fix first: success rates per workflow, dominant failures, top insights. */
export function Overview() {
  const styles = useStyles2(getStyles);
  const client = useAnalyzerClient();
  const link = useTimeLink();
  const { timeRange, filters, setTimeRange, key } = useUrlTimeRange();
  const state = useAnalyzerQuery<OverviewData>(async () => {
    const [rates, failures, insights, anomalies] = await Promise.all([
      client.successRates(filters, { windowMs: trendWindowMs(filters.from, filters.to) }),
      client.failures(filters),
      client.insights(filters, { limit: 3 }),
      client.anomalies(filters),
    ]);
    return {
      rates: rates.items,
      failures,
      insights: insights.items
        .slice()
        .sort((a, b) => b.priority_score - a.priority_score)
        .slice(0, 3),
      anomalyCount: anomalies.total ?? anomalies.items.length,
    };
  }, key);

  return (
    <PluginPage>
      <div data-testid={testIds.overview.container}>
        <PageToolbar
          timeRange={timeRange}
          onChange={setTimeRange}
          actions={
            <PageActions
              scope={{
                datasets: ['executions'],
                report: 'fleet',
                from: timeRange.from.valueOf(),
                to: timeRange.to.valueOf(),
              }}
            />
          }
        />
        <QueryStateView
          state={state}
          isEmpty={(d) => d.rates.length === 0}
          emptyMessage="No executions in this time range"
          emptyHint={NO_EXECUTIONS_HINT}
        >
          {(data) => (
            <div className={styles.grid}>
              <Section title="Success rate by workflow" testId={testIds.overview.successRates}>
                <DataTable
                  rows={data.rates}
                  initialSort={{ header: 'Success rate', desc: false }}
                  rowKey={(r) => r.workflow_id}
                  columns={[
                    {
                      header: 'Workflow',
                      sortValue: (r) => r.workflow_id,
                      render: (r) => (
                        <Link to={link(ROUTES.Workflow, { workflow: r.workflow_id })}>{r.workflow_id}</Link>
                      ),
                    },
                    {
                      header: 'Success rate',
                      align: 'right',
                      sortValue: (r) => r.success_rate,
                      render: (r) => formatPercent(r.success_rate),
                    },
                    { header: 'Finished', align: 'right', sortValue: (r) => r.total, render: (r) => r.total },
                    { header: 'Failed', align: 'right', sortValue: (r) => r.failed, render: (r) => r.failed },
                    {
                      header: 'Trend',
                      render: (r) =>
                        r.windows ? (
                          <Sparkline
                            values={r.windows.map((w) => w.success_rate)}
                            label={`Success rate of ${r.workflow_id} over the range`}
                          />
                        ) : (
                          '–'
                        ),
                    },
                  ]}
                />
                <p className={styles.note}>
                  {data.anomalyCount} anomal{data.anomalyCount === 1 ? 'y' : 'ies'} in this range —{' '}
                  <Link to={link(ROUTES.Anomalies)}>see anomalies</Link>
                </p>
              </Section>
              <Section title="Failures by category" testId={testIds.overview.failures}>
                {data.failures.categories.length === 0 ? (
                  <p className={styles.note}>No failures in this time range.</p>
                ) : (
                  <DataTable
                    rows={data.failures.categories}
                    initialSort={{ header: 'Failures' }}
                    renderExpandedRow={(c) =>
                      c.examples.length === 0 ? (
                        <p className={styles.note}>No examples kept for this category.</p>
                      ) : (
                        <ul className={styles.list}>
                          {c.examples.map((e) => (
                            <li key={`${e.execution_id}/${e.step_id}`}>
                              <code>{e.error_type}</code> {e.message}{' '}
                              <span className={styles.note}>(execution {e.execution_id.slice(0, 8)})</span>
                            </li>
                          ))}
                        </ul>
                      )
                    }
                    rowKey={(c) => c.category}
                    columns={[
                      { header: 'Category', sortValue: (c) => c.category, render: (c) => c.category },
                      { header: 'Failures', align: 'right', sortValue: (c) => c.count, render: (c) => c.count },
                      { header: 'Example', render: (c) => c.examples[0]?.message ?? '–' },
                    ]}
                  />
                )}
              </Section>
              <Section title="Fix first" testId={testIds.overview.topInsights}>
                {data.insights.length === 0 ? (
                  <p className={styles.note}>No insights yet: the analyzer needs a few executions per workflow.</p>
                ) : (
                  <ol className={styles.list}>
                    {data.insights.map((i) => (
                      <li key={i.insight_id}>
                        <strong>{i.title}</strong> <span className={styles.note}>({i.workflow_id})</span>
                        <div>{i.recommendation}</div>
                      </li>
                    ))}
                  </ol>
                )}
                <Link to={link(ROUTES.Insights)}>All insights</Link>
              </Section>
            </div>
          )}
        </QueryStateView>
      </div>
    </PluginPage>
  );
}

export default Overview;

const getStyles = (theme: GrafanaTheme2) => ({
  grid: css({ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(420px, 1fr))', gap: theme.spacing(2) }),
  note: css({ color: theme.colors.text.secondary, marginTop: theme.spacing(1) }),
  list: css({ paddingLeft: theme.spacing(2), li: { marginBottom: theme.spacing(1) } }),
});
