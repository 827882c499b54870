/**
 * Cross-site request forgery: a state-changing request (POST, PUT, PATCH,
 * DELETE) that a browser sent from another origin is refused (403), whatever
 * its cookie says; SameSite alone leaves same-site subdomains and old browsers.
 * Browsers name the sender in `Origin` (and `Sec-Fetch-Site`); clients that are
 * not browsers (exporters, curl) send neither and are not concerned.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AuthError } from './errors';

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Why the request must be refused, or undefined when it may go on. */
export function crossOriginReason(request: Pick<FastifyRequest, 'method' | 'headers'>): string | undefined {
  if (!STATE_CHANGING.has(request.method)) return undefined;
  const site = request.headers['sec-fetch-site'];
  if (site === 'cross-site' || site === 'same-site') return `a ${site} ${request.method} (Sec-Fetch-Site)`;
  const origin = request.headers.origin;
  if (origin === undefined) return undefined;
  const host = request.headers.host?.toLowerCase();
  // The host only: behind a proxy that ends TLS, the scheme the analyzer sees is not the browser's.
  if (host === undefined || hostOf(origin) !== host) return `a ${request.method} from origin ${origin}`;
  return undefined;
}

function hostOf(origin: string): string | undefined {
  try {
    return new URL(origin).host.toLowerCase();
  } catch {
    return undefined; // `null` (sandboxed frames, file:) and garbage
  }
}

export function registerOriginCheck(app: FastifyInstance): void {
  app.addHook('onRequest', async (request) => {
    const reason = crossOriginReason(request);
    if (reason !== undefined)
      throw new AuthError(403, `refused ${reason}: state-changing requests must come from this origin`);
  });
}
