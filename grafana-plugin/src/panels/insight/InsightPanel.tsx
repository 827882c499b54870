import React from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2, PanelProps } from '@grafana/data';
import { useStyles2 } from '@grafana/ui';

import { useAnalyzerClient } from '../../api/AnalyzerContext';
import { useAnalyzerQuery } from '../../api/useAnalyzerQuery';
import { InsightCard } from '../../components/InsightCard';
import { QueryStateView } from '../../components/QueryStateView';
import { testIds } from '../../testIds';
import { interpolateWorkflowIds } from '../panelVariables';
import type { InsightPanelOptions } from './options';

/** Top insights for the dashboard's time range and $workflow, fetched through the app's proxy route. */
export function InsightPanel({ options, timeRange, replaceVariables, width, height }: PanelProps<InsightPanelOptions>) {
  const styles = useStyles2(getStyles);
  const client = useAnalyzerClient();
  const workflowIds = interpolateWorkflowIds(options.workflowId, replaceVariables);
  const from = timeRange.from.valueOf();
  const to = timeRange.to.valueOf();
  const state = useAnalyzerQuery(
    async () =>
      (
        await client.insights(
          { from, to, workflowIds },
          { category: options.category || undefined, limit: options.maxItems }
        )
      ).items
        .slice()
        .sort((a, b) => b.priority_score - a.priority_score)
        .slice(0, options.maxItems),
    `${from}|${to}|${workflowIds.join(',')}|${options.category}|${options.maxItems}`
  );

  return (
    <div className={styles.container} style={{ width, height }} data-testid={testIds.insightPanel.container}>
      <QueryStateView
        state={state}
        isEmpty={(items) => items.length === 0}
        emptyMessage="No insights"
        emptyHint="Widen the time range or the $workflow selection; insights need a few executions per workflow."
      >
        {(items) =>
          items.map((insight) =>
            options.showDescription ? (
              <InsightCard key={insight.insight_id} insight={insight} testId={testIds.insightPanel.item} />
            ) : (
              <div key={insight.insight_id} className={styles.compact} data-testid={testIds.insightPanel.item}>
                <strong>{insight.title}</strong> — {insight.recommendation}
              </div>
            )
          )
        }
      </QueryStateView>
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  container: css({ overflowY: 'auto' }),
  compact: css({ padding: theme.spacing(0.5, 0), borderBottom: `1px solid ${theme.colors.border.weak}` }),
});
