import React from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { useStyles2 } from '@grafana/ui';

import type { Comparison } from '../api/types';
import { formatPercent } from './format';

function formatValue(metric: string, value: number | null): string {
  if (value === null) {
    return '–';
  }
  if (metric.endsWith('_ms')) {
    return `${value.toFixed(0)} ms`;
  }
  if (metric.includes('rate')) {
    return formatPercent(value);
  }
  return Number.isInteger(value) ? String(value) : value.toFixed(2);
}

/** For rates and counts a rise is good; for durations a rise is bad. */
function isImprovement(metric: string, change: number): boolean {
  const higherIsBetter = metric.includes('rate') || metric.includes('count');
  return higherIsBetter ? change > 0 : change < 0;
}

/** Metrics as rows, workflows as columns; differences against the reference workflow. */
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
            <td>{metric}</td>
            {workflows.map((w) => {
              const cell = comparison.workflows[w]?.[metric];
              const change = cell?.percent_change;
              return (
                <td key={w}>
                  {formatValue(metric, cell?.value ?? null)}
                  {w !== comparison.reference_workflow_id && change !== null && change !== undefined && (
                    <span className={isImprovement(metric, change) ? styles.better : styles.worse}>
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
  worse: css({ color: theme.colors.warning.text }),
  better: css({ color: theme.colors.success.text }),
});
