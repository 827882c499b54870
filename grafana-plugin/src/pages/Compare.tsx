import React from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { PluginPage } from '@grafana/runtime';
import { Field, MultiCombobox, useStyles2 } from '@grafana/ui';

import { useAnalyzerClient } from '../api/AnalyzerContext';
import { useAnalyzerQuery } from '../api/useAnalyzerQuery';
import { ComparisonTable } from '../components/ComparisonTable';
import { metricLabel } from '../components/metrics/metricDisplay';
import { PageToolbar } from '../components/PageToolbar';
import { QueryStateView } from '../components/QueryStateView';
import { Section } from '../components/Section';
import { useUrlParam, useUrlTimeRange } from '../components/useUrlTimeRange';
import { WorkflowMultiSelect } from '../components/WorkflowSelect';
import { PageActions } from '../sharing/PageActions';
import { testIds } from '../testIds';

export const COMPARISON_METRICS = [
  'avg_duration_ms',
  'median_duration_ms',
  'p95_duration_ms',
  'p99_duration_ms',
  'success_rate',
  'execution_count',
];

const splitList = (value: string | undefined) => (value ? value.split(',').filter(Boolean) : []);

/** Two or more workflows side by side, differences against the first. */
export function Compare() {
  const styles = useStyles2(getStyles);
  const client = useAnalyzerClient();
  const { timeRange, filters, setTimeRange, key } = useUrlTimeRange();
  const [workflowsParam, setWorkflows] = useUrlParam('workflows');
  const [metricsParam, setMetrics] = useUrlParam('metrics');
  const selected = splitList(workflowsParam);
  const metrics = splitList(metricsParam);
  const known = useAnalyzerQuery(() => client.workflowIds(filters), key);
  const comparison = useAnalyzerQuery(
    () => (selected.length >= 2 ? client.compare(selected, metrics, filters) : Promise.resolve(undefined)),
    `${key}|${workflowsParam ?? ''}|${metricsParam ?? ''}`
  );

  return (
    <PluginPage>
      <div data-testid={testIds.compare.container}>
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
                workflowIds: selected.length > 0 ? selected : undefined,
              }}
            />
          }
        >
          <WorkflowMultiSelect
            workflows={known.status === 'ready' ? known.data : []}
            value={selected}
            onChange={(v) => setWorkflows(v.join(',') || undefined)}
            testId={testIds.compare.workflows}
          />
          <Field label="Metrics">
            <MultiCombobox
              width={50}
              options={COMPARISON_METRICS.map((m) => ({ label: metricLabel(m), value: m }))}
              value={metrics}
              placeholder="All metrics"
              onChange={(v) => setMetrics(v.map((o) => o.value).join(',') || undefined)}
            />
          </Field>
        </PageToolbar>
        <QueryStateView
          state={comparison}
          isEmpty={(c) => c === undefined || Object.keys(c.workflows).length === 0}
          emptyMessage={selected.length < 2 ? 'Choose at least two workflows' : 'Nothing to compare in this time range'}
          emptyHint={
            selected.length < 2
              ? 'Pick two or more workflows above; the first one is the reference the others are compared with.'
              : 'None of these workflows ran in this time range: widen it.'
          }
        >
          {(c) =>
            c && (
              <Section title={`Compared with ${c.reference_workflow_id}`}>
                <div className={styles.scroll}>
                  <ComparisonTable comparison={c} testId={testIds.compare.table} />
                </div>
              </Section>
            )
          }
        </QueryStateView>
      </div>
    </PluginPage>
  );
}

export default Compare;

const getStyles = (theme: GrafanaTheme2) => ({
  scroll: css({ overflowX: 'auto', paddingBottom: theme.spacing(1) }),
});
