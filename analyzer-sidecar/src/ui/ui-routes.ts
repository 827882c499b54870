/**
 * The standalone UI at /ui: the built bundle's files, a sign-in form that turns a
 * token into a server-side session (an HttpOnly cookie, so no token sits in the
 * page's script), and sign-out. The page then calls the API same-origin.
 */
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { UiConfig } from '../config/ui-config';
import { AuthError } from '../api/errors';
import type { FailedAuthLimiter } from '../api/failed-auth-limiter';
import { credentialId } from '../api/principal';
import type { TokenMatcher } from '../api/token-matcher';
import { loginPage, missingBundleMessage, missingBundlePage } from './login-page';
import { clearedSessionCookie, isHttps, sessionCookie, sessionIdOf } from './session-cookie';
import type { SessionStore } from './session-store';
import { cacheControlOf, contentTypeOf, resolveStaticFile } from './static-files';

export interface UiRoutesOptions {
  readonly ui: UiConfig;
  readonly sessions: SessionStore;
  readonly matchToken: TokenMatcher;
  /** False with --insecure-local and no tokens: /ui opens without signing in. */
  readonly signInRequired: boolean;
  /** Throttles wrong tokens per client (api/failed-auth-limiter). */
  readonly failedAuth?: FailedAuthLimiter;
}

const OPEN = { access: 'open' } as const;
const FORM = 'application/x-www-form-urlencoded';

const sessionBody = {
  type: 'object',
  required: ['token'],
  additionalProperties: false,
  properties: { token: { type: 'string', minLength: 1, maxLength: 4096 } },
} as const;

export async function uiRoutes(app: FastifyInstance, options: UiRoutesOptions): Promise<void> {
  const { ui, sessions, matchToken, signInRequired, failedAuth } = options;
  const signedIn = (request: FastifyRequest) =>
    !signInRequired || sessions.get(sessionIdOf(request)) !== undefined;

  app.addContentTypeParser(FORM, { parseAs: 'string', bodyLimit: 8192 }, (_request, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });
  app.addHook('onSend', async (_request, reply) => {
    void reply.header('x-content-type-options', 'nosniff');
    void reply.header('x-frame-options', 'DENY');
    void reply.header('referrer-policy', 'same-origin');
  });

  app.get('/ui', { config: OPEN, schema: { hide: true } }, async (_request, reply) =>
    reply.redirect('/ui/', 302),
  );

  app.get('/ui/login', { config: OPEN, schema: { hide: true } }, async (_request, reply) =>
    reply.header('cache-control', 'no-store').type('text/html; charset=utf-8').send(loginPage()),
  );

  app.post<{ Body: { token: string } }>(
    '/ui/session',
    { config: OPEN, schema: { hide: true, body: sessionBody } },
    async (request, reply) => {
      const fromForm = (request.headers['content-type'] ?? '').startsWith(FORM);
      if (!signInRequired)
        return fromForm ? reply.redirect('/ui/', 303) : { role: 'admin', expires_at: null };
      await failedAuth?.check(request);
      const role = matchToken(request.body.token);
      if (role === undefined) {
        await failedAuth?.fail(request);
        if (!fromForm) throw new AuthError(401, 'unknown token');
        return reply
          .status(401)
          .header('cache-control', 'no-store')
          .type('text/html; charset=utf-8')
          .send(loginPage('Unknown token.'));
      }
      sessions.delete(sessionIdOf(request));
      const session = sessions.create(role, credentialId(request.body.token));
      void reply.header('set-cookie', sessionCookie(session.id, ui.sessionTtlMs, isHttps(request)));
      if (fromForm) return reply.redirect('/ui/', 303);
      return { role, expires_at: new Date(session.expiresAt).toISOString() };
    },
  );

  // The page's own role (the cookie is HttpOnly): it shows editors their actions, viewers only exports.
  app.get('/ui/session', { config: OPEN, schema: { hide: true } }, async (request, reply) => {
    void reply.header('cache-control', 'no-store');
    if (!signInRequired) return { role: 'admin', expires_at: null };
    const session = sessions.get(sessionIdOf(request));
    if (session === undefined) throw new AuthError(401, 'no session: sign in at /ui/login');
    return { role: session.role, expires_at: new Date(session.expiresAt).toISOString() };
  });

  app.post('/ui/logout', { config: OPEN, schema: { hide: true } }, async (request, reply) => {
    sessions.delete(sessionIdOf(request));
    void reply.header('set-cookie', clearedSessionCookie(isHttps(request)));
    return reply.redirect('/ui/login', 303);
  });

  app.get<{ Params: { '*': string } }>(
    '/ui/*',
    { config: OPEN, schema: { hide: true } },
    async (request, reply) => {
      const requested = request.params['*'];
      const isIndex = requested === '' || requested === 'index.html';
      if (isIndex && !signedIn(request)) return reply.redirect('/ui/login', 303);
      const file = await resolveStaticFile(ui.dir, isIndex ? 'index.html' : requested);
      if (file === undefined) return notFound(request, reply, ui.dir, isIndex);
      if (isIndex && ui.grafanaUrl !== undefined) {
        const page = withGrafanaUrl(await readFile(file.path, 'utf8'), ui.grafanaUrl);
        return reply.type(contentTypeOf(file.path)).header('cache-control', 'no-cache').send(page);
      }
      return reply
        .type(contentTypeOf(file.path))
        .header('cache-control', cacheControlOf(file.path))
        .header('content-length', file.size)
        .send(createReadStream(file.path));
    },
  );
}

/** The page with Grafana's URL for its trace links (validated as an http(s) URL without quotes by config). */
export function withGrafanaUrl(page: string, grafanaUrl: string): string {
  const escaped = grafanaUrl.replace(/&/g, '&amp;');
  return page.replace('data-grafana-url=""', `data-grafana-url="${escaped}"`);
}

async function notFound(request: FastifyRequest, reply: FastifyReply, dir: string, isIndex: boolean) {
  const built = isIndex ? false : (await resolveStaticFile(dir, 'index.html')) !== undefined;
  const wantsHtml = (request.headers.accept ?? '').includes('text/html');
  if (!built) {
    return wantsHtml
      ? reply.status(404).type('text/html; charset=utf-8').send(missingBundlePage(dir))
      : reply.status(404).send({ error: 'ui_not_built', message: missingBundleMessage(dir) });
  }
  return reply
    .status(404)
    .send({ error: 'not_found', message: `no file ${request.url.split('?')[0]} in the standalone UI` });
}
