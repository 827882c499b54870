/**
 * Opens the DuckDB database file, after checking its write-ahead log: DuckDB
 * skips a log it does not recognize, and one left without its database file,
 * silently (acknowledged commits gone). Every problem is named precisely (which
 * file, which bytes), logged, counted and the file kept; a start that would lose
 * acknowledged data is refused unless `walRecovery` is `quarantine`, and a
 * corrupt database file is never blamed on its log.
 */
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  openSync,
  closeSync,
  readSync,
  renameSync,
  statSync,
} from 'node:fs';
import { dirname } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { blamedFile, StoreCorruptionError, type CorruptionKind, type WalRecovery } from './store-corruption';
import { inspectWal, type WalFile } from './wal-inspection';

export interface DuckDbOptions {
  /** Database file, or `:memory:`. */
  readonly path: string;
  readonly memoryLimit: string;
  readonly threads: number;
  readonly tempDir: string | undefined;
  /** A WAL DuckDB cannot apply: refuse to start (default) or move it aside. */
  readonly walRecovery?: WalRecovery;
}

export interface StoreLog {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export interface OpenHooks {
  readonly log: StoreLog;
  /** Called with the new name of a WAL that was moved aside. */
  readonly onWalQuarantined?: (movedTo: string) => void;
  /** Called for every problem found, before the start goes on or is refused. */
  readonly onCorruption?: (kind: CorruptionKind) => void;
}

export async function openDatabase(options: DuckDbOptions, hooks: OpenHooks): Promise<DuckDBInstance> {
  const settings: Record<string, string> = {
    memory_limit: options.memoryLimit,
    threads: String(options.threads),
  };
  if (options.tempDir) settings.temp_directory = options.tempDir;
  if (options.path === ':memory:') return DuckDBInstance.create(options.path, settings);
  mkdirSync(dirname(options.path), { recursive: true });
  checkWal(options, hooks);
  try {
    return await DuckDBInstance.create(options.path, settings);
  } catch (error) {
    const message = (error as Error).message;
    const wal = `${options.path}.wal`;
    const blamed = blamedFile(message);
    if (blamed === 'db') {
      hooks.onCorruption?.('db_corrupt');
      throw refused(
        hooks,
        'db_corrupt',
        `the database file ${options.path} is corrupt (DuckDB: ${message}); nothing was moved or deleted. ` +
          `Restore it from a backup; its write-ahead log ${wal} belongs with it.`,
      );
    }
    if (blamed !== 'wal' || !existsSync(wal)) throw error;
    lostCommits(
      options,
      hooks,
      'wal_unreplayable',
      `DuckDB cannot replay the write-ahead log ${wal} (${message})`,
    );
    return DuckDBInstance.create(options.path, settings);
  }
}

/** Before DuckDB sees the WAL: a WAL without its database, a foreign file, a torn entry. */
function checkWal(options: DuckDbOptions, hooks: OpenHooks): void {
  const wal = `${options.path}.wal`;
  const walSize = sizeOf(wal);
  if (walSize === undefined || walSize === 0) return;
  if (!existsSync(options.path)) {
    const what = `the database file ${options.path} is missing, but its write-ahead log ${wal} (${walSize} bytes) is there; DuckDB would start an empty database and discard the log`;
    lostCommits(options, hooks, 'wal_without_db', what);
    return;
  }
  const inspection = withFile(wal, inspectWal);
  if (inspection.kind === 'foreign') {
    const what = `${wal} (${walSize} bytes) is not a DuckDB write-ahead log (${inspection.reason}); DuckDB would ignore the commits it should hold`;
    lostCommits(options, hooks, 'wal_foreign', what);
  } else if (inspection.kind === 'torn') {
    const copy = `${wal}.torn-${stamp()}`;
    copyFileSync(wal, copy);
    hooks.onCorruption?.('wal_torn');
    hooks.log.error(
      `the write-ahead log ${wal} ends inside an entry: ${inspection.entries} complete entries up to byte ` +
        `${inspection.validBytes}, then ${inspection.size - inspection.validBytes} bytes of a partial one. ` +
        'A crash while committing leaves this (that commit was never acknowledged); a truncated file too ' +
        `(then the commits after byte ${inspection.validBytes} are lost). DuckDB replays the complete entries; ` +
        `the whole log is kept at ${copy}.`,
    );
  } else if (inspection.kind === 'unchecked') {
    hooks.log.warn(`write-ahead log ${wal} has version ${inspection.version}; its framing is left to DuckDB`);
  }
}

/** A WAL whose commits cannot be applied: refused (every file left as it is), or moved aside. */
function lostCommits(options: DuckDbOptions, hooks: OpenHooks, kind: CorruptionKind, what: string): void {
  hooks.onCorruption?.(kind);
  const wal = `${options.path}.wal`;
  if ((options.walRecovery ?? 'refuse') === 'refuse') {
    throw refused(
      hooks,
      kind,
      `${what}. The analyzer will not start without those commits; nothing was moved or deleted. ` +
        'Restore the files, or set RPA_ANALYZER_WAL_RECOVERY=quarantine to move the log aside and start without them.',
    );
  }
  const movedTo = `${wal}.unreplayable-${stamp()}`;
  renameSync(wal, movedTo);
  hooks.log.error(
    `${what}; moved it to ${movedTo} (walRecovery=quarantine) and opened the database without it: ` +
      'commits after the last checkpoint are in that file, not in the store',
  );
  hooks.onWalQuarantined?.(movedTo);
}

function refused(hooks: OpenHooks, kind: CorruptionKind, message: string): StoreCorruptionError {
  hooks.log.error(`store ${kind}: ${message}`);
  return new StoreCorruptionError(kind, message);
}

function sizeOf(path: string): number | undefined {
  try {
    return statSync(path).size;
  } catch {
    return undefined;
  }
}

function withFile<T>(path: string, use: (file: WalFile) => T): T {
  const fd = openSync(path, 'r');
  try {
    const size = statSync(path).size;
    return use({
      size,
      read(offset, length) {
        const buffer = Buffer.alloc(Math.max(0, Math.min(length, size - offset)));
        const read = readSync(fd, buffer, 0, buffer.length, offset);
        return buffer.subarray(0, read);
      },
    });
  } finally {
    closeSync(fd);
  }
}

function stamp(): string {
  return new Date().toISOString().replace(/[:.]/g, '-');
}
