import { spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { openDatabase } from './open-database';
import type { CorruptionKind, WalRecovery } from './store-corruption';

/** Rows committed after the last checkpoint, i.e. only in the WAL: 3 commits of 1,000. */
const ROWS = 3000;

/** A database whose table is checkpointed empty and whose 3 acknowledged commits sit in the WAL. */
function makeDatabase(dir: string): void {
  const path = join(dir, 'store.duckdb');
  const script = `
    const { DuckDBInstance } = require('@duckdb/node-api');
    (async () => {
      const c = await (await DuckDBInstance.create(${JSON.stringify(path)})).connect();
      await c.run('CREATE TABLE t (a INTEGER, b VARCHAR)');
      await c.run('CHECKPOINT');
      for (let i = 0; i < 3; i++) await c.run(\`INSERT INTO t SELECT range + \${i * 1000}, 'x' || range FROM range(1000)\`);
      process.kill(process.pid, 'SIGKILL');
    })();`;
  spawnSync(process.execPath, ['-e', script], { cwd: __dirname });
}

type Damage = (db: string, wal: string) => void;

const overwrite = (path: string, at: number, bytes: Buffer) => {
  const content = readFileSync(path);
  bytes.copy(content, at);
  writeFileSync(path, content);
};

type Expected = 'all rows' | 'refused' | 'some rows, copy kept' | 'undetectable';

/** [case, outcome under `refuse` (the default), kind reported, damage] */
const MATRIX: Array<[string, Expected, CorruptionKind | undefined, Damage]> = [
  ['intact WAL', 'all rows', undefined, () => undefined],
  [
    'WAL replaced by random bytes',
    'refused',
    'wal_foreign',
    (_db, wal) => writeFileSync(wal, randomBytes(size(wal))),
  ],
  [
    'WAL truncated in the middle',
    'some rows, copy kept',
    'wal_torn',
    (_db, wal) => truncateSync(wal, size(wal) >> 1),
  ],
  [
    'WAL with a torn last entry',
    'some rows, copy kept',
    'wal_torn',
    (_db, wal) => truncateSync(wal, size(wal) - 20),
  ],
  ['WAL truncated to its header', 'some rows, copy kept', 'wal_torn', (_db, wal) => truncateSync(wal, 8)],
  ['WAL truncated to 5 bytes', 'refused', 'wal_foreign', (_db, wal) => truncateSync(wal, 5)],
  [
    'WAL with flipped bytes (checksum)',
    'refused',
    'wal_unreplayable',
    (_db, wal) => overwrite(wal, size(wal) >> 1, Buffer.alloc(64, 0xff)),
  ],
  ['database file deleted, WAL kept', 'refused', 'wal_without_db', (db) => rmSync(db)],
  ['database file emptied, WAL kept', 'refused', 'db_corrupt', (db) => writeFileSync(db, '')],
  [
    'database file with a corrupt block',
    'refused',
    'db_corrupt',
    (db) => overwrite(db, 8192, randomBytes(65536)),
  ],
  [
    'database file with a corrupt header',
    'refused',
    'db_corrupt',
    (db) => overwrite(db, 0, randomBytes(4096)),
  ],
  // What a checkpoint leaves looks the same: a WAL emptied or cut at an entry boundary cannot be told apart.
  ['WAL emptied (undetectable)', 'undetectable', undefined, (_db, wal) => writeFileSync(wal, '')],
];

const size = (path: string) => readFileSync(path).length;

interface Outcome {
  rows: number | 'refused';
  kinds: CorruptionKind[];
  errors: string[];
  files: string[];
  error?: Error;
}

async function open(dir: string, walRecovery: WalRecovery): Promise<Outcome> {
  const path = join(dir, 'store.duckdb');
  const kinds: CorruptionKind[] = [];
  const errors: string[] = [];
  const log = { info: () => {}, warn: () => {}, error: (m: string) => errors.push(m) };
  try {
    const instance = await openDatabase(
      { path, memoryLimit: '256MB', threads: 1, tempDir: undefined, walRecovery },
      { log, onCorruption: (kind) => kinds.push(kind) },
    );
    const connection = await instance.connect();
    const reader = await connection.runAndReadAll('SELECT count(*)::INTEGER FROM t').catch(() => undefined);
    const rows = reader === undefined ? 0 : Number(reader.getRows()[0]?.[0]);
    connection.closeSync();
    instance.closeSync();
    return { rows, kinds, errors, files: readdirSync(dir).sort() };
  } catch (error) {
    return { rows: 'refused', kinds, errors, files: readdirSync(dir).sort(), error: error as Error };
  }
}

describe('opening a damaged store (the WAL/db corruption matrix)', () => {
  let base: string;
  beforeAll(() => {
    base = mkdtempSync(join(tmpdir(), 'rpa-wal-base-'));
    makeDatabase(base);
  });
  afterAll(() => rmSync(base, { recursive: true, force: true }));

  const withCopy = async (damage: Damage, use: (dir: string) => Promise<void>) => {
    const dir = mkdtempSync(join(tmpdir(), 'rpa-wal-'));
    try {
      cpSync(base, dir, { recursive: true });
      damage(join(dir, 'store.duckdb'), join(dir, 'store.duckdb.wal'));
      await use(dir);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };

  it.each(MATRIX)('%s: %s by default (refuse)', async (_name, expected, kind, damage) => {
    await withCopy(damage, async (dir) => {
      const before = readdirSync(dir).sort();
      const outcome = await open(dir, 'refuse');
      expect(outcome.kinds).toEqual(kind === undefined ? [] : [kind]);
      if (expected === 'undetectable') {
        expect(outcome.errors).toEqual([]);
      } else if (expected === 'all rows') {
        expect(outcome.rows).toBe(ROWS);
        expect(outcome.errors).toEqual([]);
      } else if (expected === 'refused') {
        expect(outcome.rows).toBe('refused');
        expect(outcome.error?.name).toBe('StoreCorruptionError');
        expect(outcome.error?.message).toMatch(
          kind === 'db_corrupt' ? /database file .* is corrupt/ : /write-ahead log|\.wal/,
        );
        expect(outcome.error?.message).toMatch(/nothing was moved or deleted/);
        expect(outcome.files).toEqual(before);
        expect(outcome.errors[0]).toContain(kind);
      } else {
        expect(outcome.rows).toBeGreaterThanOrEqual(0);
        expect(outcome.rows).toBeLessThan(ROWS);
        expect(outcome.errors[0]).toMatch(/ends inside an entry.*kept at/s);
        expect(outcome.files.some((f) => f.startsWith('store.duckdb.wal.torn-'))).toBe(true);
      }
    });
  });

  it.each(MATRIX.filter(([, expected, kind]) => expected === 'refused' && kind !== 'db_corrupt'))(
    '%s: with walRecovery=quarantine, moved aside, logged, counted, and the store opens',
    async (_name, _expected, kind, damage) => {
      await withCopy(damage, async (dir) => {
        const outcome = await open(dir, 'quarantine');
        expect(outcome.kinds).toEqual([kind]);
        expect(typeof outcome.rows).toBe('number');
        expect(outcome.errors[0]).toMatch(/moved it to .*unreplayable-/);
        expect(outcome.files.some((f) => f.startsWith('store.duckdb.wal.unreplayable-'))).toBe(true);
      });
    },
  );

  it('never blames the WAL for a corrupt database file, whatever the policy', async () => {
    const corruptBlock = MATRIX.find(([name]) => name === 'database file with a corrupt block');
    await withCopy(corruptBlock![3], async (dir) => {
      const outcome = await open(dir, 'quarantine');
      expect(outcome.rows).toBe('refused');
      expect(outcome.kinds).toEqual(['db_corrupt']);
      expect(existsSync(join(dir, 'store.duckdb.wal'))).toBe(true);
    });
  });
});
