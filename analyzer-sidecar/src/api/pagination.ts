/** Offset pages over an ordered list: `{ items, total, next_cursor }`; the cursor is opaque. */
import { BadRequestError } from './errors';

export interface Page<T> {
  items: T[];
  total: number;
  next_cursor: string | null;
}

function decodeOffset(cursor: string | undefined): number {
  if (cursor === undefined) return 0;
  const match = /^o(\d{1,9})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match) throw new BadRequestError('cursor', 'cursor is not one this API returned');
  return Number(match[1]);
}

export function paginate<T>(all: readonly T[], limit: number, cursor: string | undefined): Page<T> {
  const offset = decodeOffset(cursor);
  const items = all.slice(offset, offset + limit);
  const next = offset + limit;
  return {
    items,
    total: all.length,
    next_cursor: next < all.length ? Buffer.from(`o${next}`).toString('base64url') : null,
  };
}
