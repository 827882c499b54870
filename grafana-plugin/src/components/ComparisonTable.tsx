import React from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { useStyles2 } from '@grafana/ui';

import type { Comparison } from '../api/types';
import { changeVerdict, formatMetricValue, metricLabel } from './metrics/metricDisplay';

/** Metrics as rows (readable names, values in their units), workflows as columns; differences against the reference. */
export function ComparisonTable({ comparison, testId }: { comparison: Comparison; testId?: string }) {
  const styles = useStyles2(getStyles);
  const workflows = Object.keys(comparison.workflows);
  return (
    <table className={styles.table} data-testid={testId}>
      <thead>
        <tr>
          <th>Metric</th>
          {workflows.map((w) => (
            <th key={w}>
              {w}
              {w === comparison.reference_workflow_id && <span className={styles.muted}> (reference)</span>}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {comparison.metrics.map((metric) => (
          <tr key={metric}>
            <td title={metric}>{metricLabel(metric)}</td>
            {workflows.map((w) => {
              const cell = comparison.workflows[w]?.[metric];
              const change = cell?.percent_change;
              return (
                <td key={w}>
                  {formatMetricValue(metric, cell?.value)}
                  {w !== comparison.reference_workflow_id && change !== null && change !== undefined && (
                    <span className={styles[changeVerdict(metric, change)]}>
                      {' '}
                      ({change > 0 ? '+' : ''}
                      {change.toFixed(1)} %)
                    </span>
                  )}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  table: css({
    width: '100%',
    borderCollapse: 'collapse',
    'th, td': {
      padding: theme.spacing(0.75, 1),
      borderBottom: `1px solid ${theme.colors.border.weak}`,
      textAlign: 'left',
    },
    th: { color: theme.colors.text.secondary },
  }),
  muted: css({ color: theme.colors.text.secondary, fontWeight: 'normal' }),
  // The one colour rule (metricDisplay.changeVerdict): green better, red worse, plain neutral.
  better: css({ color: theme.colors.success.text }),
  worse: css({ color: theme.colors.error.text }),
  neutral: css({ color: theme.colors.text.secondary }),
});
