#!/usr/bin/env node
/**
 * The whole test suite in one command (`npm test`), as CI runs it.
 *
 * Why a wrapper and not bare `vitest run`:
 *  - browser tests need Debian's Chromium; on a fresh machine we install it (root + apt-get) rather
 *    than silently skipping the end-to-end layer;
 *  - CI reads a closing line `N passed, N failed`, which vitest does not print, so we count from its JSON report.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

function ensureChromium() {
  if (existsSync(CHROMIUM)) return;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot) {
    console.error(
      `Chromium not found at ${CHROMIUM}. Install Debian's chromium (sudo apt-get install -y chromium) or set CHROMIUM_PATH.`,
    );
    process.exit(1);
  }
  console.log('Installing Debian chromium for the browser tests (apt-get)…');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [['update'], ['install', '-y', '--no-install-recommends', 'chromium', 'fonts-dejavu-core']]) {
    const r = spawnSync('apt-get', args, { stdio: 'inherit', env });
    if (r.status !== 0) {
      console.error(`apt-get ${args.join(' ')} failed (exit ${r.status}).`);
      process.exit(1);
    }
  }
}

ensureChromium();
mkdirSync('test-results', { recursive: true });
const report = 'test-results/vitest.json';
const extra = process.argv.slice(2);
const run = spawnSync(
  process.execPath,
  [
    'node_modules/vitest/vitest.mjs',
    'run',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${report}`,
    ...extra,
  ],
  {
    stdio: 'inherit',
    // One production build shared by every browser test file (each would otherwise default to its own dist dir).
    env: { ...process.env, CHROMIUM_PATH: CHROMIUM, NOCTURNE_DIST_DIR: process.env.NOCTURNE_DIST_DIR ?? '.next' },
  },
);

let passed = 0;
let failed = 0;
let skipped = 0;
if (existsSync(report)) {
  const json = JSON.parse(readFileSync(report, 'utf8'));
  passed = json.numPassedTests ?? 0;
  failed = json.numFailedTests ?? 0;
  // A suite that fails to load (syntax error, failing hook) has no failed *tests*: count it so it is never silent.
  if (failed === 0 && (json.numFailedTestSuites ?? 0) > 0) failed = json.numFailedTestSuites;
  skipped = (json.numPendingTests ?? 0) + (json.numTodoTests ?? 0);
} else {
  failed = 1;
}
const status = run.status ?? 1;
if (status !== 0 && failed === 0) failed = 1;
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(status === 0 && failed === 0 && passed > 0 ? 0 : 1);
