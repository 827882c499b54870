#!/usr/bin/env bash
# The whole test suite: system packages, lint, build, then every workspace's tests.
# Prints one closing line "N passed, N failed" summed over all workspaces; a workspace
# whose runner crashed, hung or exited non-zero without a failed test counts as failed.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/ensure-system-deps.sh
if [ ! -d node_modules ]; then
  echo "node_modules is missing: run 'npm ci' first" >&2
  exit 1
fi

results_dir="$(pwd)/test-results"
rm -rf "$results_dir" && mkdir -p "$results_dir"
# A watchdog per workspace: a hung runner is killed, never waited on for the whole CI limit.
workspace_limit_s="${RPA_TEST_WORKSPACE_LIMIT_S:-1200}"

npm run lint --silent
npm run build --silent

workspaces=$(node -p "require('./package.json').workspaces.join(' ')")
for workspace in $workspaces; do
  echo "== tests: $workspace"
  bash scripts/run-isolated.sh "$workspace_limit_s" "$results_dir/$workspace.exit" \
    npm test -w "$workspace" --silent -- --json --outputFile="$results_dir/$workspace.json" || true
done

node scripts/summarize-tests.js "$results_dir" $workspaces
