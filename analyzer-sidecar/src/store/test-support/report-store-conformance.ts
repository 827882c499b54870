/**
 * The report-store conformance suite every backend passes: schedules (spec
 * and run state apart, the compare-and-set advance, removal), the delivery
 * log (newest first, keyset pages, nothing outliving its schedule) and share
 * links (first revocation wins), plus a property holding random sequences of
 * changes to a plain in-memory model of the same interface.
 */
import fc from 'fast-check';
import type { ShareLink } from '../../sharing/share-link';
import type { DeliveryLogEntry, ScheduleStore, ShareLinkStore } from '../schedule-store';
import {
  apply,
  HOSTILE,
  IDS,
  makeLogEntry,
  makeSchedule,
  MIN,
  operationArbitrary,
  ScheduleModel,
  T0,
} from './schedule-model';

export interface ReportStoreHarness {
  tables(): { schedules: ScheduleStore; links: ShareLinkStore };
  /** Removes every schedule, log entry and link. */
  clear(): Promise<void>;
}

function makeLink(id: string, overrides: Partial<ShareLink> = {}): ShareLink {
  return {
    link_id: id,
    token_hash: `hash-${id}`,
    owner: 'alice',
    target: { template: 'workflow', format: 'html', from: T0 - 86_400_000, to: T0, workflow_id: HOSTILE },
    created_at: T0,
    expires_at: T0 + 7 * 86_400_000,
    revoked_at: null,
    ...overrides,
  };
}

/** Every page of a schedule's log, following the cursors. */
async function allPages(schedules: ScheduleStore, id: string, limit: number): Promise<DeliveryLogEntry[][]> {
  const pages: DeliveryLogEntry[][] = [];
  let page = await schedules.log(id, limit);
  pages.push(page.items);
  while (page.nextCursor) {
    page = await schedules.log(id, limit, page.nextCursor);
    pages.push(page.items);
  }
  return pages;
}

