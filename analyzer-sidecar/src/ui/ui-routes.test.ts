import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bearer, startTestApp, TOKENS, type TestApp } from '../test-support/test-app';
import { SESSION_COOKIE } from './session-cookie';
import { withGrafanaUrl } from './ui-routes';

function fakeBundle(): string {
  const dir = mkdtempSync(join(tmpdir(), 'rpa-ui-'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><div id="rpa-analytics-root"></div>');
  writeFileSync(join(dir, 'main.js'), 'console.log("main")');
  mkdirSync(join(dir, 'chunks'));
  writeFileSync(join(dir, 'chunks', 'chunk-ABCD2345.js'), 'export {}');
  return dir;
}

const form = (token: string) => ({
  method: 'POST' as const,
  url: '/ui/session',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  payload: `token=${encodeURIComponent(token)}`,
});

async function signIn(test: TestApp, token: string = TOKENS.viewer): Promise<string> {
  const response = await test.app.inject(form(token));
  expect(response.statusCode).toBe(303);
  const cookie = String(response.headers['set-cookie']);
  return cookie.split(';')[0] as string;
}

describe('standalone UI at /ui', () => {
  let test: TestApp;
  let bundle: string;

  beforeAll(async () => {
    bundle = fakeBundle();
    test = await startTestApp({ ui: { dir: bundle, sessionTtlMs: 60_000 } });
  });
  afterAll(async () => {
    await test.close();
    rmSync(bundle, { recursive: true, force: true });
  });

  it('serves a sign-in form and sends the page to it without a session', async () => {
    const login = await test.app.inject({ url: '/ui/login' });
    expect(login.statusCode).toBe(200);
    expect(login.headers['content-type']).toMatch(/^text\/html/);
    expect(login.body).toContain('action="/ui/session"');
    expect(login.body).not.toContain('<script');
    const index = await test.app.inject({ url: '/ui/' });
    expect(index.statusCode).toBe(303);
    expect(index.headers.location).toBe('/ui/login');
    expect((await test.app.inject({ url: '/ui' })).headers.location).toBe('/ui/');
  });

  it('turns a viewer token into an HttpOnly, SameSite=Strict session cookie', async () => {
    const response = await test.app.inject(form(TOKENS.viewer));
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/ui/');
    const cookie = String(response.headers['set-cookie']);
    expect(cookie).toMatch(new RegExp(`^${SESSION_COOKIE}=[A-Za-z0-9_-]{43};`));
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    expect(cookie).toContain('Path=/');
    expect(cookie).toContain('Max-Age=60');
    expect(cookie).not.toContain('Secure');
    expect(cookie).not.toContain(TOKENS.viewer);
  });

  it('answers a wrong token with the form again (401), or JSON for JSON clients', async () => {
    const html = await test.app.inject(form('not-a-token-at-all'));
    expect(html.statusCode).toBe(401);
    expect(html.body).toContain('Unknown token');
    expect(html.headers['set-cookie']).toBeUndefined();
    const json = await test.app.inject({
      method: 'POST',
      url: '/ui/session',
      payload: { token: 'nope-nope-nope' },
    });
    expect(json.statusCode).toBe(401);
    expect(json.json()).toEqual({ error: 'unauthorized', message: 'unknown token' });
  });

  it('lets the cookie stand for the bearer header on API routes, with the role of its token', async () => {
    const cookie = await signIn(test);
    const page = await test.app.inject({ url: '/ui/', headers: { cookie } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('rpa-analytics-root');
    const api = await test.app.inject({ url: '/analytics/success-rates', headers: { cookie } });
    expect(api.statusCode).toBe(200);
    const admin = await test.app.inject({ url: '/admin/retention', headers: { cookie } });
    expect(admin.statusCode).toBe(403);
    expect((await test.app.inject({ url: '/analytics/success-rates' })).statusCode).toBe(401);
    const forged = await test.app.inject({
      url: '/analytics/success-rates',
      headers: { cookie: `${SESSION_COOKIE}=forged` },
    });
    expect(forged.statusCode).toBe(401);
    expect(
      (await test.app.inject({ url: '/analytics/success-rates', headers: { ...bearer('viewer'), cookie } }))
        .statusCode,
    ).toBe(200);
  });

  it("tells the page its session's role (the cookie itself is HttpOnly)", async () => {
    for (const role of ['viewer', 'editor'] as const) {
      const cookie = await signIn(test, TOKENS[role]);
      const response = await test.app.inject({ url: '/ui/session', headers: { cookie } });
      expect(response.statusCode).toBe(200);
      expect(response.headers['cache-control']).toBe('no-store');
      expect(response.json()).toEqual({ role, expires_at: expect.any(String) });
    }
    const none = await test.app.inject({ url: '/ui/session' });
    expect(none.statusCode).toBe(401);
    expect(JSON.stringify(none.json())).toContain('sign in');
  });

  it('ends the session on logout', async () => {
    const cookie = await signIn(test);
    const logout = await test.app.inject({ method: 'POST', url: '/ui/logout', headers: { cookie } });
    expect(logout.statusCode).toBe(303);
    expect(logout.headers.location).toBe('/ui/login');
    expect(String(logout.headers['set-cookie'])).toMatch(new RegExp(`^${SESSION_COOKIE}=; .*Max-Age=0`));
    expect((await test.app.inject({ url: '/analytics/success-rates', headers: { cookie } })).statusCode).toBe(
      401,
    );
  });

  it('serves assets with their content type and caches hashed ones for good', async () => {
    const main = await test.app.inject({ url: '/ui/main.js' });
    expect(main.statusCode).toBe(200);
    expect(main.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(main.headers['cache-control']).toBe('no-cache');
    expect(main.headers['x-content-type-options']).toBe('nosniff');
    const chunk = await test.app.inject({ url: '/ui/chunks/chunk-ABCD2345.js' });
    expect(chunk.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect((await test.app.inject({ url: '/ui/nothing.js' })).statusCode).toBe(404);
  });

  it.each([
    '/ui/../package.json',
    '/ui/%2e%2e/%2e%2e/package.json',
    '/ui/..%2f..%2fpackage.json',
    '/ui/chunks/%2e%2e%2f%2e%2e%2f%2e%2e%2fetc/passwd',
  ])('refuses traversal: %s', async (url) => {
    // Paths the client normalises never reach /ui (401 of the unknown route); the rest are 404.
    const response = await test.app.inject({ url });
    expect([401, 404]).toContain(response.statusCode);
    expect(response.body).not.toContain('analyzer-sidecar');
  });
});

describe('standalone UI without a bundle or without tokens', () => {
  it('says how to build the bundle when it is missing', async () => {
    const test = await startTestApp({
      ui: { dir: join(tmpdir(), 'no-such-ui-bundle'), sessionTtlMs: 60_000 },
    });
    try {
      const cookie = await signIn(test);
      const json = await test.app.inject({ url: '/ui/', headers: { cookie } });
      expect(json.statusCode).toBe(404);
      expect(json.json()).toMatchObject({ error: 'ui_not_built' });
      expect(json.json().message).toContain('npm run build');
      const html = await test.app.inject({ url: '/ui/main.js', headers: { accept: 'text/html' } });
      expect(html.statusCode).toBe(404);
      expect(html.body).toContain('The standalone UI is not built');
    } finally {
      await test.close();
    }
  });

  it('needs no sign-in with --insecure-local and no tokens', async () => {
    const bundle = fakeBundle();
    const test = await startTestApp({
      tokens: [],
      insecureLocal: true,
      ui: { dir: bundle, sessionTtlMs: 60_000 },
    });
    try {
      expect((await test.app.inject({ url: '/ui/' })).statusCode).toBe(200);
      expect((await test.app.inject({ url: '/analytics/success-rates' })).statusCode).toBe(200);
      expect((await test.app.inject({ url: '/ui/session' })).json()).toEqual({
        role: 'admin',
        expires_at: null,
      });
    } finally {
      await test.close();
      rmSync(bundle, { recursive: true, force: true });
    }
  });
});

describe('withGrafanaUrl', () => {
  it("fills the root element's data-grafana-url, escaping ampersands", () => {
    const page = '<div id="rpa-analytics-root" data-grafana-url=""></div>';
    expect(withGrafanaUrl(page, 'http://grafana:3000/?a=1&b=2')).toBe(
      '<div id="rpa-analytics-root" data-grafana-url="http://grafana:3000/?a=1&amp;b=2"></div>',
    );
  });
});
