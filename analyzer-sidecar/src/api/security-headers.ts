/**
 * Headers on every response: `X-Content-Type-Options: nosniff` and a Content
 * Security Policy (https://www.w3.org/TR/CSP3/). API answers are data, never a
 * document: nothing may load from them. The UI under /ui loads its own files;
 * styles may be inline (Grafana UI injects them at run time) and its bundled
 * libraries may compile code at run time ('unsafe-eval', as Grafana's own policy
 * allows), but no inline or foreign script runs.
 */
import type { FastifyInstance } from 'fastify';

export const API_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

export const UI_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'unsafe-eval'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** A shared report (a standalone HTML page or a PDF): its own inline styles and images, never a script. */
export const SHARED_REPORT_POLICY = [
  "default-src 'none'",
  "style-src 'unsafe-inline'",
  'img-src data:',
  'font-src data:',
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

export function policyFor(url: string): string {
  const path = url.split('?')[0] ?? '';
  if (path.startsWith('/shared/')) return SHARED_REPORT_POLICY;
  return path === '/ui' || path.startsWith('/ui/') ? UI_POLICY : API_POLICY;
}

export function registerSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onSend', async (request, reply) => {
    void reply.header('x-content-type-options', 'nosniff');
    void reply.header('content-security-policy', policyFor(request.url));
  });
}
