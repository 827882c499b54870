/**
 * How /ui sends the bundle's files: ETags and 304s, the build's .br/.gz twins chosen by
 * Accept-Encoding, cache lifetimes, and nothing from outside the bundle.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import type { LightMyRequestResponse } from 'fastify';
import { UI_POLICY } from '../api/security-headers';
import { startTestApp, TOKENS, type TestApp } from '../test-support/test-app';

const MAIN = `console.log(${JSON.stringify('main '.repeat(500))});\n`;
const CHUNK = `export const chunk = ${JSON.stringify('chunk '.repeat(500))};\n`;
const INDEX = '<!doctype html><div id="rpa-analytics-root" data-grafana-url=""></div>';

/** A bundle as the standalone build leaves it: files and their compressed twins. */
function builtBundle(): string {
  const dir = mkdtempSync(join(tmpdir(), 'rpa-ui-assets-'));
  mkdirSync(join(dir, 'chunks'));
  const files: Record<string, string> = {
    'index.html': INDEX,
    'main.js': MAIN,
    'chunks/chunk-ABCD2345.js': CHUNK,
  };
  for (const [name, content] of Object.entries(files)) {
    writeFileSync(join(dir, name), content);
    writeFileSync(join(dir, `${name}.br`), brotliCompressSync(content));
    writeFileSync(join(dir, `${name}.gz`), gzipSync(content));
  }
  return dir;
}

function decoded(response: LightMyRequestResponse): string {
  const encoding = response.headers['content-encoding'];
  if (encoding === 'br') return brotliDecompressSync(response.rawPayload).toString();
  if (encoding === 'gzip') return gunzipSync(response.rawPayload).toString();
  return response.body;
}

async function sessionCookie(t: TestApp): Promise<string> {
  const response = await t.app.inject({
    method: 'POST',
    url: '/ui/session',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: `token=${TOKENS.viewer}`,
  });
  return String(response.headers['set-cookie']).split(';')[0]!;
}

describe('/ui assets', () => {
  let t: TestApp;
  let bundle: string;
  beforeAll(async () => {
    bundle = builtBundle();
    t = await startTestApp({ ui: { dir: bundle, sessionTtlMs: 60_000 } });
  });
  afterAll(async () => {
    await t.close();
    rmSync(bundle, { recursive: true, force: true });
  });

  it('answers a repeated request with the same ETag by 304, with no body and its headers', async () => {
    const first = await t.app.inject({ url: '/ui/main.js' });
    const etag = first.headers.etag;
    expect(typeof etag).toBe('string');
    expect(first.headers['last-modified']).toBeDefined();
    const again = await t.app.inject({ url: '/ui/main.js', headers: { 'if-none-match': String(etag) } });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    expect(again.headers['cache-control']).toBe('no-cache');
    expect(again.headers['content-security-policy']).toBe(UI_POLICY);
    const changed = await t.app.inject({ url: '/ui/main.js', headers: { 'if-none-match': '"other"' } });
    expect(changed.statusCode).toBe(200);
  });

  test.each([
    ['br, gzip, deflate', 'br'],
    ['gzip, deflate', 'gzip'],
    ['br;q=0, gzip', 'gzip'],
    ['identity', undefined],
    [undefined, undefined],
  ])('Accept-Encoding %j gets content-encoding %j', async (accept, encoding) => {
    const response = await t.app.inject({
      url: '/ui/main.js',
      headers: accept === undefined ? {} : { 'accept-encoding': accept },
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-encoding']).toBe(encoding);
    expect(response.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(String(response.headers.vary)).toMatch(/accept-encoding/i);
    expect(decoded(response)).toBe(MAIN);
    if (encoding !== undefined) expect(response.rawPayload.length).toBeLessThan(MAIN.length / 4);
  });

  it('caches hashed chunks for a year as immutable and revalidates the rest', async () => {
    const chunk = await t.app.inject({
      url: '/ui/chunks/chunk-ABCD2345.js',
      headers: { 'accept-encoding': 'br' },
    });
    expect(chunk.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(chunk.headers['content-encoding']).toBe('br');
    expect(decoded(chunk)).toBe(CHUNK);
    const index = await t.app.inject({
      url: '/ui/',
      headers: { cookie: await sessionCookie(t), 'accept-encoding': 'gzip' },
    });
    expect(index.statusCode).toBe(200);
    expect(index.headers['cache-control']).toBe('no-cache');
    expect(index.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(decoded(index)).toBe(INDEX);
  });

  it('sends the page only to a session, even to a client holding its ETag', async () => {
    const cookie = await sessionCookie(t);
    const page = await t.app.inject({ url: '/ui/', headers: { cookie } });
    const etag = String(page.headers.etag);
    const stranger = await t.app.inject({ url: '/ui/', headers: { 'if-none-match': etag } });
    expect(stranger.statusCode).toBe(303);
    expect(stranger.headers.location).toBe('/ui/login');
    const reload = await t.app.inject({ url: '/ui/', headers: { cookie, 'if-none-match': etag } });
    expect(reload.statusCode).toBe(304);
  });

  it.each([
    '/ui/..%2f..%2fetc%2fpasswd',
    '/ui/chunks/..%2f..%2f..%2fpackage.json',
    '/ui/%2e%2e/%2e%2e/package.json',
    '/ui/.%2e/main.js',
  ])('serves nothing outside the bundle, compressed or not: %s', async (url) => {
    for (const encoding of ['br', 'gzip', 'identity']) {
      const response = await t.app.inject({ url, headers: { 'accept-encoding': encoding } });
      expect([401, 404]).toContain(response.statusCode);
      expect(response.headers['content-encoding']).toBeUndefined();
      expect(response.body).not.toContain('analyzer-sidecar');
    }
  });
});

describe('/ui page with a Grafana URL filled in', () => {
  it('has an ETag of its own and answers 304 to it', async () => {
    const bundle = builtBundle();
    const t = await startTestApp({
      tokens: [],
      insecureLocal: true,
      ui: { dir: bundle, sessionTtlMs: 60_000, grafanaUrl: 'http://grafana:3000/?a=1&b=2' },
    });
    try {
      const page = await t.app.inject({ url: '/ui/' });
      expect(page.body).toContain('data-grafana-url="http://grafana:3000/?a=1&amp;b=2"');
      expect(page.headers['cache-control']).toBe('no-cache');
      const reload = await t.app.inject({
        url: '/ui/',
        headers: { 'if-none-match': String(page.headers.etag) },
      });
      expect(reload.statusCode).toBe(304);
      expect(reload.body).toBe('');
    } finally {
      await t.close();
      rmSync(bundle, { recursive: true, force: true });
    }
  });
});
