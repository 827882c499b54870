import { TEMPO_UID } from '../constants';

/** Grafana Explore URL that opens one trace in the Tempo data source (uid `tempo`). */
export function tempoTraceUrl(traceId: string): string {
  const panes = {
    trace: {
      datasource: TEMPO_UID,
      queries: [{ refId: 'A', datasource: { type: 'tempo', uid: TEMPO_UID }, queryType: 'traceql', query: traceId }],
      range: { from: 'now-7d', to: 'now' },
    },
  };
  return `/explore?schemaVersion=1&panes=${encodeURIComponent(JSON.stringify(panes))}`;
}
