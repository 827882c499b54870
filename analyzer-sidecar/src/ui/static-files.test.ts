import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cacheControlOf, contentTypeOf, resolveStaticFile } from './static-files';

describe('resolveStaticFile', () => {
  const root = mkdtempSync(join(tmpdir(), 'rpa-static-'));
  writeFileSync(join(root, 'main.js'), 'x');

  it.each([
    ['main.js', true],
    ['./main.js', true],
    ['../main.js', false],
    ['/etc/passwd', false],
    ['..', false],
    ['', false],
    ['main.js\0.png', false],
    ['..\\main.js', false],
  ])('%j inside the bundle: %s', async (requested, found) => {
    expect((await resolveStaticFile(root, requested)) !== undefined).toBe(found);
  });
});

describe('content type and caching', () => {
  test.each([
    ['index.html', 'text/html; charset=utf-8', 'no-cache'],
    ['main.js', 'text/javascript; charset=utf-8', 'no-cache'],
    ['chunks/chunk-Q2W3E4R5.js', 'text/javascript; charset=utf-8', 'public, max-age=31536000, immutable'],
    ['assets/inter-ABCDEFGH.woff2', 'font/woff2', 'public, max-age=31536000, immutable'],
    ['public/img/logo.svg', 'image/svg+xml', 'public, max-age=86400'],
    ['notes.xyz', 'application/octet-stream', 'no-cache'],
  ])('%s', (path, type, cache) => {
    expect(contentTypeOf(path)).toBe(type);
    expect(cacheControlOf(path)).toBe(cache);
  });
});
