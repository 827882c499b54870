/**
 * Share links on ClickHouse 18.16: a plain ReplacingMergeTree on the router,
 * one row per version of a link (a revocation is a new version), read with
 * FINAL. Token hashes are unique as in DuckDB: an insert checks before it
 * writes (serialized per instance; two instances cannot draw the same
 * 256-bit token).
 */
import type { ShareLink } from '../../sharing/share-link';
import type { ShareLinkStore } from '../schedule-store';
import type { ClickHouseStore } from './clickhouse-store';
import type { ClickHouseConnection } from './connection';
import type { SerialWriter } from './serial-writer';
import { int64Literal, nullableInt64Literal, stringLiteral } from './sql-literal';
import type { VersionClock } from './version-clock';

export const SHARE_LINKS_SQL = `CREATE TABLE IF NOT EXISTS share_links (link_id String, version UInt64,
    token_hash String, owner String, created_at Int64, expires_at Int64, revoked_at Nullable(Int64), target String)
  ENGINE = ReplacingMergeTree(version) ORDER BY link_id`;

interface StoredLink {
  readonly link_id: string;
  readonly version: number;
  readonly token_hash: string;
  readonly owner: string;
  readonly created_at: number;
  readonly expires_at: number;
  readonly revoked_at: number | null;
  readonly target: string;
}

const LINKS =
  'SELECT link_id, version, token_hash, owner, created_at, expires_at, revoked_at, target FROM share_links FINAL';

function linkOf(row: StoredLink): ShareLink {
  return {
    link_id: row.link_id,
    token_hash: row.token_hash,
    owner: row.owner,
    created_at: row.created_at,
    expires_at: row.expires_at,
    revoked_at: row.revoked_at,
    target: JSON.parse(row.target) as ShareLink['target'],
  };
}

function writeLink(c: ClickHouseConnection, link: ShareLink, version: number): Promise<void> {
  return c.command(
    `INSERT INTO share_links (link_id, version, token_hash, owner, created_at, expires_at, revoked_at, target)
     SELECT ${stringLiteral(link.link_id)}, ${int64Literal(version)}, ${stringLiteral(link.token_hash)},
       ${stringLiteral(link.owner)}, ${int64Literal(link.created_at)}, ${int64Literal(link.expires_at)},
       ${nullableInt64Literal(link.revoked_at)}, ${stringLiteral(JSON.stringify(link.target))}`,
  );
}

export function createClickHouseShareLinkStore(
  store: ClickHouseStore,
  writer: SerialWriter,
  clock: VersionClock,
): ShareLinkStore {
  const find = (c: ClickHouseConnection, where: string) => c.rows<StoredLink>(`${LINKS} WHERE ${where}`);
  const change = <T>(work: (c: ClickHouseConnection) => Promise<T>) => writer.run(() => store.read(work));
  return {
    insert: (link) =>
      change(async (c) => {
        const clash = await find(
          c,
          `link_id = ${stringLiteral(link.link_id)} OR token_hash = ${stringLiteral(link.token_hash)}`,
        );
        if (clash.length > 0) throw new Error(`share link ${link.link_id} or its token hash already exists`);
        await writeLink(c, { ...link, revoked_at: null }, clock.next());
      }),
    byTokenHash: (hash) =>
      store.read(async (c) => (await find(c, `token_hash = ${stringLiteral(hash)}`)).map(linkOf)[0]),
    get: (id) => store.read(async (c) => (await find(c, `link_id = ${stringLiteral(id)}`)).map(linkOf)[0]),
    list: (owner) =>
      store.read(async (c) => {
        const where = owner === undefined ? '' : ` WHERE owner = ${stringLiteral(owner)}`;
        return (await c.rows<StoredLink>(`${LINKS}${where} ORDER BY created_at DESC, link_id`)).map(linkOf);
      }),
    // The first revocation stays (DuckDB's coalesce): revoking again changes nothing.
    revoke: (id, at) =>
      change(async (c) => {
        const [stored] = await find(c, `link_id = ${stringLiteral(id)}`);
        if (!stored || stored.revoked_at !== null) return;
        await writeLink(c, { ...linkOf(stored), revoked_at: at }, clock.next(stored.version));
      }),
  };
}
