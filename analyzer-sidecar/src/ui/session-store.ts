/**
 * Server-side browser sessions of the standalone UI: an unguessable id (the cookie's
 * value) mapped to the role of the token that opened it, until it expires.
 */
import { randomBytes } from 'node:crypto';
import type { Role } from '../config/tokens';

export interface Session {
  readonly id: string;
  readonly role: Role;
  readonly expiresAt: number;
}

export class SessionStore {
  private readonly sessions = new Map<string, Session>();

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  create(role: Role): Session {
    this.purgeExpired();
    const session = { id: randomBytes(32).toString('base64url'), role, expiresAt: this.now() + this.ttlMs };
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

  private purgeExpired(): void {
    const now = this.now();
    for (const [id, session] of this.sessions) if (session.expiresAt <= now) this.sessions.delete(id);
  }
}
