/** The session cookie: HttpOnly, SameSite=Strict, Path=/, Secure over https (RFC 6265). */
import type { FastifyRequest } from 'fastify';

export const SESSION_COOKIE = 'rpa_analyzer_session';

export function sessionCookie(id: string, maxAgeMs: number, secure: boolean): string {
  return serialize(id, Math.floor(maxAgeMs / 1000), secure);
}

export function clearedSessionCookie(secure: boolean): string {
  return serialize('', 0, secure);
}

/** The session id the request's Cookie header carries, if any. */
export function sessionIdOf(request: FastifyRequest): string | undefined {
  const header = request.headers.cookie;
  if (typeof header !== 'string') return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === SESSION_COOKIE) {
      const value = part.slice(eq + 1).trim();
      return value === '' ? undefined : value;
    }
  }
  return undefined;
}

export function isHttps(request: FastifyRequest): boolean {
  return request.protocol === 'https';
}

function serialize(value: string, maxAgeSeconds: number, secure: boolean): string {
  const attributes = [
    `${SESSION_COOKIE}=${value}`,
    'HttpOnly',
    'SameSite=Strict',
    'Path=/',
    `Max-Age=${maxAgeSeconds}`,
  ];
  if (secure) attributes.push('Secure');
  return attributes.join('; ');
}
