/**
 * What a LiveStore must answer, as plain code over a map per table (the last
 * write of a key wins), and fast-check generators of detection writes with
 * colliding ids (lifecycle updates), tied start times and hostile strings.
 */
import fc from 'fast-check';
import { createSeriesState, type SeriesState } from '../../analysis/anomaly/series-state';
import type { Anomaly, AnomalyStatus, Incident } from '../../model/analysis';
import {
  stateKey,
  type DetectionWrite,
  type LiveListQuery,
  type LivePage,
  type LiveStore,
} from '../live-store';

export const T0 = Date.UTC(2026, 10, 1);
/** Property tests make a few hundred round trips to a real server: room for a loaded machine. */
export const PROPERTY_TIMEOUT_MS = 240_000;
const SECOND = 1000;

/** Both backends order strings by their UTF-8 bytes (JavaScript's `<` compares UTF-16 units). */
export function compareBytes(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

/** Strings that try to end a literal or confuse an encoder (valid UTF-16: both backends store UTF-8). */
export const hostileText: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom("'", '\\', "\\'", '"', '\u0000', '\n\t\r', '😀', "a'b\\c", '%_', '\u202e', '', '[]', ','),
  fc.string({ unit: 'binary-ascii', maxLength: 8 }),
  fc.string({ unit: 'grapheme', maxLength: 6 }),
);

const WORKFLOWS = ['wf-a', 'wf-b', "wf-'c\\"] as const;
export const workflowIdArbitrary = fc.oneof(fc.constantFrom(...WORKFLOWS), hostileText);
/** Few ids, so later writes update earlier episodes (their lifecycle). */
const episodeId = (prefix: string) =>
  fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(`${prefix}1`, `${prefix}2`, `${prefix}3`) },
    { weight: 1, arbitrary: hostileText },
  );
/** 0.1 + 0.2 and its neighbour: a query at one severity must not be parsed to the other. */
export const SEVERITIES = [0, 0.1, 0.30000000000000004, 0.3, 0.5, 1] as const;
const severity = fc.oneof(fc.constantFrom(...SEVERITIES), fc.double({ min: 0, max: 1, noNaN: true }));
const status = fc.constantFrom<AnomalyStatus>('open', 'resolved');
/** Few start times, so pages cut through ties. */
const startedAt = fc.integer({ min: 0, max: 5 }).map((i) => T0 + i * SECOND);
const spanMs = fc.integer({ min: 0, max: 3 }).map((i) => i * SECOND);

export const anomalyArbitrary: fc.Arbitrary<Anomaly> = fc
  .record({
    anomaly_id: episodeId('anm-'),
    workflow_id: workflowIdArbitrary,
    status,
    severity,
    started_at: startedAt,
    span: spanMs,
    description: hostileText,
    deviation: fc.double({ min: -50, max: 50, noNaN: true }),
  })
  .map(({ span, ...a }) => ({
    ...a,
    metric_name: 'duration_ms',
    kind: 'point',
    detected_at: a.started_at + span + SECOND,
    resolved_at: a.status === 'resolved' ? a.started_at + span + 2 * SECOND : null,
    baseline_value: 100,
    actual_value: 100 + a.deviation,
    recommended_action: null,
    ended_at: a.started_at + span,
    execution_ids: [`e-${a.anomaly_id}`],
  }));

export const incidentArbitrary: fc.Arbitrary<Incident> = fc
  .record({
    group_id: episodeId('inc-'),
    workflow_ids: fc.uniqueArray(workflowIdArbitrary, { minLength: 1, maxLength: 3 }),
    status,
    severity,
    started_at: startedAt,
    span: spanMs,
    member: anomalyArbitrary,
  })
  .map(({ span, member, ...i }) => ({
    ...i,
    ended_at: i.started_at + span,
    detected_at: i.started_at + span,
    resolved_at: i.status === 'resolved' ? i.started_at + span + SECOND : null,
    anomalies: [member],
  }));

export const seriesStateArbitrary: fc.Arbitrary<SeriesState> = fc
  .record({
    workflow_id: workflowIdArbitrary,
    metric_name: fc.oneof(fc.constantFrom('duration_ms', 'success_rate'), hostileText),
    history: fc.array(fc.double({ min: -1e9, max: 1e9, noNaN: true }), { maxLength: 4 }),
    observed: fc.nat({ max: 1000 }),
  })
  .map(({ history, observed, ...head }) => ({
    ...createSeriesState({ ...head, kind: 'continuous' }),
    history,
    observed,
    lastAt: T0 + observed,
  }));

export const detectionWriteArbitrary: fc.Arbitrary<DetectionWrite> = fc.record({
  states: fc.array(seriesStateArbitrary, { maxLength: 3 }),
  anomalies: fc.array(anomalyArbitrary, { maxLength: 4 }),
  incidents: fc.array(incidentArbitrary, { maxLength: 3 }),
});

