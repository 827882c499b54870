/**
 * Opens the DuckDB database file. A write-ahead log that cannot be replayed is
 * moved aside (logged and counted) and the database opened without it, so a
 * torn WAL never turns into a crash loop; the moved file is kept for forensics.
 */
import { existsSync, mkdirSync, renameSync } from 'node:fs';
import { dirname } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';

export interface DuckDbOptions {
  /** Database file, or `:memory:`. */
  readonly path: string;
  readonly memoryLimit: string;
  readonly threads: number;
  readonly tempDir: string | undefined;
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
}

export async function openDatabase(options: DuckDbOptions, hooks: OpenHooks): Promise<DuckDBInstance> {
  const settings: Record<string, string> = {
    memory_limit: options.memoryLimit,
    threads: String(options.threads),
  };
  if (options.tempDir) settings.temp_directory = options.tempDir;
  if (options.path !== ':memory:') mkdirSync(dirname(options.path), { recursive: true });
  try {
    return await DuckDBInstance.create(options.path, settings);
  } catch (error) {
    const wal = `${options.path}.wal`;
    if (options.path === ':memory:' || !existsSync(wal)) throw error;
    const movedTo = `${wal}.unreplayable-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    renameSync(wal, movedTo);
    hooks.log.error(
      `DuckDB could not replay its write-ahead log (${(error as Error).message}); moved it to ${movedTo} ` +
        'and opened the database without it: commits after the last checkpoint are in that file, not in the store',
    );
    hooks.onWalQuarantined?.(movedTo);
    return DuckDBInstance.create(options.path, settings);
  }
}
