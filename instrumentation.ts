/**
 * Server start-up hook (Next.js instrumentation): starts the structured request log (`lib/config/request-log.ts`)
 * with `NOCTURNE_LOG_FORMAT=json`.
 *
 * Why the import sits behind the runtime check: Next.js also compiles this file for the Edge runtime, where Node's
 * `diagnostics_channel`, `process.hrtime` and `process.stdout` do not exist; written this way the bundler drops the
 * Node-only module from the Edge build instead of warning about it at every build.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === 'nodejs' && process.env.NOCTURNE_LOG_FORMAT === 'json') {
    const { startRequestLog } = await import('./lib/config/request-log');
    startRequestLog();
  }
}
