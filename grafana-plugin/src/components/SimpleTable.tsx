import React, { type ReactNode } from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { useStyles2 } from '@grafana/ui';

export interface Column<T> {
  header: string;
  render: (row: T) => ReactNode;
  align?: 'left' | 'right';
}

interface Props<T> {
  rows: T[];
  columns: Array<Column<T>>;
  rowKey: (row: T) => string;
  testId?: string;
  rowTestId?: string;
}

/**
 * A plain theme-aware table for the Live page only: its rows are replaced from the event stream
 * every few seconds, where sorting and paging would reorder them under the reader. Every other
 * table is a DataTable (InteractiveTable: sorting, paging, expandable rows).
 */
export function SimpleTable<T>({ rows, columns, rowKey, testId, rowTestId }: Props<T>) {
  const styles = useStyles2(getStyles);
  return (
    <table className={styles.table} data-testid={testId}>
      <thead>
        <tr>
          {columns.map((c) => (
            <th key={c.header} className={c.align === 'right' ? styles.right : undefined}>
              {c.header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={rowKey(row)} data-testid={rowTestId}>
            {columns.map((c) => (
              <td key={c.header} className={c.align === 'right' ? styles.right : undefined}>
                {c.render(row)}
              </td>
            ))}
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
    th: { color: theme.colors.text.secondary, fontWeight: theme.typography.fontWeightMedium },
  }),
  right: css({ textAlign: 'right !important' as 'right' }),
});
