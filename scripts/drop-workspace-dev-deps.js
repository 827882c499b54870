'use strict';
/*
 * Docker's production stages: deletes devDependencies from every workspace's
 * package.json in the current folder, before `npm ci --omit=dev -w <workspace>`.
 * Without it npm installs a workspace's devDependencies anyway when one of them
 * is itself a workspace (the analyzer's @rpa-analytics/instrumentation, which
 * brings TypeScript and the OpenTelemetry SDK: https://github.com/npm/cli/issues/6670).
 * The lockfile is untouched, so every installed version is still the locked one.
 */
const { readFileSync, writeFileSync, existsSync } = require('node:fs');
const { join } = require('node:path');

const root = JSON.parse(readFileSync('package.json', 'utf8'));
for (const workspace of root.workspaces) {
  const file = join(workspace, 'package.json');
  if (!existsSync(file)) continue;
  const manifest = JSON.parse(readFileSync(file, 'utf8'));
  delete manifest.devDependencies;
  writeFileSync(file, `${JSON.stringify(manifest, null, 2)}\n`);
}
delete root.devDependencies;
writeFileSync('package.json', `${JSON.stringify(root, null, 2)}\n`);
