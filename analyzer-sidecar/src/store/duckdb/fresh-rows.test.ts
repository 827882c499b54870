import fc from 'fast-check';
import { RECORD_TYPES, type RecordBatch } from '../../model/records';
import { TABLES } from '../record-tables';
import { rowKey } from '../row-identity';
import { batchArbitrary } from '../../test-support/record-arbitraries';
import { DuckDbStore } from './duckdb-store';

const silent = { info: () => {}, warn: () => {}, error: () => {} };

/** Each row kept or not by `keep`, in order. */
function part(batch: RecordBatch, keep: (index: number) => boolean): RecordBatch {
  let i = 0;
  const pick = <T>(rows: T[]): T[] => rows.filter(() => keep(i++));
  return {
    executions: pick(batch.executions),
    steps: pick(batch.steps),
    recoveries: pick(batch.recoveries),
    resources: pick(batch.resources),
  };
}

function distinctKeys(batch: RecordBatch): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const type of RECORD_TYPES)
    counts[type] = new Set(
      (batch[type] as object[]).map((row) => rowKey(TABLES[type].key, row as never)),
    ).size;
  return counts;
}

describe('DuckDbStore idempotent inserts', () => {
  let store: DuckDbStore;
  beforeAll(async () => {
    store = await DuckDbStore.open(
      { path: ':memory:', memoryLimit: '256MB', threads: 1, tempDir: undefined },
      { log: silent },
    );
  });
  afterAll(() => store.close());

  it('stores every row once when part of a batch is stored already and the rest repeats within it (Property)', async () => {
    await fc.assert(
      fc.asyncProperty(batchArbitrary(8), fc.array(fc.boolean(), { maxLength: 80 }), async (batch, flags) => {
        await store.exclusive(async (c) => {
          for (const t of [...RECORD_TYPES, 'execution_starts']) await c.run(`DELETE FROM ${t}`);
        });
        // Some rows first, then the whole batch with those rows repeated inside it.
        await store.insert(part(batch, (i) => flags[i] ?? false));
        const repeated = part(batch, (i) => flags[i] ?? true);
        const all: RecordBatch = {
          executions: [...batch.executions, ...repeated.executions],
          steps: [...batch.steps, ...repeated.steps],
          recoveries: [...batch.recoveries, ...repeated.recoveries],
          resources: [...batch.resources, ...repeated.resources],
        };
        await store.insert(all);
        expect(await store.rowCounts()).toEqual(distinctKeys(batch));
      }),
      { numRuns: 40 },
    );
  });
});
