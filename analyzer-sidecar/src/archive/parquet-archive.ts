/**
 * Moves old rows from the DuckDB store into Parquet files (zstd), one folder per
 * record type and UTC day: `archive/<type>/day=YYYY-MM-DD/part-*.parquet`.
 *
 * Exactly once, whatever point a job is killed at. Per day, on a connection
 * of the archive's own (ingestion goes on meanwhile):
 *   1. write a journal entry naming the file;
 *   2. BEGIN; COPY the day's rows to `<file>.tmp`; fsync; rename to `<file>`; fsync the folder;
 *   3. DELETE those rows; COMMIT;
 *   4. remove the journal entry.
 * COPY and DELETE run in one transaction, so they see the same snapshot: a row
 * committed by ingestion meanwhile is neither copied nor deleted, and stays hot
 * until the next run.
 * Killed before the rename: the rows are still in the store, the tmp file is
 * debris. Killed after the rename and before the commit: the rows are in both;
 * startup recovery deletes from the store every row the journaled file holds.
 * Killed after the commit: recovery finds nothing left to delete.
 */
import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { RECORD_TYPES, type RecordType } from '../model/records';
import type { DuckDbStore } from '../store/duckdb/duckdb-store';
import { TABLES } from '../store/record-tables';
import { quoteIdentifier, quoteLiteral } from '../store/duckdb/tables';
import { storedRowsSql, tablesHolding } from '../store/duckdb/clustering/clustered-tables';
import { DAY_MS } from './retention-policy';

interface JournalEntry {
  type: RecordType;
  file: string;
  start: number;
  end: number;
}

export interface ArchiveMove {
  readonly rows: number;
  readonly files: number;
}

/** Test hook: lets a test stop a job between two of its steps. */
export type ArchiveStep = 'journaled' | 'copied' | 'renamed' | 'deleted';

export class ParquetArchive {
  readonly root: string;
  private readonly journalDir: string;

  constructor(
    private readonly store: DuckDbStore,
    dataDir: string,
    private readonly afterStep: (step: ArchiveStep) => void | Promise<void> = () => {},
  ) {
    this.root = join(dataDir, 'archive');
    this.journalDir = join(this.root, '_journal');
    mkdirSync(this.journalDir, { recursive: true });
  }

  /** Finishes or undoes what a killed job left, then points the views at the files. */
  async recover(): Promise<void> {
    await this.store.exclusive(async (connection) => {
      for (const name of readdirSync(this.journalDir)) {
        const path = join(this.journalDir, name);
        const entry = JSON.parse(readFileSync(path, 'utf8')) as JournalEntry;
        if (existsSync(entry.file)) await deleteArchivedRows(connection, entry);
        rmSync(`${entry.file}.tmp`, { force: true });
        unlinkSync(path);
      }
      for (const file of this.walk()) if (file.endsWith('.tmp')) unlinkSync(file);
      await this.store.setArchiveFiles(this.files(), connection);
    });
  }

  /** Moves every row of `type` with time < `cutoff` into the archive. */
  moveOlderThan(type: RecordType, cutoff: number): Promise<ArchiveMove> {
    return this.serial(async (connection) => {
      const table = TABLES[type];
      const time = quoteIdentifier(table.timeColumn);
      const days = await connection.runAndReadAll(
        `SELECT DISTINCT (${time} // ${DAY_MS})::DOUBLE AS day FROM (${storedRowsSql(type)}) WHERE ${time} < $1::BIGINT ORDER BY day`,
        [cutoff],
      );
      let rows = 0;
      let files = 0;
      for (const { day } of days.getRowObjects()) {
        const start = (day as number) * DAY_MS;
        rows += await this.moveDay(connection, {
          type,
          file: this.newFileName(type, start),
          start,
          end: Math.min(start + DAY_MS, cutoff),
        });
        files++;
      }
      if (files > 0) await this.store.setArchiveFiles(this.files(), connection);
      return { rows, files };
    });
  }

  /** Deletes archived days of `type` that end at or before `cutoff`; returns the rows deleted. */
  deleteDaysBefore(type: RecordType, cutoff: number): Promise<number> {
    return this.serial(async (connection) => {
      const doomed = this.days(type).filter((day) => day.start + DAY_MS <= cutoff);
      if (doomed.length === 0) return 0;
      const files = doomed.flatMap((day) => day.files);
      const counted = await connection.runAndReadAll(
        `SELECT count(*)::DOUBLE AS n FROM read_parquet([${files.map(quoteLiteral).join(', ')}])`,
      );
      const remaining = this.files();
      remaining[type] = remaining[type].filter((file) => !files.includes(file));
      await this.store.setArchiveFiles(remaining, connection);
      for (const day of doomed) rmSync(day.dir, { recursive: true, force: true });
      return counted.getRowObjects()[0]?.n as number;
    });
  }

