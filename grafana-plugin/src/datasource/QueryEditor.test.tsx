import React from 'react';
import { render, screen } from '@testing-library/react';

import { QueryEditor } from './QueryEditor';
import type { AnalyzerDataSource } from './datasource';

describe('QueryEditor', () => {
  it('shows aggregate fields only for aggregate queries', () => {
    const props = { datasource: {} as AnalyzerDataSource, onChange: jest.fn(), onRunQuery: jest.fn() };
    const { rerender } = render(<QueryEditor {...props} query={{ refId: 'A', queryType: 'executions' }} />);
    expect(screen.queryByText('Group by')).not.toBeInTheDocument();
    rerender(<QueryEditor {...props} query={{ refId: 'A', queryType: 'aggregate', groupBy: 'workflow_id' }} />);
    expect(screen.getByText('Group by')).toBeInTheDocument();
    expect(screen.getByDisplayValue('workflow_id')).toBeInTheDocument();
  });
});
