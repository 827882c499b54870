/**
 * Bearer-token access per route (`config.access`): open routes, OTLP ingestion
 * (open unless an ingest token is set), and the roles viewer < editor < admin.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { roleAllows, type Role, type RoleToken } from '../config/tokens';
import { AuthError } from './errors';

export type Access = 'open' | 'ingest' | Role;

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
}

export interface AuthOptions {
  readonly tokens: readonly RoleToken[];
  readonly ingestToken: string | undefined;
  /** No tokens and --insecure-local: every route is open (bound to 127.0.0.1 only). */
  readonly insecureLocal: boolean;
}

export function registerAuth(app: FastifyInstance, options: AuthOptions): void {
  const tokens = options.tokens.map((t) => ({ role: t.role, digest: digest(t.token) }));
  const ingestDigest = options.ingestToken === undefined ? undefined : digest(options.ingestToken);
  app.addHook('onRequest', async (request) => {
    const access = request.routeOptions.config.access ?? 'admin';
    if (access === 'open') return;
    const presented = bearer(request);
    if (access === 'ingest') {
      if (ingestDigest === undefined) return;
      if (presented === undefined || !safeEqual(digest(presented), ingestDigest)) {
        throw new AuthError(401, 'OTLP ingestion needs the ingest token (Authorization: Bearer <token>)');
      }
      return;
    }
    if (tokens.length === 0 && options.insecureLocal) return;
    if (presented === undefined) throw new AuthError(401, 'missing Authorization: Bearer <token>');
    const presentedDigest = digest(presented);
    const match = tokens.find((t) => safeEqual(t.digest, presentedDigest));
    if (!match) throw new AuthError(401, 'unknown token');
    if (!roleAllows(match.role, access))
      throw new AuthError(403, `this route needs the ${access} role; the token has ${match.role}`);
  });
}

function bearer(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (typeof header !== 'string') return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1];
}

function digest(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}

function safeEqual(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}
