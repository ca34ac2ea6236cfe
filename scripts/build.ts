/**
 * `npm run build`: `next build` with the steps every production build takes around it (./lib/production-build.ts):
 * the reviewed value sets validated, then V8's compile hints on the launch's scripts. The Dockerfile runs this.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runProductionBuild } from './lib/production-build';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
let status: number | null = null;
const hinted = runProductionBuild(ROOT, process.env.NOCTURNE_DIST_DIR || '.next', () => {
  status = spawnSync(process.execPath, [path.join(ROOT, 'node_modules/next/dist/bin/next'), 'build'], {
    cwd: ROOT,
    stdio: 'inherit',
  }).status;
  return status === 0;
});
if (!hinted) process.exit(status ?? 1);
console.log(`Compile hints added to ${hinted.length} launch scripts.`);
