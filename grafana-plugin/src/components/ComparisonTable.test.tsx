import React from 'react';
import { render, screen } from '@testing-library/react';

import type { Comparison } from '../api/types';
import { comparison } from '../test/fixtures';
import { ComparisonTable } from './ComparisonTable';

const cell = (value: number, percent_change: number | null) => ({ value, difference: null, percent_change });

describe('ComparisonTable', () => {
  it('marks a shorter duration as better and a lower success rate as worse, values in their units', () => {
    render(<ComparisonTable comparison={comparison} />);
    const duration = screen.getByText(/-14.6 %/);
    const rate = screen.getByText(/-26.2 %/);
    expect(duration.className).not.toBe(rate.className);
    expect(screen.getByText('12.00 s')).toBeInTheDocument();
    expect(screen.getByText('96.5 %')).toBeInTheDocument();
  });

  it('colours the same change by each metric direction, the same way in every row', () => {
    const c: Comparison = {
      reference_workflow_id: 'a',
      metrics: ['avg_duration_ms', 'p95_duration_ms', 'success_rate', 'execution_count'],
      workflows: {
        a: {
          avg_duration_ms: cell(1000, null),
          p95_duration_ms: cell(2000, null),
          success_rate: cell(90, null),
          execution_count: cell(100, null),
        },
        b: {
          avg_duration_ms: cell(990, -1),
          p95_duration_ms: cell(1980, -1),
          success_rate: cell(89.1, -1),
          execution_count: cell(99, -1),
        },
      },
    };
    render(<ComparisonTable comparison={c} />);
    const [avg, p95, success, count] = screen.getAllByText(/\(-1\.0 %\)/);
    // Shorter durations are better in every duration row; a lower success rate is worse; volume is neutral.
    expect(avg!.className).toBe(p95!.className);
    expect(success!.className).not.toBe(avg!.className);
    expect(new Set([avg!.className, success!.className, count!.className]).size).toBe(3);
    expect(screen.getByText('Average duration')).toBeInTheDocument();
    expect(screen.getByText('Success rate')).toBeInTheDocument();
    expect(screen.queryByText('avg_duration_ms')).toBeNull();
  });
});
