/**
 * Who made a request, as far as ownership goes: a stable id of the credential
 * (`token:<first 12 hex of sha256(token)>`, never the token itself) and, when
 * the request came through Grafana's plugin proxy (which authenticates every
 * Grafana user with the one token the app is configured with), the Grafana
 * login from `X-Grafana-User`. Anyone holding that token could send another
 * login in the header; they already hold the credential every one of those
 * users shares, so the header separates users of one credential, it does not
 * authenticate them.
 */
import { createHash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { Role } from '../config/tokens';

export interface Principal {
  readonly id: string;
  readonly role: Role;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by registerAuth on role-protected routes; null on open and ingest routes. */
    principal: Principal | null;
  }
}

/** The id of a credential: the first 12 hex digits of its SHA-256. */
export function credentialId(token: string): string {
  return `token:${createHash('sha256').update(token).digest('hex').slice(0, 12)}`;
}

/** Grafana logins are short printable names; anything else is ignored rather than stored. */
const GRAFANA_USER = /^[\p{L}\p{N}._@+-]{1,128}$/u;

export function principalOf(request: FastifyRequest, credential: string, role: Role): Principal {
  const header = request.headers['x-grafana-user'];
  const user = typeof header === 'string' && GRAFANA_USER.test(header) ? header : undefined;
  return { id: user === undefined ? credential : `${credential}/grafana:${user}`, role };
}

/** The principal of a route that registerAuth protected by a role (a bug otherwise). */
export function requirePrincipal(request: FastifyRequest): Principal {
  if (request.principal === null) throw new Error(`${request.url}: route has no role-based access`);
  return request.principal;
}
