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
 *   `SANDBOX_TOKEN_EXPIRY_SECONDS`, `SANDBOX_DENY_WRITE`.
 */
import { FaultSettingError, faultsFromEnv } from './faults';
import { describeFaults } from './pages';
import { DEFAULT_CLIENT_ID, startSandbox } from './server';
import type { SandboxHandle, StartSandboxOptions } from './server';

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
  return {
    port,
    appUrl,
    clientId: env.SANDBOX_CLIENT_ID ?? env.NOCTURNE_CLIENT_ID ?? DEFAULT_CLIENT_ID,
    redirectUris,
    faults,
    ...(env.SANDBOX_URL ? { url: env.SANDBOX_URL } : {}),
    ...(env.SANDBOX_HOST ? { host: env.SANDBOX_HOST } : {}),
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
