// @ts-check
/**
 * Next.js configuration. `NOCTURNE_DIST_DIR` lets parallel test runs (and developers) keep separate
 * build outputs; production uses the default `.next`.
 * @type {import('next').NextConfig}
 */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  distDir: process.env.NOCTURNE_DIST_DIR || '.next',
};
module.exports = nextConfig;
