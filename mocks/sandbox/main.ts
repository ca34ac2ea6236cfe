/**
 * CLI entry for the sandbox EHR: `tsx mocks/sandbox/main.ts`.
 *
 * Environment (all optional):
 * - `SANDBOX_PORT` (default 4010), `SANDBOX_URL` (public URL, default `http://localhost:<port>`),
 *   `SANDBOX_HOST` (loopback address, default 127.0.0.1);
 * - `APP_URL` (default `http://localhost:<PORT or 3000>`), `SANDBOX_CLIENT_ID` (default `NOCTURNE_CLIENT_ID` or
 *   `nocturne-local`), `SANDBOX_REDIRECT_URIS` (extra registered redirect URIs, comma- or space-separated; the
 *   app's `NOCTURNE_REDIRECT_URI` is registered too);
 * - fault switches for the whole server: `SANDBOX_LATENCY_MS`, `SANDBOX_FAIL_RESOURCE`,
 *   `SANDBOX_TOKEN_EXPIRY_SECONDS`, `SANDBOX_DENY_WRITE`;
 * - `SANDBOX_DATA` (a folder of FHIR Bundles to load, e.g. a Synthea export's `fhir/` folder);
 * - `SANDBOX_CLIENT_SCOPES` (the client's registered scope ceiling) and `SANDBOX_EXCESS_SCOPES` (`narrow` or
 *   `refuse` a request beyond it);
 * - `SANDBOX_OPEN_FHIR_PORT` (also serve the store without a token, at the root of that loopback port, for the
 *   reference SMART launcher to proxy to).
 */
import path from 'node:path';
import { FaultSettingError, faultsFromEnv } from './faults';
import { describeFaults } from './pages';
import type { ExcessScopePolicy } from './scopes';
import { DEFAULT_CLIENT_ID, startSandbox } from './server';
import type { SandboxHandle, StartSandboxOptions } from './server';

const EXCESS_POLICIES: readonly ExcessScopePolicy[] = ['narrow', 'refuse'];

/** Sandbox options from the environment; throws an Error naming the bad setting. */
export function sandboxOptionsFromEnv(
  env: Readonly<Record<string, string | undefined>> = process.env,
): StartSandboxOptions {
  const port = env.SANDBOX_PORT ? Number(env.SANDBOX_PORT) : 4010;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`SANDBOX_PORT must be a port number (got "${env.SANDBOX_PORT ?? ''}")`);
  }
  const appUrl = env.APP_URL ?? `http://localhost:${env.PORT ?? '3000'}`;
  for (const [name, value] of [
    ['APP_URL', appUrl],
    ['SANDBOX_URL', env.SANDBOX_URL],
  ] as const) {
    if (value !== undefined && !/^https?:\/\/[^/]+/.test(value)) {
      throw new Error(`${name} must be an absolute http(s) URL (got "${value}")`);
    }
  }
  // The app's own configured redirect URI (if it moved from <APP_URL>/assessment) is registered too.
  const redirectUris = [
    ...(env.SANDBOX_REDIRECT_URIS ?? '').split(/[\s,]+/).filter(Boolean),
    ...(env.NOCTURNE_REDIRECT_URI ? [env.NOCTURNE_REDIRECT_URI] : []),
  ];
  for (const uri of redirectUris) {
    if (!/^https?:\/\/[^/]+/.test(uri)) throw new Error(`SANDBOX_REDIRECT_URIS: "${uri}" is not an absolute URL`);
  }
  let faults;
  try {
    faults = faultsFromEnv(env);
  } catch (err) {
    if (err instanceof FaultSettingError) throw new Error(err.message);
    throw err;
  }
  const excessSetting = env.SANDBOX_EXCESS_SCOPES?.trim() || undefined;
  const excess = EXCESS_POLICIES.find((p) => p === excessSetting);
  if (excessSetting && !excess) {
    throw new Error(`SANDBOX_EXCESS_SCOPES must be narrow or refuse (got "${excessSetting}")`);
  }
  const openFhirPort = env.SANDBOX_OPEN_FHIR_PORT?.trim() ? Number(env.SANDBOX_OPEN_FHIR_PORT) : undefined;
  if (openFhirPort !== undefined && (!Number.isInteger(openFhirPort) || openFhirPort < 0 || openFhirPort > 65535)) {
    throw new Error(`SANDBOX_OPEN_FHIR_PORT must be a port number (got "${env.SANDBOX_OPEN_FHIR_PORT ?? ''}")`);
  }
  return {
    port,
    appUrl,
    clientId: env.SANDBOX_CLIENT_ID ?? env.NOCTURNE_CLIENT_ID ?? DEFAULT_CLIENT_ID,
    redirectUris,
    faults,
    ...(env.SANDBOX_URL ? { url: env.SANDBOX_URL } : {}),
    ...(env.SANDBOX_HOST ? { host: env.SANDBOX_HOST } : {}),
    ...(env.SANDBOX_DATA?.trim() ? { dataDir: path.resolve(env.SANDBOX_DATA.trim()) } : {}),
    ...(env.SANDBOX_CLIENT_SCOPES?.trim() ? { scopeCeiling: env.SANDBOX_CLIENT_SCOPES.trim() } : {}),
    ...(excess ? { excessScopes: excess } : {}),
    ...(openFhirPort !== undefined ? { openFhirPort } : {}),
  };
}

/** Start from the environment and print where to go. */
export async function runSandboxFromEnv(
  env: Readonly<Record<string, string | undefined>> = process.env,
): Promise<SandboxHandle> {
  const options = sandboxOptionsFromEnv(env);
  const sandbox = await startSandbox(options);
  const faults = describeFaults(options.faults ?? {});
  console.log(
    `[sandbox] SMART sandbox EHR ready on ${sandbox.url} (FHIR base ${sandbox.fhirBaseUrl}); ` +
      `${sandbox.store.patients.length} patients seeded in ${Math.round(sandbox.store.seedMs)} ms, ` +
      `up in ${Math.round(sandbox.startupMs)} ms; client id ${sandbox.clientId}` +
      (faults ? `; fault switches: ${faults}` : ''),
  );
  const data = sandbox.store.data;
  if (data) {
    console.log(
      `[sandbox] SANDBOX_DATA ${data.dir}: ${data.loaded.length} file(s) loaded ` +
        `(${data.resources} resources, ${sandbox.store.patients.filter((p) => p.source === 'data').length} patients) ` +
        `in ${Math.round(data.ms)} ms; ${data.skipped.length} skipped`,
    );
    for (const { file, problem } of data.skipped) console.warn(`[sandbox] SANDBOX_DATA skipped ${file}: ${problem}`);
  }
  if (sandbox.openFhirBaseUrl) {
    console.log(`[sandbox] Open FHIR endpoint (no token, for the reference launcher): ${sandbox.openFhirBaseUrl}`);
  }
  return sandbox;
}

const isMain = process.argv[1] && /mocks[/\\]sandbox[/\\]main\.(ts|js|mjs)$/.test(process.argv[1]);
if (isMain) {
  runSandboxFromEnv()
    .then((sandbox) => {
      console.log(`[sandbox] Open ${sandbox.url} to launch a patient. Ctrl-C stops.`);
      let stopping = false;
      const stop = () => {
        if (stopping) return;
        stopping = true;
        void sandbox.close().then(() => process.exit(0));
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    })
    .catch((err: unknown) => {
      console.error(`[sandbox] could not start: ${err instanceof Error ? err.message : String(err)}`);
      process.exit(1);
    });
}
