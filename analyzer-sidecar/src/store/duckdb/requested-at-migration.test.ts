/** A store written before `executions.requested_at` existed opens, gains the column and keeps its rows. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeExecution } from '../../analysis/test-support/records';
import { DuckDbStore } from './duckdb-store';

const silent = { info: () => {}, warn: () => {}, error: () => {} };

describe('executions.requested_at on an older store', () => {
  it('is added at open; old rows read null, new rows keep their value', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rpa-migration-'));
    const options = { path: join(dir, 'store.duckdb'), memoryLimit: '256MB', threads: 1, tempDir: undefined };
    try {
      const old = await DuckDbStore.open(options, { log: silent });
      await old.insert({
        executions: [makeExecution({ execution_id: 'old', started_at: 1000 })],
        steps: [],
        recoveries: [],
        resources: [],
      });
      // The table as the previous release created it.
      await old.exclusive((c) => c.run('ALTER TABLE executions DROP COLUMN requested_at'));
      await old.close();

      const store = await DuckDbStore.open(options, { log: silent });
      try {
        await store.insert({
          executions: [makeExecution({ execution_id: 'new', started_at: 5000, requested_at: 4000 })],
          steps: [],
          recoveries: [],
          resources: [],
        });
        const page = await store.listExecutions({}, 10);
        expect(Object.fromEntries(page.items.map((e) => [e.execution_id, e.requested_at]))).toEqual({
          old: null,
          new: 4000,
        });
      } finally {
        await store.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
