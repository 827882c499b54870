import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import { dateMath, dateTime, type DateTime, type TimeRange } from '@grafana/data';

import type { AnalyzerFilters } from '../api/filters';
import { DEFAULT_FROM, DEFAULT_TO } from '../constants';

function parseBound(raw: string, roundUp: boolean): DateTime {
  const parsed = /^\d+$/.test(raw) ? dateTime(Number(raw)) : dateMath.toDateTime(raw, { roundUp });
  return parsed && parsed.isValid() ? parsed : dateMath.toDateTime(roundUp ? DEFAULT_TO : DEFAULT_FROM, { roundUp })!;
}

/** The page's time range lives in the URL (`from`, `to`) like Grafana's, relative or epoch ms. */
export function toTimeRange(rawFrom: string, rawTo: string): TimeRange {
  const from = parseBound(rawFrom, false);
  const to = parseBound(rawTo, true);
  return { from, to, raw: { from: rawFrom, to: rawTo } };
}

export function useUrlTimeRange() {
  const [params, setParams] = useSearchParams();
  const rawFrom = params.get('from') ?? DEFAULT_FROM;
  const rawTo = params.get('to') ?? DEFAULT_TO;
  const timeRange = useMemo(() => toTimeRange(rawFrom, rawTo), [rawFrom, rawTo]);
  const filters: AnalyzerFilters = useMemo(
    () => ({ from: timeRange.from.valueOf(), to: timeRange.to.valueOf() }),
    [timeRange]
  );

  const setTimeRange = useCallback(
    (range: TimeRange) => {
      setParams((prev) => {
        const next = new URLSearchParams(prev);
        const raw = (v: TimeRange['raw']['from'], d: TimeRange['from']) =>
          typeof v === 'string' ? v : String(d.valueOf());
        next.set('from', raw(range.raw.from, range.from));
        next.set('to', raw(range.raw.to, range.to));
        return next;
      });
    },
    [setParams]
  );

  return { timeRange, filters, setTimeRange, key: `${rawFrom}|${rawTo}` };
}

/** Reads and writes one URL search parameter (page state that survives reload and sharing). */
export function useUrlParam(name: string): [string | undefined, (value: string | undefined) => void] {
  const [params, setParams] = useSearchParams();
  const value = params.get(name) ?? undefined;
  const setValue = useCallback(
    (v: string | undefined) =>
      setParams((prev) => {
        const next = new URLSearchParams(prev);
        if (v === undefined || v === '') {
          next.delete(name);
        } else {
          next.set(name, v);
        }
        return next;
      }),
    [name, setParams]
  );
  return [value, setValue];
}
