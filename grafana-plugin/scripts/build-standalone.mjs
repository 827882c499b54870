/* global process, console */
// Bundles the standalone page (src/standalone) with esbuild into dist-standalone/:
// the same pages and panels with real @grafana/ui, for the analyzer to serve at /ui,
// with .br/.gz twins of its text files. Source maps go to dist-standalone-maps/, outside
// what /ui serves (load them into the browser's devtools by hand when debugging).
import { build } from 'esbuild';
import { cp, mkdir, readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { precompressBundle } from './precompress.mjs';
import { copyStandaloneAssets } from './standalone-assets.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = path.join(root, 'dist-standalone');
const mapsDir = path.join(root, 'dist-standalone-maps');
const production = !process.argv.includes('--dev');

await rm(outDir, { recursive: true, force: true });
await rm(mapsDir, { recursive: true, force: true });
await mkdir(outDir, { recursive: true });

const result = await build({
  entryPoints: { main: path.join(root, 'src', 'standalone', 'main.tsx') },
  bundle: true,
  format: 'esm',
  splitting: true,
  platform: 'browser',
  target: ['es2020'],
  outdir: outDir,
  minify: production,
  // No sourceMappingURL comment: the maps are not served, so browsers must not ask for them.
  sourcemap: 'external',
  metafile: true,
  define: { 'process.env.NODE_ENV': JSON.stringify(production ? 'production' : 'development'), global: 'globalThis' },
  loader: { '.svg': 'text', '.ttf': 'file', '.woff': 'file', '.woff2': 'file', '.png': 'file' },
  assetNames: 'assets/[name]-[hash]',
  chunkNames: 'chunks/[name]-[hash]',
  logLevel: 'warning',
});

await cp(path.join(root, 'src', 'standalone', 'index.html'), path.join(outDir, 'index.html'));
const { fallbacks } = await copyStandaloneAssets(outDir);
await mkdir(path.join(outDir, 'public', 'img'), { recursive: true });
await cp(path.join(root, 'src', 'img', 'logo.svg'), path.join(outDir, 'public', 'img', 'logo.svg'));

const maps = await moveSourceMaps(outDir, mapsDir);
const outputs = Object.entries(result.metafile.outputs).filter(([file]) => !file.endsWith('.map'));
const bytes = outputs.reduce((sum, [, o]) => sum + o.bytes, 0);
const compressed = await precompressBundle(outDir);
const mb = (n) => `${(n / 1e6).toFixed(1)} MB`;
console.log(
  `standalone: ${outputs.length} files, ${mb(bytes)} in ${path.relative(root, outDir)}/ (${fallbacks} icon fallbacks); ` +
    `${compressed.files} precompressed: ${mb(compressed.bytes)} -> ${mb(compressed.br)} br, ${mb(compressed.gz)} gz; ` +
    `${maps} source maps in ${path.relative(root, mapsDir)}/`
);

/** Every .map under `from` to the same relative place under `to`; returns how many. */
async function moveSourceMaps(from, to) {
  let moved = 0;
  for (const entry of await readdir(from, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.map')) {
      continue;
    }
    const source = path.join(entry.parentPath ?? entry.path, entry.name);
    const target = path.join(to, path.relative(from, source));
    await mkdir(path.dirname(target), { recursive: true });
    await rename(source, target);
    moved++;
  }
  return moved;
}