export const listQueryArbitrary: fc.Arbitrary<LiveListQuery> = fc.record(
  {
    from: startedAt,
    to: startedAt.map((t) => t + SECOND),
    workflowIds: fc.uniqueArray(fc.constantFrom(...WORKFLOWS), { maxLength: 2 }),
    status,
    minSeverity: fc.constantFrom(...SEVERITIES),
    limit: fc.integer({ min: 1, max: 4 }),
  },
  { requiredKeys: ['limit'] },
);

/** A value as it reads back from stored JSON (-0 becomes 0). */
function stored<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

type Episode = Anomaly | Incident;

/** What a LiveStore answers about detection state (the reference answers it too). */
export type LiveReader = Pick<
  LiveStore,
  'loadSeriesStates' | 'listAnomalies' | 'listIncidents' | 'anomaliesOverlapping' | 'incidentsOverlapping'
>;

export class LiveReference implements LiveReader {
  private readonly states = new Map<string, SeriesState>();
  private readonly anomalies = new Map<string, Anomaly>();
  private readonly incidents = new Map<string, Incident>();

  apply(write: DetectionWrite): void {
    for (const s of write.states) this.states.set(stateKey(s), stored(s));
    for (const a of write.anomalies) this.anomalies.set(a.anomaly_id, stored(a));
    for (const i of write.incidents) this.incidents.set(i.group_id, stored(i));
  }

  async loadSeriesStates(): Promise<SeriesState[]> {
    return [...this.states.values()];
  }

  async listAnomalies(query: LiveListQuery): Promise<LivePage<Anomaly>> {
    return page(
      [...this.anomalies.values()],
      (a) => a.anomaly_id,
      (a) => [a.workflow_id],
      query,
    );
  }

  async listIncidents(query: LiveListQuery): Promise<LivePage<Incident>> {
    return page(
      [...this.incidents.values()],
      (i) => i.group_id,
      (i) => i.workflow_ids,
      query,
    );
  }

  async anomaliesOverlapping(from: number, to: number): Promise<Anomaly[]> {
    return overlapping([...this.anomalies.values()], (a) => a.anomaly_id, from, to);
  }

  async incidentsOverlapping(from: number, to: number): Promise<Incident[]> {
    return overlapping([...this.incidents.values()], (i) => i.group_id, from, to);
  }
}

function overlapping<T extends Episode>(items: T[], id: (item: T) => string, from: number, to: number): T[] {
  return items
    .filter((item) => item.ended_at >= from && item.started_at < to)
    .sort((a, b) => a.started_at - b.started_at || compareBytes(id(a), id(b)));
}

function page<T extends Episode>(
  items: T[],
  id: (item: T) => string,
  workflows: (item: T) => readonly string[],
  query: LiveListQuery,
): LivePage<T> {
  const matching = items
    .filter(
      (item) =>
        (query.from === undefined || item.ended_at >= query.from) &&
        (query.to === undefined || item.started_at < query.to) &&
        (query.status === undefined || item.status === query.status) &&
        (query.minSeverity === undefined || query.minSeverity <= 0 || item.severity >= query.minSeverity) &&
        (!query.workflowIds?.length || workflows(item).some((w) => query.workflowIds!.includes(w))),
    )
    .sort((a, b) => b.started_at - a.started_at || compareBytes(id(b), id(a)));
  const cursor = query.cursor;
  const after = cursor
    ? matching.filter(
        (item) =>
          item.started_at < cursor.startedAt ||
          (item.started_at === cursor.startedAt && compareBytes(id(item), cursor.id) < 0),
      )
    : matching;
  const pageItems = after.slice(0, query.limit);
  const last = pageItems[pageItems.length - 1];
  return {
    items: pageItems,
    total: matching.length,
    nextCursor: after.length > query.limit && last ? { startedAt: last.started_at, id: id(last) } : null,
  };
}

/** Every page of a listing, following its cursors (bounded: a cursor that does not advance fails the test). */
export async function allPages<T>(
  list: (query: LiveListQuery) => Promise<LivePage<T>>,
  query: LiveListQuery,
): Promise<LivePage<T>[]> {
  const pages: LivePage<T>[] = [];
  let cursor = query.cursor;
  for (let i = 0; i < 100; i++) {
    const next = await list({ ...query, cursor });
    pages.push(next);
    if (next.nextCursor === null) return pages;
    cursor = next.nextCursor;
  }
  throw new Error('paging did not end within 100 pages');
}

/** Everything a LiveStore answers about its detection state for one query (lists, pages, totals, overlaps). */
export async function liveAnswers(live: LiveReader, query: LiveListQuery) {
  const from = query.from ?? T0;
  const to = query.to ?? T0 + 10 * SECOND;
  return {
    // Stored in no particular order.
    states: (await live.loadSeriesStates()).sort((a, b) => compareBytes(stateKey(a), stateKey(b))),
    anomalies: await allPages((q) => live.listAnomalies(q), query),
    incidents: await allPages((q) => live.listIncidents(q), query),
    anomaliesOverlapping: await live.anomaliesOverlapping(from, to),
    incidentsOverlapping: await live.incidentsOverlapping(from, to),
  };
}
