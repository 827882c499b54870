import React from 'react';
import { render, screen } from '@testing-library/react';
import { MemoryRouter } from 'react-router-dom';

import { TempoDataSource, TraceLink, TraceLinkBase, tempoTraceUrl, traceTimeRange } from './traceLink';

const run = { trace_id: 'abc123', started_at: '2026-11-23T10:00:00.000Z', completed_at: '2026-11-23T10:02:00.000Z' };
const panesOf = (url: string) => JSON.parse(decodeURIComponent(url.split('panes=')[1]!));

describe('tempoTraceUrl', () => {
  it('opens the trace in the given Tempo data source over the run, a minute either side', () => {
    const url = tempoTraceUrl(run, 'P214B5B846CF3925F');
    expect(url.startsWith('/explore?schemaVersion=1&panes=')).toBe(true);
    const { trace } = panesOf(url);
    expect(trace.datasource).toBe('P214B5B846CF3925F');
    expect(trace.queries[0]).toMatchObject({
      datasource: { type: 'tempo', uid: 'P214B5B846CF3925F' },
      query: 'abc123',
    });
    expect(trace.range).toEqual({
      from: String(Date.parse('2026-11-23T09:59:00.000Z')),
      to: String(Date.parse('2026-11-23T10:03:00.000Z')),
    });
    expect(url).not.toMatch(/now-/);
  });

  it('searches an hour after the start of a run that has not ended', () => {
    expect(traceTimeRange({ ...run, completed_at: null }).to).toBe(String(Date.parse('2026-11-23T11:01:00.000Z')));
  });

  it('prefixes a Grafana base URL', () => {
    expect(tempoTraceUrl(run, 'tempo', 'https://grafana.example/')).toMatch(/^https:\/\/grafana\.example\/explore\?/);
  });
});

describe('TraceLink', () => {
  it('links to Grafana Explore inside Grafana, with the Tempo data source of the context', () => {
    render(
      <MemoryRouter>
        <TempoDataSource.Provider value="my-tempo">
          <TraceLink run={run} />
        </TempoDataSource.Provider>
      </MemoryRouter>
    );
    const href = screen.getByText('open in Tempo').closest('a')?.getAttribute('href') ?? '';
    expect(href).toMatch(/^\/explore\?/);
    expect(panesOf(href).trace.datasource).toBe('my-tempo');
  });

  it('shows the trace id, not a dead link, when no Grafana is known', () => {
    render(
      <TraceLinkBase.Provider value={null}>
        <TraceLink run={{ ...run, trace_id: 'abc12345def' }} />
      </TraceLinkBase.Provider>
    );
    expect(screen.queryByText('open in Tempo')).toBeNull();
    expect(screen.getByText('trace abc12345')).toBeTruthy();
  });
});
