#!/usr/bin/env node
'use strict';
// Committed, unlike dist/: npm links a bin only if its file exists at install time,
// so `npx rpa-analyzer` finds this one in a fresh checkout and never asks the registry.
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const cli = join(__dirname, '..', 'dist', 'cli.js');
if (!existsSync(cli)) {
  process.stderr.write("rpa-analyzer: not built yet: run 'npm run build' in the repository root\n");
  process.exit(2);
}
require(cli);
