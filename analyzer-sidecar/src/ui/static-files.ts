/**
 * Files of the built standalone bundle: a request path resolved inside the bundle's
 * folder only (no traversal), its content type, and how long browsers may cache it.
 */
import { stat } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
};

/** esbuild's `[name]-[hash]` names: the content never changes under the same name. */
const HASHED = /-[A-Z0-9]{8}\.[a-z0-9]+(\.map)?$/;

export type StaticFile = { readonly path: string; readonly size: number };

/** The file under `root` that `requested` names, or undefined (outside root, missing, a folder). */
export async function resolveStaticFile(root: string, requested: string): Promise<StaticFile | undefined> {
  if (requested.includes('\0') || requested.includes('\\')) return undefined;
  const base = resolve(root);
  const path = resolve(base, `.${sep}${requested}`);
  if (!path.startsWith(base + sep)) return undefined;
  try {
    const info = await stat(path);
    return info.isFile() ? { path, size: info.size } : undefined;
  } catch {
    return undefined;
  }
}

export function contentTypeOf(path: string): string {
  return CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

export function cacheControlOf(path: string): string {
  if (HASHED.test(path)) return 'public, max-age=31536000, immutable';
  if (/\.(woff2?|ttf|svg|png|ico)$/.test(path)) return 'public, max-age=86400';
  // index.html, main.js, main.css keep their names across builds: revalidate.
  return 'no-cache';
}
