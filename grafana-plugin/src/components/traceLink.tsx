import React, { createContext, useContext } from 'react';
import { TextLink } from '@grafana/ui';

import { TEMPO_UID } from '../constants';

/**
 * Where trace links point: '' inside Grafana (its own /explore), a Grafana base
 * URL outside it, or null when no Grafana is known (outside Grafana with no
 * `RPA_ANALYZER_GRAFANA_URL`): then a trace id is shown, never a dead link.
 */
export const TraceLinkBase = createContext<string | null>('');

/** Grafana Explore URL that opens one trace in the Tempo data source (uid `tempo`), under `base`. */
export function tempoTraceUrl(traceId: string, base = ''): string {
  const panes = {
    trace: {
      datasource: TEMPO_UID,
      queries: [{ refId: 'A', datasource: { type: 'tempo', uid: TEMPO_UID }, queryType: 'traceql', query: traceId }],
      range: { from: 'now-7d', to: 'now' },
    },
  };
  return `${base.replace(/\/+$/, '')}/explore?schemaVersion=1&panes=${encodeURIComponent(JSON.stringify(panes))}`;
}

export function TraceLink({ traceId }: { traceId: string }) {
  const base = useContext(TraceLinkBase);
  if (base === null) {
    return (
      <span title="set RPA_ANALYZER_GRAFANA_URL on the analyzer to link traces to Grafana">
        trace {traceId.slice(0, 8)}
      </span>
    );
  }
  return (
    <TextLink href={tempoTraceUrl(traceId, base)} external={base !== ''}>
      open in Tempo
    </TextLink>
  );
}
