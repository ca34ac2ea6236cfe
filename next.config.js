// @ts-check
const { version } = require('./package.json'); // eslint-disable-line @typescript-eslint/no-require-imports -- CommonJS config, read at build time

/**
 * Next.js configuration.
 *
 * - `output: 'standalone'`: the production build includes a minimal server (`<distDir>/standalone/server.js`) with
 *   only the packages the app itself needs at run time — what the Docker image copies (see Dockerfile, README
 *   "Deploying"). `npm start` keeps using `next start` on the same build.
 * - `env.NOCTURNE_VERSION`: the version stamped into written notes, read from package.json here, at build time, so
 *   no browser bundle imports package.json (its scripts and dependency list would ship with it).
 * - `NOCTURNE_DIST_DIR` lets parallel test runs (and developers) keep separate build outputs; production
 *   uses the default `.next`.
 * - `NOCTURNE_BUILD_SKIP_TYPECHECK=1` (set by the e2e harness) skips Next's own type check during the
 *   build: `npm run typecheck` owns type checking, and a browser test must not fail on an unrelated type error.
 * - Security headers (CSP etc.) are NOT set here: they depend on runtime configuration (allowed issuers,
 *   frame-ancestors) and a per-request nonce, so `proxy.ts` sets them at request time on every response — an
 *   integrator's environment change then needs no rebuild.
 * @type {import('next').NextConfig}
 */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  output: 'standalone',
  distDir: process.env.NOCTURNE_DIST_DIR || '.next',
  env: { NOCTURNE_VERSION: version },
  typescript: { ignoreBuildErrors: process.env.NOCTURNE_BUILD_SKIP_TYPECHECK === '1' },
};
module.exports = nextConfig;
