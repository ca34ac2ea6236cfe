// @ts-check
/**
 * Next.js configuration.
 *
 * - `NOCTURNE_DIST_DIR` lets parallel test runs (and developers) keep separate build outputs; production
 *   uses the default `.next`.
 * - `NOCTURNE_BUILD_SKIP_TYPECHECK=1` (set by the e2e harness) skips Next's own type check during the
 *   build: `npm run typecheck` owns type checking, and a browser test must not fail on an unrelated type error.
 * - Security headers (CSP etc.) are NOT set here: they depend on runtime configuration (allowed issuers,
 *   frame-ancestors) and a per-request nonce, so `proxy.ts` sets them at request time — an integrator's
 *   environment change then needs no rebuild.
 * @type {import('next').NextConfig}
 */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  distDir: process.env.NOCTURNE_DIST_DIR || '.next',
  typescript: { ignoreBuildErrors: process.env.NOCTURNE_BUILD_SKIP_TYPECHECK === '1' },
};
module.exports = nextConfig;
