/**
 * Bearer-token access per route (`config.access`): open routes, OTLP ingestion
 * (open unless an ingest token is set), and the roles viewer < editor < admin.
 * A browser signed in at /ui presents a session cookie instead of the header;
 * it carries the role of the token that opened the session.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { roleAllows, type Role, type RoleToken } from '../config/tokens';
import { AuthError } from './errors';
import type { FailedAuthLimiter } from './failed-auth-limiter';
import { credentialId, principalOf } from './principal';
import { createTokenMatcher, digestToken, safeEqual } from './token-matcher';

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
  /** The role of the request's browser session, if it has a live one (ui/session-store). */
  readonly sessionRole?: (request: FastifyRequest) => Role | undefined;
  /** The credential id of the token that opened the request's browser session (see principal.ts). */
  readonly sessionCredential?: (request: FastifyRequest) => string | undefined;
  /** Counts wrong tokens per client; over the limit, every token is refused for a while. */
  readonly failedAuth?: FailedAuthLimiter;
}

export function registerAuth(app: FastifyInstance, options: AuthOptions): void {
  const roleOf = createTokenMatcher(options.tokens);
  const ingestDigest = options.ingestToken === undefined ? undefined : digestToken(options.ingestToken);
  app.decorateRequest('principal', null);
  app.addHook('onRequest', async (request) => {
    const access = request.routeOptions.config.access ?? 'admin';
    if (access === 'open') return;
    const presented = bearer(request);
    if (access === 'ingest') {
      if (ingestDigest === undefined) return;
      if (presented !== undefined) await options.failedAuth?.check(request);
      if (presented === undefined || !safeEqual(digestToken(presented), ingestDigest)) {
        if (presented !== undefined) await options.failedAuth?.fail(request);
        throw new AuthError(401, 'OTLP ingestion needs the ingest token (Authorization: Bearer <token>)');
      }
      return;
    }
    if (options.tokens.length === 0 && options.insecureLocal) {
      request.principal = principalOf(request, 'local', 'admin');
      return;
    }
    if (presented !== undefined) await options.failedAuth?.check(request);
    const role = presented === undefined ? options.sessionRole?.(request) : roleOf(presented);
    if (presented === undefined && role === undefined)
      throw new AuthError(401, 'missing Authorization: Bearer <token> (or sign in at /ui/login)');
    if (role === undefined) {
      await options.failedAuth?.fail(request);
      throw new AuthError(401, 'unknown token');
    }
    if (!roleAllows(role, access))
      throw new AuthError(403, `this route needs the ${access} role; the token has ${role}`, access);
    const credential =
      presented === undefined ? (options.sessionCredential?.(request) ?? 'session') : credentialId(presented);
    request.principal = principalOf(request, credential, role);
  });
}

function bearer(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (typeof header !== 'string') return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1];
}
