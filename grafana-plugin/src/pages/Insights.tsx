import React, { useState } from 'react';
import { Link } from 'react-router-dom';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { PluginPage } from '@grafana/runtime';
import { Alert, Button, Field, RadioButtonGroup, useStyles2 } from '@grafana/ui';

import { useAnalyzerClient } from '../api/AnalyzerContext';
import { describeError } from '../api/describeError';
import { useAnalyzerQuery } from '../api/useAnalyzerQuery';
import { InsightCard } from '../components/InsightCard';
import { useTimeLink } from '../components/useTimeLink';
import { ROUTES } from '../constants';
import { PageToolbar } from '../components/PageToolbar';
import { QueryStateView } from '../components/QueryStateView';
import { useUrlParam, useUrlTimeRange } from '../components/useUrlTimeRange';
import { PageActions } from '../sharing/PageActions';
import { testIds } from '../testIds';

const CATEGORIES = [
  { label: 'All', value: '' },
  { label: 'Performance', value: 'performance' },
  { label: 'Reliability', value: 'reliability' },
  { label: 'Resource', value: 'resource' },
  { label: 'Best practice', value: 'best_practice' },
];

/** Insights, highest priority first, with implementation tracking (editor token). */
export function Insights() {
  const styles = useStyles2(getStyles);
  const client = useAnalyzerClient();
  const link = useTimeLink();
  const { timeRange, filters, setTimeRange, key } = useUrlTimeRange();
  const [category, setCategory] = useUrlParam('category');
  const [workflowId] = useUrlParam('workflow');
  const [message, setMessage] = useState<{ ok: boolean; text: string }>();
  const state = useAnalyzerQuery(
    async () =>
      (await client.insights({ ...filters, workflowIds: workflowId ? [workflowId] : undefined }, { category })).items
        .slice()
        .sort((a, b) => b.priority_score - a.priority_score),
    `${key}|${category ?? ''}|${workflowId ?? ''}`
  );

  const markImplemented = async (insightId: string) => {
    try {
      await client.markImplemented(insightId, { implemented: true });
      setMessage({ ok: true, text: 'Marked as implemented: the analyzer will measure its impact.' });
      state.reload();
    } catch (error) {
      const d = describeError(error);
      setMessage({ ok: false, text: `${d.title}. ${d.hint}` });
    }
  };

  return (
    <PluginPage>
      <div data-testid={testIds.insights.container}>
        <PageToolbar
          timeRange={timeRange}
          onChange={setTimeRange}
          actions={
            <PageActions
              scope={{
                datasets: ['insights'],
                report: 'insights',
                from: timeRange.from.valueOf(),
                to: timeRange.to.valueOf(),
                workflowIds: workflowId ? [workflowId] : undefined,
              }}
            />
          }
        >
          <Field label="Category">
            <RadioButtonGroup
              options={CATEGORIES}
              value={category ?? ''}
              onChange={(v) => setCategory(v || undefined)}
            />
          </Field>
        </PageToolbar>
        {message && (
          <Alert
            severity={message.ok ? 'success' : 'error'}
            title={message.text}
            onRemove={() => setMessage(undefined)}
          />
        )}
        <QueryStateView
          state={state}
          isEmpty={(items) => items.length === 0}
          emptyMessage="No insights for this selection"
          emptyHint="Insights appear once the analyzer has seen enough executions of a workflow (widen the time range), or choose another category."
        >
          {(items) => (
            <div className={styles.list}>
              {items.map((insight) => (
                <InsightCard
                  key={insight.insight_id}
                  insight={insight}
                  testId={testIds.insights.item}
                  workflowLink={
                    <Link
                      to={link(ROUTES.Workflow, { workflow: insight.workflow_id })}
                      data-testid={testIds.insights.workflowLink}
                    >
                      {insight.workflow_id}
                    </Link>
                  }
                  actions={
                    !insight.implemented && (
                      <Button
                        size="sm"
                        variant="secondary"
                        icon="check"
                        data-testid={testIds.insights.markImplemented}
                        onClick={() => markImplemented(insight.insight_id)}
                      >
                        Mark implemented
                      </Button>
                    )
                  }
                />
              ))}
            </div>
          )}
        </QueryStateView>
      </div>
    </PluginPage>
  );
}

export default Insights;

const getStyles = (theme: GrafanaTheme2) => ({
  list: css({ display: 'flex', flexDirection: 'column', gap: theme.spacing(1), marginTop: theme.spacing(1) }),
});
