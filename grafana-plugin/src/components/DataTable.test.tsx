import React from 'react';
import { fireEvent, render, screen, within } from '@testing-library/react';

import { DataTable } from './DataTable';

interface Row {
  id: string;
  ms: number | null;
}

const rows: Row[] = Array.from({ length: 25 }, (_, i) => ({ id: `r${i}`, ms: i === 3 ? null : (i * 37) % 25 }));
const bodyRows = () => within(screen.getByTestId('t')).getAllByRole('row').slice(1);

const renderTable = (pageSize = 0) =>
  render(
    <DataTable
      testId="t"
      rows={rows}
      rowKey={(r) => r.id}
      pageSize={pageSize}
      initialSort={{ header: 'Duration' }}
      columns={[
        { header: 'Id', render: (r) => r.id },
        {
          header: 'Duration',
          align: 'right',
          sortValue: (r) => r.ms,
          render: (r) => (r.ms === null ? '–' : `${r.ms} ms`),
        },
      ]}
    />
  );

describe('DataTable', () => {
  it('sorts numerically by a column’s sort value, missing values last when descending, first when ascending', () => {
    renderTable();
    const durations = bodyRows().map((r) => r.textContent);
    expect(durations[0]).toContain('24 ms');
    expect(durations[1]).toContain('23 ms');
    expect(durations.at(-1)).toContain('–');
    // Descending → unsorted (the rows' own order) → ascending.
    fireEvent.click(screen.getByText('Duration'));
    expect(bodyRows()[0]!.textContent).toBe('r00 ms');
    fireEvent.click(screen.getByText('Duration'));
    expect(bodyRows()[0]!.textContent).toContain('–');
    expect(bodyRows()[1]!.textContent).toContain('0 ms');
  });

  it('pages when there are more rows than a page', () => {
    renderTable(10);
    expect(bodyRows()).toHaveLength(10);
    fireEvent.click(screen.getByRole('button', { name: '3' }));
    expect(bodyRows()).toHaveLength(5);
  });

  it('leaves columns without a sort value unsortable', () => {
    renderTable();
    const before = bodyRows().map((r) => r.textContent);
    fireEvent.click(screen.getByText('Id'));
    expect(bodyRows().map((r) => r.textContent)).toEqual(before);
  });
});
