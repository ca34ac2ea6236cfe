/**
 * `npm run build`: the reviewed value sets validated (a malformed one fails the build), `next build`, then the build
 * step that adds V8's compile hints to the launch's scripts (./lib/compile-hints.ts). The Dockerfile runs this;
 * `npm start` and the test harness build the same way (scripts/start.ts, scripts/lib/stack.ts).
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { validateReviewedValueSets } from '../fhir-mappings/value-sets';
import { addCompileHints } from './lib/compile-hints';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// The reviewed value sets ship as they are (not validated on every page load): a malformed one fails the build here.
validateReviewedValueSets();
const build = spawnSync(process.execPath, [path.join(ROOT, 'node_modules/next/dist/bin/next'), 'build'], {
  cwd: ROOT,
  stdio: 'inherit',
});
if (build.status !== 0) process.exit(build.status ?? 1);
const hinted = addCompileHints(ROOT, process.env.NOCTURNE_DIST_DIR || '.next');
console.log(`Compile hints added to ${hinted.length} launch scripts.`);
