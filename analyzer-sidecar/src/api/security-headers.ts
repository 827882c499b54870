/**
 * Headers on every response: `X-Content-Type-Options: nosniff` and a Content
 * Security Policy (https://www.w3.org/TR/CSP3/). API answers are data, never a
 * document: nothing may load from them. The UI under /ui loads its own files;
 * styles may be inline (Grafana UI injects them at run time) and its bundled
 * libraries may compile code at run time ('unsafe-eval', as Grafana's own policy
 * allows), but no inline or foreign script runs. An HTML report may use its
 * inline styles, nothing more.
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

/** A rendered HTML report: its own inline styles and inline SVG, nothing loaded, no script. */
export const REPORT_POLICY =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

export function policyFor(url: string, contentType?: string): string {
  const path = url.split('?')[0] ?? '';
  if (path === '/ui' || path.startsWith('/ui/')) return UI_POLICY;
  const report = path.startsWith('/reports/') || path.startsWith('/shared/');
  return report && contentType?.startsWith('text/html') ? REPORT_POLICY : API_POLICY;
}

export function registerSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onSend', async (request, reply) => {
    void reply.header('x-content-type-options', 'nosniff');
    const type = reply.getHeader('content-type');
    void reply.header(
      'content-security-policy',
      policyFor(request.url, typeof type === 'string' ? type : undefined),
    );
  });
}
