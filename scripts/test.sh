#!/usr/bin/env bash
# The whole test suite: system packages, lint, build, then every workspace's tests.
# Prints one closing line "N passed, N failed" summed over all workspaces.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/ensure-system-deps.sh
if [ ! -d node_modules ]; then
  echo "node_modules is missing: run 'npm ci' first" >&2
  exit 1
fi

results_dir="$(pwd)/test-results"
rm -rf "$results_dir" && mkdir -p "$results_dir"

npm run lint --silent
npm run build --silent

status=0
for workspace in $(node -p "require('./package.json').workspaces.join(' ')"); do
  echo "== tests: $workspace"
  npm test -w "$workspace" --silent -- --json --outputFile="$results_dir/$workspace.json" || status=1
done

node scripts/summarize-tests.js "$results_dir" || status=1
exit $status
