'use strict';
// node summarize-tests.js RESULTS_DIR WORKSPACE...
// Sums every workspace's jest JSON report into one closing line "N passed, N failed".
// A workspace whose runner wrote no report (crashed, killed by the watchdog), exited
// non-zero with no failed test, or left processes behind counts as one failure, named.
const { existsSync, readFileSync } = require('node:fs');
const { join, relative } = require('node:path');

const [dir, ...workspaces] = process.argv.slice(2);
let passed = 0;
let failed = 0;
const problems = [];

for (const workspace of workspaces) {
  const base = join(dir, workspace);
  const exitCode = existsSync(`${base}.exit`) ? Number(readFileSync(`${base}.exit`, 'utf8').trim()) : NaN;
  const report = existsSync(`${base}.json`) ? readReport(`${base}.json`) : undefined;
  if (!report) {
    failed += 1;
    problems.push(`${workspace}: no test report (runner ${describeExit(exitCode)})`);
    continue;
  }
  const workspaceFailed = report.numFailedTests + report.numRuntimeErrorTestSuites;
  passed += report.numPassedTests;
  failed += workspaceFailed;
  problems.push(...failuresOf(workspace, report));
  if (workspaceFailed === 0 && exitCode !== 0) {
    failed += 1;
    problems.push(`${workspace}: every test passed but the runner ${describeExit(exitCode)}`);
  }
  if (existsSync(`${base}.exit.leftovers`)) {
    failed += 1;
    problems.push(`${workspace}: its tests left processes running (listed above, killed)`);
  }
}

for (const problem of problems) console.error(`error: ${problem}`);
if (passed + failed === 0) {
  console.error('no test ran');
  process.exit(1);
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);

// Named at the very end of the output, so a CI log cut to its tail still says what failed.
function failuresOf(workspace, report) {
  const failures = [];
  for (const suite of report.testResults ?? []) {
    const file = relative(process.cwd(), suite.name ?? '');
    const failedTests = (suite.assertionResults ?? []).filter((test) => test.status === 'failed');
    for (const test of failedTests) {
      failures.push(`${workspace}: ${file} › ${test.fullName}: ${firstLine(test.failureMessages?.[0])}`);
    }
    if (failedTests.length === 0 && suite.status === 'failed') {
      failures.push(`${workspace}: ${file} (suite): ${firstLine(suite.message)}`);
    }
  }
  return failures;
}

function firstLine(message) {
  // eslint-disable-next-line no-control-regex
  const plain = String(message ?? '').replace(/\u001b\[[0-9;]*m/g, '');
  const line =
    plain
      .split('\n')
      .map((part) => part.trim())
      .find((part) => part.length > 0) ?? '(no message)';
  return line.length > 300 ? `${line.slice(0, 300)}…` : line;
}

function readReport(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

function describeExit(code) {
  if (Number.isNaN(code)) return 'did not record an exit status';
  if (code === 124) return 'was killed by the watchdog (hung)';
  if (code > 128) return `died of signal ${code - 128}`;
  return `exited with ${code}`;
}
