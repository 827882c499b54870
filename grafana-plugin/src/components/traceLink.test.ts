import { tempoTraceUrl } from './traceLink';

describe('tempoTraceUrl', () => {
  it('opens the trace in the tempo data source', () => {
    const url = tempoTraceUrl('abc123');
    expect(url.startsWith('/explore?schemaVersion=1&panes=')).toBe(true);
    const panes = JSON.parse(decodeURIComponent(url.split('panes=')[1]!));
    expect(panes.trace.queries[0]).toMatchObject({ datasource: { uid: 'tempo' }, query: 'abc123' });
  });
});
