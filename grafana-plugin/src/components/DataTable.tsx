import React, { useMemo, useState, type ReactNode } from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { InteractiveTable, useStyles2, type Column as GrafanaColumn } from '@grafana/ui';

export interface Column<T> {
  header: string;
  render: (row: T) => ReactNode;
  align?: 'left' | 'right';
  /** Makes the column sortable by this value (numbers numerically, strings alphabetically; null last). */
  sortValue?: (row: T) => number | string | null | undefined;
}

interface Props<T> {
  rows: T[];
  columns: Array<Column<T>>;
  rowKey: (row: T) => string;
  testId?: string;
  /** Rows per page; pages appear only when there are more rows. */
  pageSize?: number;
  /** Details under a row, opened with its chevron. */
  renderExpandedRow?: (row: T) => ReactNode;
  /** Initial sort: a column header, descending unless `desc: false`. */
  initialSort?: { header: string; desc?: boolean };
}

const columnId = (header: string, index: number) => `c${index}_${header.replace(/\W+/g, '_')}`;

function compare(a: number | string | null | undefined, b: number | string | null | undefined): number {
  if (a === b) {
    return 0;
  }
  if (a === null || a === undefined) {
    return -1;
  }
  if (b === null || b === undefined) {
    return 1;
  }
  return typeof a === 'number' && typeof b === 'number' ? a - b : String(a).localeCompare(String(b));
}

/**
 * @grafana/ui's InteractiveTable (sorting, paging, expandable rows) over plain rows with
 * per-column renderers: the pages describe columns once, the table does the rest.
 */
export function DataTable<T extends object>({
  rows,
  columns,
  rowKey,
  testId,
  pageSize = 0,
  renderExpandedRow,
  initialSort,
}: Props<T>) {
  const styles = useStyles2(getStyles);
  const gridColumns = useMemo<Array<GrafanaColumn<T>>>(
    () =>
      columns.map((c, i) => {
        const sortValue = c.sortValue;
        return {
          id: columnId(c.header, i),
          header: c.header,
          cell: ({ row }) => (
            <div className={c.align === 'right' ? styles.right : undefined}>{c.render(row.original)}</div>
          ),
          sortType: sortValue ? (a, b) => compare(sortValue(a.original), sortValue(b.original)) : undefined,
        };
      }),
    [columns, styles]
  );
  // Only the first render's sort: afterwards the user's clicks decide.
  const [initialSortBy] = useState(() => {
    const index = initialSort ? columns.findIndex((c) => c.header === initialSort.header) : -1;
    return index < 0 ? [] : [{ id: columnId(columns[index]!.header, index), desc: initialSort?.desc ?? true }];
  });
  const table = renderExpandedRow ? (
    <InteractiveTable
      columns={gridColumns}
      data={rows}
      getRowId={rowKey}
      pageSize={pageSize}
      initialSortBy={initialSortBy}
      renderExpandedRow={renderExpandedRow}
    />
  ) : (
    <InteractiveTable
      columns={gridColumns}
      data={rows}
      getRowId={rowKey}
      pageSize={pageSize}
      initialSortBy={initialSortBy}
    />
  );
  return (
    <div data-testid={testId} className={styles.scroll}>
      {table}
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  // A table wider than its panel scrolls sideways instead of clipping its last columns.
  scroll: css({ overflowX: 'auto', maxWidth: '100%' }),
  right: css({ textAlign: 'right', fontVariantNumeric: 'tabular-nums', paddingRight: theme.spacing(1) }),
});
