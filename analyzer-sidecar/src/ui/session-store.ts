/**
 * Server-side browser sessions of the standalone UI: an unguessable id (the cookie's
 * value) mapped to the role of the token that opened it, until it expires. Every
 * session lives `ttlMs`, so the Map's insertion order is expiry order: expired
 * sessions are dropped from the front (amortized O(1) per sign-in, never a scan of
 * the live ones), and past `maxSessions` the oldest is dropped.
 */
import { randomBytes } from 'node:crypto';
import type { Role } from '../config/tokens';
import { DEFAULT_MAX_SESSIONS } from '../config/ui-config';

export interface Session {
  readonly id: string;
  readonly role: Role;
  readonly expiresAt: number;
  /** The credential id of the token that opened it (api/principal.ts), the owner of what it creates. */
  readonly credential?: string;
}

export class SessionStore {
  private readonly sessions = new Map<string, Session>();

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
    private readonly maxSessions: number = DEFAULT_MAX_SESSIONS,
  ) {}

  create(role: Role, credential?: string): Session {
    this.purgeExpired();
    while (this.sessions.size >= this.maxSessions) this.dropOldest();
    const session = {
      id: randomBytes(32).toString('base64url'),
      role,
      expiresAt: this.now() + this.ttlMs,
      ...(credential !== undefined && { credential }),
    };
    this.sessions.set(session.id, session);
    return session;
  }

  /** The live session with this id; an expired one is forgotten. */
  get(id: string | undefined): Session | undefined {
    if (id === undefined) return undefined;
    const session = this.sessions.get(id);
    if (session === undefined) return undefined;
    if (session.expiresAt <= this.now()) {
      this.sessions.delete(id);
      return undefined;
    }
    return session;
  }

  delete(id: string | undefined): void {
    if (id !== undefined) this.sessions.delete(id);
  }

  get size(): number {
    return this.sessions.size;
  }

  /** Oldest first, so it stops at the first live session. */
  private purgeExpired(): void {
    const now = this.now();
    for (const [id, session] of this.sessions) {
      if (session.expiresAt > now) return;
      this.sessions.delete(id);
    }
  }

  private dropOldest(): void {
    const oldest = this.sessions.keys().next();
    if (!oldest.done) this.sessions.delete(oldest.value);
  }
}
