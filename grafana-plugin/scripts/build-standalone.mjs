/* global process, console */
// Bundles the standalone page (src/standalone) with esbuild into dist-standalone/:
// the same pages and panels with real @grafana/ui, for the analyzer to serve at /ui.
import { build } from 'esbuild';
import { cp, mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { copyStandaloneAssets } from './standalone-assets.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = path.join(root, 'dist-standalone');
const production = !process.argv.includes('--dev');

await rm(outDir, { recursive: true, force: true });
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
  sourcemap: true,
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

const bytes = Object.values(result.metafile.outputs).reduce((sum, o) => sum + o.bytes, 0);
console.log(
  `standalone: ${Object.keys(result.metafile.outputs).length} files, ${(bytes / 1e6).toFixed(1)} MB in ${path.relative(root, outDir)}/ (${fallbacks} icon fallbacks)`
);
