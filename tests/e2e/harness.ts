/**
 * The browser tests' stack (app + sandbox + Chromium). It lives in `scripts/lib/stack.ts` because the benchmarks
 * start the same stack, and scripts never import tests (eslint.layers.mjs).
 */
export * from '../../scripts/lib/stack';
