import React, { createContext, useContext } from 'react';
import { TextLink } from '@grafana/ui';

/**
 * Where trace links point: '' inside Grafana (its own /explore), a Grafana base
 * URL outside it, or null when no Grafana is known (outside Grafana with no
 * `RPA_ANALYZER_GRAFANA_URL`): then a trace id is shown, never a dead link.
 */
export const TraceLinkBase = createContext<string | null>('');

/**
 * The Tempo data source's uid. Inside Grafana the app root resolves the installation's own
 * Tempo instance (module.tsx); outside it, Grafana is another server and the uid this
 * stack provisions (`tempo`) is the best guess.
 */
export const STACK_TEMPO_UID = 'tempo';
export const TempoDataSource = createContext<string>(STACK_TEMPO_UID);

/** The part of an execution a trace link needs: the trace and when it ran. */
export interface TracedRun {
  trace_id: string;
  started_at: string;
  completed_at?: string | null;
}

/** Tempo searches by time: the run itself, a minute either side (clock skew, spans ending late). */
const MARGIN_MS = 60_000;
/** A run still going (or with no end) is searched for an hour after it started. */
const OPEN_RUN_MS = 3_600_000;

export function traceTimeRange(run: TracedRun): { from: string; to: string } {
  const start = Date.parse(run.started_at);
  const end = run.completed_at ? Date.parse(run.completed_at) : start + OPEN_RUN_MS;
  return { from: String(start - MARGIN_MS), to: String(end + MARGIN_MS) };
}

/** Grafana Explore URL that opens one run's trace in the Tempo data source `tempoUid`, under `base`. */
export function tempoTraceUrl(run: TracedRun, tempoUid: string, base = ''): string {
  const panes = {
    trace: {
      datasource: tempoUid,
      queries: [
        { refId: 'A', datasource: { type: 'tempo', uid: tempoUid }, queryType: 'traceql', query: run.trace_id },
      ],
      range: traceTimeRange(run),
    },
  };
  return `${base.replace(/\/+$/, '')}/explore?schemaVersion=1&panes=${encodeURIComponent(JSON.stringify(panes))}`;
}

export function TraceLink({ run }: { run: TracedRun }) {
  const base = useContext(TraceLinkBase);
  const tempoUid = useContext(TempoDataSource);
  if (base === null) {
    return (
      <span title="set RPA_ANALYZER_GRAFANA_URL on the analyzer to link traces to Grafana">
        trace {run.trace_id.slice(0, 8)}
      </span>
    );
  }
  return (
    <TextLink href={tempoTraceUrl(run, tempoUid, base)} external={base !== ''}>
      open in Tempo
    </TextLink>
  );
}