  /** Archived Parquet files per record type. */
  files(): Record<RecordType, string[]> {
    const result = {} as Record<RecordType, string[]>;
    for (const type of RECORD_TYPES) result[type] = this.days(type).flatMap((day) => day.files);
    return result;
  }

  /** Bytes of Parquet per record type. */
  bytes(): Record<RecordType, number> {
    const result = {} as Record<RecordType, number>;
    for (const [type, files] of Object.entries(this.files())) {
      result[type as RecordType] = files.reduce((sum, file) => sum + statSync(file).size, 0);
    }
    return result;
  }

  /** Runs archive work one job at a time, and never beside a compaction (see DuckDbStore.maintain). */
  private serial<T>(work: (connection: DuckDBConnection) => Promise<T>): Promise<T> {
    return this.store.maintain(work);
  }

  private async moveDay(connection: DuckDBConnection, entry: JournalEntry): Promise<number> {
    const table = TABLES[entry.type];
    const time = quoteIdentifier(table.timeColumn);
    const where = `WHERE ${time} >= ${entry.start}::BIGINT AND ${time} < ${entry.end}::BIGINT`;
    const journal = join(this.journalDir, `${entry.start}-${randomBytes(4).toString('hex')}.json`);
    writeDurably(journal, JSON.stringify(entry));
    await this.afterStep('journaled');
    mkdirSync(join(entry.file, '..'), { recursive: true });
    await connection.run('BEGIN TRANSACTION');
    try {
      const order = table.archiveOrder.map(quoteIdentifier).join(', ');
      await connection.run(
        `COPY (SELECT * FROM (${storedRowsSql(entry.type)}) ${where} ORDER BY ${order}) TO ${quoteLiteral(`${entry.file}.tmp`)} ` +
          `(FORMAT parquet, COMPRESSION zstd, COMPRESSION_LEVEL 9, ROW_GROUP_SIZE 1000000)`,
      );
      fsyncFile(`${entry.file}.tmp`);
      await this.afterStep('copied');
      renameSync(`${entry.file}.tmp`, entry.file);
      fsyncFile(join(entry.file, '..'));
      await this.afterStep('renamed');
      let deleted = 0;
      for (const stored of tablesHolding(entry.type))
        deleted += (await connection.run(`DELETE FROM ${quoteIdentifier(stored)} ${where}`)).rowsChanged;
      await connection.run('COMMIT');
      await this.afterStep('deleted');
      unlinkSync(journal);
      return deleted;
    } catch (error) {
      await connection.run('ROLLBACK').catch(() => undefined);
      throw error;
    }
  }

  private newFileName(type: RecordType, dayStart: number): string {
    const day = new Date(dayStart).toISOString().slice(0, 10);
    return join(
      this.root,
      type,
      `day=${day}`,
      `part-${Date.now()}-${randomBytes(4).toString('hex')}.parquet`,
    );
  }

  private days(type: RecordType): { start: number; dir: string; files: string[] }[] {
    const typeDir = join(this.root, type);
    if (!existsSync(typeDir)) return [];
    return readdirSync(typeDir)
      .filter((name) => /^day=\d{4}-\d{2}-\d{2}$/.test(name))
      .sort()
      .map((name) => {
        const dir = join(typeDir, name);
        const files = readdirSync(dir)
          .filter((file) => file.endsWith('.parquet'))
          .sort()
          .map((file) => join(dir, file));
        return { start: Date.parse(`${name.slice(4)}T00:00:00Z`), dir, files };
      })
      .filter((day) => day.files.length > 0);
  }

  private *walk(dir = this.root): Generator<string> {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) yield* this.walk(path);
      else yield path;
    }
  }
}

/** Deletes from the store the rows a journaled file holds (idempotent). */
async function deleteArchivedRows(connection: DuckDBConnection, entry: JournalEntry): Promise<void> {
  const table = TABLES[entry.type];
  const time = quoteIdentifier(table.timeColumn);
  const match = table.key
    .map((k) => `p.${quoteIdentifier(k)} IS NOT DISTINCT FROM t.${quoteIdentifier(k)}`)
    .join(' AND ');
  for (const stored of tablesHolding(entry.type))
    await connection.run(
      `DELETE FROM ${quoteIdentifier(stored)} t WHERE t.${time} >= ${entry.start}::BIGINT AND t.${time} < ${entry.end}::BIGINT ` +
        `AND EXISTS (SELECT 1 FROM read_parquet(${quoteLiteral(entry.file)}) p WHERE ${match})`,
    );
}

function writeDurably(path: string, text: string): void {
  writeFileSync(path, text);
  fsyncFile(path);
}

function fsyncFile(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
