import React, { type ReactNode } from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { Badge, type BadgeColor, useStyles2 } from '@grafana/ui';

import type { Insight } from '../api/types';
import { formatMetricValue, metricLabel } from './metrics/metricDisplay';

const EASE_COLOR: Record<Insight['ease_of_implementation'], BadgeColor> = {
  easy: 'green',
  medium: 'orange',
  hard: 'red',
};

/** One insight as the Insights page and the insight panel show it. */
interface Props {
  insight: Insight;
  actions?: ReactNode;
  testId?: string;
  /** Shown instead of the plain workflow id (a link to the workflow page, where there is one). */
  workflowLink?: ReactNode;
}

/** The quantified expectation in readable words and units; the analyzer's own text when it gives none. */
export function expectedImpact({ expected_change: c, expected_impact }: Insight): string {
  if (!c) {
    return expected_impact;
  }
  const sign = c.change_percent > 0 ? '+' : '';
  return `${metricLabel(c.metric)} ${formatMetricValue(c.metric, c.baseline_value)} → ${formatMetricValue(c.metric, c.expected_value)} (${sign}${c.change_percent.toFixed(1)} %)`;
}

export function InsightCard({ insight, actions, testId, workflowLink }: Props) {
  const styles = useStyles2(getStyles);
  return (
    <article className={styles.card} data-testid={testId}>
      <header className={styles.header}>
        <span className={styles.priority} title="priority score">
          {insight.priority_score.toFixed(2)}
        </span>
        <strong>{insight.title}</strong>
        <Badge text={insight.category.replace('_', ' ')} color="blue" />
        <Badge text={insight.ease_of_implementation} color={EASE_COLOR[insight.ease_of_implementation] ?? 'blue'} />
        {insight.implemented && <Badge text="implemented" color="green" icon="check" />}
      </header>
      <div className={styles.meta}>{workflowLink ?? insight.workflow_id}</div>
      <p>{insight.description}</p>
      <p>
        <strong>Do:</strong> {insight.recommendation}
      </p>
      <p className={styles.meta}>Expected impact: {expectedImpact(insight)}</p>
      {actions}
    </article>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  card: css({
    border: `1px solid ${theme.colors.border.weak}`,
    borderRadius: theme.shape.radius.default,
    padding: theme.spacing(1.5),
    marginBottom: theme.spacing(1),
    background: theme.colors.background.primary,
    p: { marginBottom: theme.spacing(0.5) },
  }),
  header: css({ display: 'flex', gap: theme.spacing(1), alignItems: 'center', flexWrap: 'wrap' }),
  priority: css({
    fontFamily: theme.typography.fontFamilyMonospace,
    color: theme.colors.primary.text,
  }),
  meta: css({ color: theme.colors.text.secondary, fontSize: theme.typography.bodySmall.fontSize }),
});
