import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { RECORD_TYPES, type RecordBatch, type RecordType } from '../model/records';
import { DuckDbStore } from '../store/duckdb/duckdb-store';
import { BASE_TIME, DAY_MS, batchArbitrary } from '../test-support/record-arbitraries';
import { ParquetArchive, type ArchiveStep } from './parquet-archive';
import { applyRetention } from './retention-job';
import { mergePolicy, DEFAULT_RETENTION_POLICY, type RetentionPolicy } from './retention-policy';

const silent = { info: () => {}, warn: () => {}, error: () => {} };
const ALL_TIME = { start: 0, end: BASE_TIME * 2 };

function timeOf(type: RecordType, row: object): number {
  return type === 'resources'
    ? (row as { timestamp: number }).timestamp
    : (row as { started_at: number }).started_at;
}

function sortBatch(batch: RecordBatch): RecordBatch {
  const key = (row: object): string => JSON.stringify(row);
  const sorted = {} as RecordBatch;
  for (const type of RECORD_TYPES)
    (sorted[type] as object[]) = [...(batch[type] as object[])].sort((a, b) => (key(a) < key(b) ? -1 : 1));
  return sorted;
}

describe('ParquetArchive', () => {
  let dir: string;
  let store: DuckDbStore;
  let archive: ParquetArchive;
  let crashAt: ArchiveStep | undefined;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'rpa-archive-'));
    store = await DuckDbStore.open(
      { path: join(dir, 'store.duckdb'), memoryLimit: '512MB', threads: 1, tempDir: undefined },
      { log: silent },
    );
    crashAt = undefined;
    archive = new ParquetArchive(store, dir, (step) => {
      if (step === crashAt) throw new Error(`killed after ${step}`);
    });
    await archive.recover();
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  // Property 20: archived data is retrievable and matches the original.
  it('Property 20: queries return the same rows before and after archiving', async () => {
    await fc.assert(
      fc.asyncProperty(batchArbitrary(10), fc.integer({ min: 0, max: 11 }), async (batch, days) => {
        await store.exclusive(async (c) => {
          for (const t of RECORD_TYPES) await c.run(`DELETE FROM ${t}`);
        });
        rmSync(archive.root, { recursive: true, force: true });
        archive = new ParquetArchive(store, dir);
        await archive.recover();
        await store.insert(batch);
        const before = sortBatch(await store.queryRange(ALL_TIME));
        for (const type of RECORD_TYPES) await archive.moveOlderThan(type, BASE_TIME + days * DAY_MS);
        const after = sortBatch(await store.queryRange(ALL_TIME));
        expect(after).toEqual(before);
        expect(sortBatch(batch)).toEqual(before);
      }),
      { numRuns: 15 },
    );
  });

  // Property 19: data older than its retention period is archived or deleted according to policy.
  it('Property 19: hot rows are newer than hot_days, archived days older than archive_days are gone, nothing else is lost', async () => {
    await fc.assert(
      fc.asyncProperty(
        batchArbitrary(10),
        fc.integer({ min: 0, max: 6 }),
        fc.integer({ min: 0, max: 6 }),
        fc.integer({ min: 0, max: 12 * DAY_MS }),
        async (batch, hotDays, extraDays, nowOffset) => {
          await store.exclusive(async (c) => {
            for (const t of RECORD_TYPES) await c.run(`DELETE FROM ${t}`);
          });
          rmSync(archive.root, { recursive: true, force: true });
          archive = new ParquetArchive(store, dir);
          await archive.recover();
          await store.insert(batch);
          const rule = { hot_days: hotDays, archive_days: hotDays + extraDays };
          const policy: RetentionPolicy = mergePolicy(
            DEFAULT_RETENTION_POLICY,
            Object.fromEntries(RECORD_TYPES.map((t) => [t, rule])),
          );
          const now = BASE_TIME + nowOffset;
          await applyRetention(archive, policy, now);
          const hotCut = now - hotDays * DAY_MS;
          const archiveCut = now - (hotDays + extraDays) * DAY_MS;
          const deletedBefore = Math.floor(archiveCut / DAY_MS) * DAY_MS;
          const counts = await store.rowCounts();
          const everything = await store.queryRange(ALL_TIME);
          for (const type of RECORD_TYPES) {
            const original = batch[type] as object[];
            const expectedHot = original.filter((row) => timeOf(type, row) >= hotCut).length;
            expect(counts[type]).toBe(expectedHot);
            const kept = original.filter((row) => timeOf(type, row) >= deletedBefore);
            expect((everything[type] as object[]).length).toBe(kept.length);
            // never lost before its time
            for (const row of original.filter((r) => timeOf(type, r) >= archiveCut)) {
              expect(everything[type]).toContainEqual(row);
            }
          }
        },
      ),
      { numRuns: 15 },
    );
  });

  it('stores a re-sent batch once even when its rows were archived meanwhile', async () => {
    const batch = fc.sample(batchArbitrary(10), { numRuns: 1, seed: 13 })[0] as RecordBatch;
    await store.insert(batch);
    const before = sortBatch(await store.queryRange(ALL_TIME));
    for (const type of RECORD_TYPES) await archive.moveOlderThan(type, BASE_TIME + 20 * DAY_MS);
    const again = await store.insert(batch);
    expect(again.inserted).toEqual({ executions: 0, steps: 0, recoveries: 0, resources: 0 });
    expect(sortBatch(await store.queryRange(ALL_TIME))).toEqual(before);
  });

  it('lets ingestion go on during a move; rows committed meanwhile stay, once', async () => {
    const batch = fc
      .sample(batchArbitrary(10), { numRuns: 5, seed: 9 })
      .find((b) => b.executions.length > 0) as RecordBatch;
    await store.insert(batch);
    const first = [...batch.executions].sort((a, b) => a.started_at - b.started_at)[0];
    // Committed while the first day's move is between its COPY and its DELETE, in that very day.
    const late = { ...(first as RecordBatch['executions'][number]), execution_id: 'late-arrival' };
    let inserted = false;
    archive = new ParquetArchive(store, dir, async (step) => {
      if (step !== 'copied' || inserted) return;
      inserted = true;
      await store.insert({ executions: [late], steps: [], recoveries: [], resources: [] });
    });
    await archive.moveOlderThan('executions', BASE_TIME + 20 * DAY_MS);
    const all = await store.queryRange({ ...ALL_TIME, types: ['executions'] });
    expect(all.executions.map((e) => e.execution_id).sort()).toEqual(
      [...batch.executions.map((e) => e.execution_id), 'late-arrival'].sort(),
    );
    expect((await store.rowCounts()).executions).toBe(1);
  });

  it.each(['journaled', 'copied', 'renamed', 'deleted'] as const)(
    'leaves every row exactly once when a job is killed after the %s step',
    async (step) => {
      const batch = fc.sample(batchArbitrary(10), { numRuns: 1, seed: 42 })[0] as RecordBatch;
      await store.insert(batch);
      const before = sortBatch(await store.queryRange(ALL_TIME));
      crashAt = step;
      await expect(archive.moveOlderThan('executions', BASE_TIME + 20 * DAY_MS)).rejects.toThrow('killed');
      await store.close();
      store = await DuckDbStore.open(
        { path: join(dir, 'store.duckdb'), memoryLimit: '512MB', threads: 1, tempDir: undefined },
        { log: silent },
      );
      archive = new ParquetArchive(store, dir);
      await archive.recover();
      expect(sortBatch(await store.queryRange(ALL_TIME))).toEqual(before);
      await archive.moveOlderThan('executions', BASE_TIME + 20 * DAY_MS);
      expect(sortBatch(await store.queryRange(ALL_TIME))).toEqual(before);
    },
  );
});
