import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDbStore } from './duckdb-store';

describe('openDatabase', () => {
  it('moves a write-ahead log it cannot replay aside, loudly, and opens the store', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rpa-wal-'));
    const path = join(dir, 'store.duckdb');
    const options = { path, memoryLimit: '256MB', threads: 1, tempDir: undefined };
    const quiet = { info: () => {}, warn: () => {}, error: () => {} };
    try {
      // A process killed before its checkpoint leaves a WAL; flipped bytes make it unreplayable.
      const script = `
        const { DuckDBInstance } = require('@duckdb/node-api');
        (async () => {
          const c = await (await DuckDBInstance.create(${JSON.stringify(path)})).connect();
          await c.run("CREATE TABLE t AS SELECT range AS a, 'x' || range AS b FROM range(1000)");
          await c.run('CREATE TABLE t2 (a INTEGER)');
          process.kill(process.pid, 'SIGKILL');
        })();`;
      spawnSync(process.execPath, ['-e', script], { cwd: __dirname });
      const wal = readFileSync(`${path}.wal`);
      for (let i = wal.length >> 1; i < (wal.length >> 1) + 64; i++) wal[i] = (wal[i] as number) ^ 0xff;
      writeFileSync(`${path}.wal`, wal);
      const errors: string[] = [];
      const moved: string[] = [];
      const store = await DuckDbStore.open(options, {
        log: { ...quiet, error: (m) => errors.push(m) },
        onWalQuarantined: (to) => moved.push(to),
      });
      expect(await store.rowCounts()).toEqual({ executions: 0, steps: 0, recoveries: 0, resources: 0 });
      await store.close();
      expect(moved).toHaveLength(1);
      expect(existsSync(moved[0] as string)).toBe(true);
      expect(errors[0]).toMatch(/write-ahead log/);
      expect(readdirSync(dir).some((f) => f.includes('.wal.unreplayable-'))).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
