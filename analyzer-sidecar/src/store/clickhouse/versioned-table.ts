/**
 * Small shared state (live analysis, workflow settings, implementations) in
 * plain tables on the router, which every analyzer instance talks to. A change
 * is a new row with a higher version, never a mutation: ReplacingMergeTree
 * keeps the highest version of each key when it merges, and reads use FINAL
 * meanwhile. ALTER UPDATE/DELETE are asynchronous in ClickHouse, so a read
 * right after one could still see the old row; an inserted row is visible as
 * soon as its insert returns. A removal is a row with `deleted = 1`.
 *
 * FINAL with WHERE filters the replaced rows (the condition is not moved to
 * PREWHERE under FINAL); an explicit PREWHERE would filter old versions
 * before replacing and must not be used on these tables.
 */
import type { BinaryColumn, BinaryKind } from './row-binary';
import { identifier } from './sql-literal';

const TYPE: Readonly<Record<BinaryKind, string>> = {
  varchar: 'String',
  bigint: 'Int64',
  double: 'Float64',
  integer: 'Int32',
  json: 'String',
  varchar_array: 'Array(String)',
};

export const VERSION_COLUMN: BinaryColumn = { name: 'version', kind: 'bigint', nullable: false };
export const DELETED_COLUMN: BinaryColumn = { name: 'deleted', kind: 'integer', nullable: false };

/** DDL of a versioned table: `columns` must end with VERSION_COLUMN (and DELETED_COLUMN where rows are removed). */
export function createVersionedTableSql(name: string, columns: readonly BinaryColumn[], key: string): string {
  const list = columns
    .map((c) => `${identifier(c.name)} ${c.nullable ? `Nullable(${TYPE[c.kind]})` : TYPE[c.kind]}`)
    .join(', ');
  return (
    `CREATE TABLE IF NOT EXISTS ${identifier(name)} (${list}) ` +
    `ENGINE = ReplacingMergeTree(${identifier(VERSION_COLUMN.name)}) ORDER BY ${identifier(key)}`
  );
}
