/** Finds the role of a presented token by comparing SHA-256 digests in constant time. */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Role, RoleToken } from '../config/tokens';

export type TokenMatcher = (presented: string) => Role | undefined;

export function createTokenMatcher(tokens: readonly RoleToken[]): TokenMatcher {
  const digests = tokens.map((t) => ({ role: t.role, digest: digestToken(t.token) }));
  return (presented) => {
    const presentedDigest = digestToken(presented);
    return digests.find((t) => safeEqual(t.digest, presentedDigest))?.role;
  };
}

export function digestToken(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}

export function safeEqual(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}
