/**
 * The server's configuration, read once per process from `process.env`.
 *
 * Server-only (app/layout.tsx, proxy.ts, scripts). Memoised because the environment does not change while
 * the server runs; an integrator changes it and restarts — no rebuild.
 */
import { parseConfig, type AppConfig, type ConfigProblem } from './config';

let cached: { ok: true; config: AppConfig } | { ok: false; problems: ConfigProblem[] } | undefined;

export function getServerConfig(): { ok: true; config: AppConfig } | { ok: false; problems: ConfigProblem[] } {
  if (!cached) {
    cached = parseConfig(process.env);
    // The proxy and the page renderer are separate bundles (two module instances): report once per process.
    const flags = globalThis as { __nocturneConfigReported?: boolean };
    if (!cached.ok && !flags.__nocturneConfigReported) {
      flags.__nocturneConfigReported = true;
      // Once per process, on the server console: names the variables, never their values' secrets (there are none).
      console.error(
        `Invalid Nocturne configuration:\n${cached.problems.map((p) => `  ${p.subject}: ${p.message}`).join('\n')}`,
      );
    }
  }
  return cached;
}
