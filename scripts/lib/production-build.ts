/**
 * The steps around `next build` that every production build takes, in one place so a new step is added once:
 * `npm run build` (scripts/build.ts, which the Dockerfile runs), `npm start` on a fresh clone (scripts/start.ts) and
 * the test harness (./stack.ts) each run `next build` their own way and pass it in.
 *
 * 1. The reviewed value sets are validated: they ship as they are, not validated again on every page load, so a
 *    malformed one must fail the build.
 * 2. `next build`.
 * 3. V8's compile hints on the launch's scripts (./compile-hints.ts).
 */
import { validateReviewedValueSets } from '../../fhir-mappings/value-sets';
import { addCompileHints } from './compile-hints';

/** Runs the build; returns the scripts it hinted, or undefined when `nextBuild` reported a failure. */
export function runProductionBuild(root: string, distDir: string, nextBuild: () => boolean): string[] | undefined {
  validateReviewedValueSets();
  if (!nextBuild()) return undefined;
  return addCompileHints(root, distDir);
}