export function describeReportStoreConformance(backend: string, harness: ReportStoreHarness): void {
  describe(`ScheduleStore and ShareLinkStore conformance: ${backend}`, () => {
    const schedules = () => harness.tables().schedules;
    const links = () => harness.tables().links;
    beforeEach(() => harness.clear());

    it('reads schedules back, listed oldest first, by owner', async () => {
      const a = makeSchedule('a', { created_at: T0 + 2 });
      const b = makeSchedule('b', { created_at: T0 + 1, owner: 'bob' });
      const c = makeSchedule('c', { created_at: T0 + 1, next_run_at: null, enabled: false });
      for (const s of [a, b, c]) await schedules().insert(s);
      expect(await schedules().get('a')).toEqual(a);
      expect(await schedules().get('missing')).toBeUndefined();
      expect(await schedules().list()).toEqual([b, c, a]);
      expect(await schedules().list('alice')).toEqual([c, a]);
      expect(await schedules().list('nobody')).toEqual([]);
    });

    it('finds due schedules and the earliest next run among enabled ones', async () => {
      expect(await schedules().earliestNextRun()).toBeNull();
      await schedules().insert(makeSchedule('late', { next_run_at: T0 + 10 * MIN }));
      await schedules().insert(makeSchedule('early', { next_run_at: T0 + 5 * MIN }));
      await schedules().insert(makeSchedule('off', { next_run_at: T0, enabled: false }));
      await schedules().insert(makeSchedule('never', { next_run_at: null }));
      expect(await schedules().earliestNextRun()).toBe(T0 + 5 * MIN);
      expect((await schedules().due(T0 + 4 * MIN)).map((s) => s.id)).toEqual([]);
      expect((await schedules().due(T0 + 10 * MIN)).map((s) => s.id)).toEqual(['early', 'late']);
    });

    it('advances only from the expected next run: a PATCH in between wins', async () => {
      await schedules().insert(makeSchedule('s'));
      expect(await schedules().advance('s', T0 + 60 * MIN, T0 + 120 * MIN)).toBe(true);
      expect((await schedules().get('s'))?.next_run_at).toBe(T0 + 120 * MIN);
      expect(await schedules().advance('s', T0 + 60 * MIN, T0 + 180 * MIN)).toBe(false);
      await schedules().updateSpec(makeSchedule('s', { name: 'patched', next_run_at: T0 + 90 * MIN }));
      expect(await schedules().advance('s', T0 + 120 * MIN, T0 + 180 * MIN)).toBe(false);
      const patched = await schedules().get('s');
      expect(patched).toMatchObject({ name: 'patched', next_run_at: T0 + 90 * MIN });
      expect(await schedules().advance('s', T0 + 90 * MIN, null)).toBe(true);
      expect(await schedules().due(T0 + 1000 * MIN)).toEqual([]);
      expect(await schedules().advance('s', null, T0)).toBe(true);
      expect(await schedules().advance('missing', null, T0)).toBe(false);
    });

    it('keeps the last run and outcome through PATCHes and advances; owner and creation stay', async () => {
      await schedules().insert(makeSchedule('s'));
      await schedules().recordOutcome('s', T0 + 61 * MIN, 'partial');
      await schedules().updateSpec(makeSchedule('s', { owner: 'mallory', created_at: 0, enabled: false }));
      await schedules().advance('s', T0 + 60 * MIN, T0 + 120 * MIN);
      const s = await schedules().get('s');
      expect(s).toMatchObject({ enabled: false, last_run_at: T0 + 61 * MIN, last_outcome: 'partial' });
      expect(s?.next_run_at).toBe(T0 + 120 * MIN);
      expect(await schedules().list('alice')).toHaveLength(1);
      await schedules().updateSpec(makeSchedule('missing'));
      await schedules().recordOutcome('missing', T0, 'failed');
      expect(await schedules().get('missing')).toBeUndefined();
    });

    it('pages the log newest first, every entry once, with its total', async () => {
      await schedules().insert(makeSchedule('s'));
      await schedules().insert(makeSchedule('other'));
      // Several entries in one millisecond: the log's order is insertion order, not time.
      const entries = Array.from({ length: 7 }, (_, n) => makeLogEntry('s', n, T0));
      for (const entry of entries) await schedules().appendLog(entry);
      await schedules().appendLog(makeLogEntry('other', 0));
      const first = await schedules().log('s', 3);
      expect(first.total).toBe(7);
      const pages = await allPages(schedules(), 's', 3);
      expect(pages.map((p) => p.length)).toEqual([3, 3, 1]);
      expect(pages.flat()).toEqual([...entries].reverse());
      expect((await schedules().log('s', 10)).nextCursor).toBeNull();
      expect((await schedules().log('missing', 10)).items).toEqual([]);
    });

    it('removes a schedule with its log; a late entry and a new life of its id start empty', async () => {
      await schedules().insert(makeSchedule('s'));
      await schedules().appendLog(makeLogEntry('s', 1));
      await schedules().recordOutcome('s', T0 + 61 * MIN, 'failed');
      expect(await schedules().remove('s')).toBe(true);
      expect(await schedules().remove('s')).toBe(false);
      expect(await schedules().get('s')).toBeUndefined();
      expect(await schedules().list()).toEqual([]);
      expect(await schedules().due(T0 + 1000 * MIN)).toEqual([]);
      expect(await schedules().advance('s', T0 + 60 * MIN, T0)).toBe(false);
      await schedules().appendLog(makeLogEntry('s', 2));
      expect(await schedules().log('s', 10)).toEqual({ items: [], total: 0, nextCursor: null });
      const again = makeSchedule('s', { name: 'again' });
      await schedules().insert(again);
      expect(await schedules().get('s')).toEqual(again);
      expect((await schedules().log('s', 10)).total).toBe(0);
    });

    it('reads share links back by id and token hash, newest first by owner; the first revocation stays', async () => {
      const a = makeLink('a', { created_at: T0 + 1 });
      const b = makeLink('b', { created_at: T0 + 2 });
      const c = makeLink('c', { owner: 'bob' });
      for (const link of [a, b, c]) await links().insert(link);
      expect(await links().get('a')).toEqual(a);
      expect(await links().byTokenHash('hash-b')).toEqual(b);
      expect(await links().byTokenHash('nope')).toBeUndefined();
      expect(await links().list('alice')).toEqual([b, a]);
      expect((await links().list()).map((l) => l.link_id)).toEqual(['b', 'a', 'c']);
      await links().revoke('a', T0 + 5);
      await links().revoke('a', T0 + 9);
      await links().revoke('missing', T0);
      expect(await links().get('a')).toEqual({ ...a, revoked_at: T0 + 5 });
      expect(await links().byTokenHash('hash-a')).toEqual({ ...a, revoked_at: T0 + 5 });
      expect(await links().get('missing')).toBeUndefined();
    });

    it('agrees with an in-memory model on random sequences of changes', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(operationArbitrary, { minLength: 1, maxLength: 14 }),
          async (operations) => {
            await harness.clear();
            const model = new ScheduleModel();
            for (const op of operations) {
              const got = await apply(schedules(), op);
              expect(got).toEqual(model.apply(op));
            }
            for (const id of IDS) {
              expect(await schedules().get(id)).toEqual(model.get(id));
              const log = await schedules().log(id, 100);
              expect(log.items).toEqual(model.log(id));
              expect(log.total).toBe(model.log(id).length);
            }
            expect(await schedules().list()).toEqual(model.list());
            expect(await schedules().due(T0 + 30 * MIN)).toEqual(model.due(T0 + 30 * MIN));
            expect(await schedules().earliestNextRun()).toBe(model.earliest());
          },
        ),
        { numRuns: 15 },
      );
    });
  });
}
