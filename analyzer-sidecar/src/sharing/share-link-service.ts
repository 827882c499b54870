/**
 * Share links for their owners (create, list, revoke) and for the public
 * route (resolve a token to the one report it names).
 */
import { randomUUID } from 'node:crypto';
import { BadRequestError } from '../api/errors';
import type { Principal } from '../api/principal';
import { NotFoundError } from '../services/not-found-error';
import type { ShareLinkStore } from '../store/schedule-store';
import {
  checkShareTarget,
  expiresAt,
  hashShareToken,
  linkState,
  newShareToken,
  TOKEN_PATTERN,
  type ShareLink,
  type ShareTarget,
} from './share-link';

export function createShareLinkService(deps: { store: ShareLinkStore; now: () => number }) {
  const { store } = deps;
  return {
    /** The stored link and its token, which is never stored nor shown again. */
    async create(
      principal: Principal,
      target: ShareTarget,
      days?: number,
    ): Promise<{ link: ShareLink; token: string }> {
      const checked = checkShareTarget(target);
      if (!checked.ok) throw new BadRequestError(checked.field, `${checked.field}: ${checked.error}`);
      const { token, hash } = newShareToken();
      const now = deps.now();
      const link: ShareLink = {
        link_id: randomUUID(),
        token_hash: hash,
        owner: principal.id,
        target,
        created_at: now,
        expires_at: expiresAt(now, days),
        revoked_at: null,
      };
      await store.insert(link);
      return { link, token };
    },
    list: (principal: Principal) => store.list(principal.role === 'admin' ? undefined : principal.id),
    async revoke(principal: Principal, linkId: string): Promise<ShareLink> {
      const link = await store.get(linkId);
      if (link === undefined || (principal.role !== 'admin' && link.owner !== principal.id))
        throw new NotFoundError(`no share link ${linkId}`);
      await store.revoke(linkId, deps.now());
      return (await store.get(linkId))!;
    },
    /**
     * The active link of a token, else undefined (unknown, expired and revoked alike).
     * The token is looked up by its SHA-256, not compared: an index lookup on a hash
     * leaks at most how a hash's prefix compares, and an attacker cannot steer the
     * hash of the guesses, so timing tells nothing about a stored token.
     */
    async resolve(token: string): Promise<ShareLink | undefined> {
      if (!TOKEN_PATTERN.test(token)) return undefined;
      const link = await store.byTokenHash(hashShareToken(token));
      return link !== undefined && linkState(link, deps.now()) === 'active' ? link : undefined;
    },
    state: (link: ShareLink) => linkState(link, deps.now()),
  };
}

export type ShareLinkService = ReturnType<typeof createShareLinkService>;
