/* global console */
// Generates the templated dashboards from src/dashboards (TypeScript builders) into dist/dashboards/.
import { build } from 'esbuild';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = path.join(root, 'dist', 'dashboards');
const bundle = path.join(root, 'dist', '.dashboards-build.cjs');

await build({
  entryPoints: [path.join(root, 'src', 'dashboards', 'index.ts')],
  bundle: true,
  platform: 'node',
  format: 'cjs',
  outfile: bundle,
  logLevel: 'warning',
});
const { buildDashboards } = createRequire(import.meta.url)(bundle);
await rm(bundle);
await mkdir(outDir, { recursive: true });
const dashboards = buildDashboards();
for (const [name, dashboard] of Object.entries(dashboards)) {
  // JSON.parse(JSON.stringify()) drops undefined optional fields, as Grafana would.
  await writeFile(path.join(outDir, `${name}.json`), JSON.stringify(dashboard, null, 2) + '\n');
}
console.log(`dashboards: wrote ${Object.keys(dashboards).length} to ${path.relative(root, outDir)}/`);
