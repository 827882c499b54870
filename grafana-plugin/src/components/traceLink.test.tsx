import React from 'react';
import { render, screen } from '@testing-library/react';
import { MemoryRouter } from 'react-router-dom';

import { TraceLink, TraceLinkBase, tempoTraceUrl } from './traceLink';

describe('tempoTraceUrl', () => {
  it('opens the trace in the tempo data source', () => {
    const url = tempoTraceUrl('abc123');
    expect(url.startsWith('/explore?schemaVersion=1&panes=')).toBe(true);
    const panes = JSON.parse(decodeURIComponent(url.split('panes=')[1]!));
    expect(panes.trace.queries[0]).toMatchObject({ datasource: { uid: 'tempo' }, query: 'abc123' });
  });

  it('prefixes a Grafana base URL', () => {
    expect(tempoTraceUrl('abc', 'https://grafana.example/')).toMatch(/^https:\/\/grafana\.example\/explore\?/);
  });
});

describe('TraceLink', () => {
  it('links to Grafana Explore inside Grafana', () => {
    render(
      <MemoryRouter>
        <TraceLink traceId="abc123" />
      </MemoryRouter>
    );
    expect(screen.getByText('open in Tempo').closest('a')?.getAttribute('href')).toMatch(/^\/explore\?/);
  });

  it('shows the trace id, not a dead link, when no Grafana is known', () => {
    render(
      <TraceLinkBase.Provider value={null}>
        <TraceLink traceId="abc12345def" />
      </TraceLinkBase.Provider>
    );
    expect(screen.queryByText('open in Tempo')).toBeNull();
    expect(screen.getByText('trace abc12345')).toBeTruthy();
  });
});
