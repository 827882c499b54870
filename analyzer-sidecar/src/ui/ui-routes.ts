/**
 * The standalone UI at /ui: the built bundle's files, a sign-in form that turns a
 * token into a server-side session (an HttpOnly cookie, so no token sits in the
 * page's script), and sign-out. The page then calls the API same-origin.
 *
 * Files go out through @fastify/static: an ETag (304 on If-None-Match) and the
 * build's precompressed `.br`/`.gz` twin chosen by Accept-Encoding
 * (grafana-plugin/scripts/precompress.mjs writes them).
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { relative, resolve } from 'node:path';
import fastifyStatic from '@fastify/static';
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

  const root = resolve(ui.dir);
  // No root here: it is given per file, so a bundle not built yet is answered by notFound (how to build it).
  await app.register(fastifyStatic, {
    serve: false, // only reply.sendFile, from the route below that checks the session first
    preCompressed: true,
    etag: true,
    lastModified: true,
    cacheControl: false, // cacheControlOf decides, per file
    contentType: false, // contentTypeOf decides; a compressed twin gets its original's type
    index: false,
    dotfiles: 'deny',
  });

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
    {
      config: OPEN,
      schema: { hide: true },
      // @fastify/static types a compressed twin by its own MIME table; keep ours, as for the original.
      onSend: async (request, reply) => {
        if (reply.hasHeader('content-encoding'))
          void reply.header('content-type', contentTypeOf(request.params['*'] || 'index.html'));
      },
    },
    async (request, reply) => {
      const requested = request.params['*'];
      const isIndex = requested === '' || requested === 'index.html';
      if (isIndex && !signedIn(request)) return reply.redirect('/ui/login', 303);
      const file = await resolveStaticFile(ui.dir, isIndex ? 'index.html' : requested);
      if (file === undefined) return notFound(request, reply, ui.dir, isIndex);
      if (isIndex && ui.grafanaUrl !== undefined) return sendPage(request, reply, file.path, ui.grafanaUrl);
      return (
        reply
          .type(contentTypeOf(file.path))
          .header('cache-control', cacheControlOf(file.path))
          // The body depends on Accept-Encoding (a .br or .gz twin): shared caches must key on it.
          .header('vary', 'accept-encoding')
          .sendFile(relative(root, file.path), root)
      );
    },
  );
}

/** index.html filled with Grafana's URL: built per request, so its ETag is its content's hash. */
async function sendPage(request: FastifyRequest, reply: FastifyReply, path: string, grafanaUrl: string) {
  const page = withGrafanaUrl(await readFile(path, 'utf8'), grafanaUrl);
  const etag = `"${createHash('sha256').update(page).digest('base64url').slice(0, 27)}"`;
  void reply.type(contentTypeOf(path)).header('cache-control', 'no-cache').header('etag', etag);
  if (ifNoneMatch(request.headers['if-none-match'], etag)) return reply.status(304).send();
  return reply.send(page);
}

function ifNoneMatch(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  return header.split(',').some((tag) => {
    const candidate = tag.trim();
    return candidate === '*' || candidate === etag || candidate === `W/${etag}`;
  });
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
