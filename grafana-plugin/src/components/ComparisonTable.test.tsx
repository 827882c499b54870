import React from 'react';
import { render, screen } from '@testing-library/react';

import { comparison } from '../test/fixtures';
import { ComparisonTable } from './ComparisonTable';

describe('ComparisonTable', () => {
  it('marks a shorter duration as better and a lower success rate as worse', () => {
    render(<ComparisonTable comparison={comparison} />);
    const duration = screen.getByText(/-14.6 %/);
    const rate = screen.getByText(/-26.2 %/);
    expect(duration.className).not.toBe(rate.className);
    expect(screen.getByText('12000 ms')).toBeInTheDocument();
    expect(screen.getByText('96.5 %')).toBeInTheDocument();
  });
});
