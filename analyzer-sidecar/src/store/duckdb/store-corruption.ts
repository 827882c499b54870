/** What can be wrong with the database files at open, each reported by its own name. */
export type CorruptionKind =
  /** The WAL ends inside an entry: a commit torn by a crash, or a truncated file. */
  | 'wal_torn'
  /** The WAL is not a DuckDB WAL (random bytes, another file). */
  | 'wal_foreign'
  /** DuckDB refused to replay the WAL (a checksum that does not match). */
  | 'wal_unreplayable'
  /** A WAL without its database file (deleted or empty). */
  | 'wal_without_db'
  /** The database file itself is corrupt. */
  | 'db_corrupt';

/**
 * What to do with a WAL that holds commits DuckDB cannot apply: refuse to start,
 * leaving every file as it is (the default), or move it aside and start without
 * those commits (logged, counted, the file kept).
 */
export type WalRecovery = 'refuse' | 'quarantine';

/** The store cannot open without losing acknowledged data; the message says which file and what to do. */
export class StoreCorruptionError extends Error {
  constructor(
    readonly kind: CorruptionKind,
    message: string,
  ) {
    super(message);
    this.name = 'StoreCorruptionError';
  }
}

/** Which file DuckDB's open error blames, from its message (DuckDB 1.5). */
export function blamedFile(message: string): 'db' | 'wal' | undefined {
  if (/Corrupt database file|not a valid DuckDB database file/i.test(message)) return 'db';
  if (/replaying WAL|Corrupt WAL/i.test(message)) return 'wal';
  return undefined;
}
