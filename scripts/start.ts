/**
 * `npm start`: Nocturne and its local SMART sandbox EHR, side by side, on loopback.
 *
 * Builds the app when there is no production build yet, starts `next start` on `PORT` (3000) and the sandbox on
 * `SANDBOX_PORT` (4010), waits until both answer, then says where to click. Ctrl-C stops both.
 * `scripts/dev.ts` (`npm run dev`) runs the same with `next dev`.
 *
 * Why two origins: in real life the EHR's FHIR server is never the app's origin, so running them apart exercises
 * CORS, redirects and the issuer allow-list exactly as an EHR launch will.
 */
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runSandboxFromEnv } from '../mocks/sandbox/main';
import type { SandboxHandle } from '../mocks/sandbox/server';
import { runProductionBuild } from './lib/production-build';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const NEXT_BIN = path.join(ROOT, 'node_modules', 'next', 'dist', 'bin', 'next');

export interface StackSettings {
  readonly mode: 'start' | 'dev';
  readonly env?: NodeJS.ProcessEnv;
}

/** Environment for app and sandbox: defaults filled in, the app pointed at the sandbox unless told otherwise. */
export function stackEnv(base: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const appPort = base.PORT ?? '3000';
  const sandboxPort = base.SANDBOX_PORT ?? '4010';
  const appUrl = (base.APP_URL ?? `http://localhost:${appPort}`).replace(/\/+$/, '');
  const sandboxUrl = (base.SANDBOX_URL ?? `http://localhost:${sandboxPort}`).replace(/\/+$/, '');
  return {
    ...base,
    PORT: appPort,
    SANDBOX_PORT: sandboxPort,
    APP_URL: appUrl,
    SANDBOX_URL: sandboxUrl,
    NEXT_TELEMETRY_DISABLED: base.NEXT_TELEMETRY_DISABLED ?? '1',
    NOCTURNE_ALLOWED_ISSUERS: base.NOCTURNE_ALLOWED_ISSUERS ?? `${sandboxUrl}/fhir`,
    NOCTURNE_SANDBOX_URL: base.NOCTURNE_SANDBOX_URL ?? sandboxUrl,
    NOCTURNE_FRAME_ANCESTORS: base.NOCTURNE_FRAME_ANCESTORS ?? `'self' ${sandboxUrl}`,
  };
}

/**
 * The `next` command line. It listens on loopback (`HOST`, default 127.0.0.1) — `next start` alone listens on every
 * interface, which would put a development stack on the network (issue 10 item 10). A deployment sets `HOST=0.0.0.0`
 * (or runs the standalone server, see README "Deploying").
 */
export function nextCommand(mode: StackSettings['mode'], env: Readonly<Record<string, string | undefined>>): string[] {
  return [NEXT_BIN, mode === 'dev' ? 'dev' : 'start', '-p', env.PORT ?? '3000', '-H', env.HOST || '127.0.0.1'];
}

/** Run app + sandbox until Ctrl-C. Resolves with the exit code to use. */
export async function runStack(settings: StackSettings): Promise<number> {
  const env = stackEnv(settings.env ?? process.env);
  const distDir = env.NOCTURNE_DIST_DIR || '.next';

  if (settings.mode === 'start' && !existsSync(path.join(ROOT, distDir, 'BUILD_ID'))) {
    console.log(`[start] No production build in ${distDir}/: running next build (once)…`);
    const t0 = Date.now();
    let build: ReturnType<typeof spawnSync> | undefined;
    const built = runProductionBuild(ROOT, distDir, () => {
      build = spawnSync(process.execPath, [NEXT_BIN, 'build'], { cwd: ROOT, env, stdio: 'inherit' });
      return build.status === 0;
    });
    if (!built) {
      console.error(`[start] next build failed (exit ${build?.status ?? build?.signal ?? '?'}); see the output above.`);
      return 1;
    }
    console.log(`[start] Built in ${((Date.now() - t0) / 1000).toFixed(1)} s.`);
  } else if (settings.mode === 'start') {
    console.log(`[start] Using the existing production build in ${distDir}/ (run \`npm run build\` after changes).`);
  }

  let sandbox: SandboxHandle;
  try {
    sandbox = await runSandboxFromEnv(env);
  } catch (err) {
    console.error(`[start] The sandbox could not start: ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  }

  const nextArgs = nextCommand(settings.mode, env);
  const app: ChildProcess = spawn(process.execPath, nextArgs, {
    cwd: ROOT,
    env: { ...env, NODE_ENV: settings.mode === 'dev' ? 'development' : 'production' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  prefixLines(app.stdout, process.stdout, '[app] ');
  prefixLines(app.stderr, process.stderr, '[app] ');
  let stopping = false;
  let appExit: string | undefined;
  const stop = async (code: number): Promise<number> => {
    if (stopping) return code;
    stopping = true;
    const waits: Promise<unknown>[] = [];
    if (app.exitCode === null && app.signalCode === null) {
      const child = app;
      waits.push(
        new Promise<void>((resolve) => {
          const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
          child.once('exit', () => {
            clearTimeout(timer);
            resolve();
          });
          child.kill('SIGTERM');
        }),
      );
    }
    waits.push(sandbox.close());
    await Promise.all(waits);
    return code;
  };

  const exited = new Promise<number>((resolve) => {
    app.once('exit', (code, signal) => {
      appExit = `exit ${code ?? signal ?? '?'}`;
      resolve(code ?? 1);
    });
  });

  const interrupted = new Promise<number>((resolve) => {
    const onSignal = () => resolve(0);
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
  });

  const appUrl = env.APP_URL ?? 'http://localhost:3000';
  const ready = waitForHttp(appUrl, settings.mode === 'dev' ? 180_000 : 60_000, () => appExit).then(
    () => {
      console.log(
        [
          '',
          `  Nocturne     ${appUrl}`,
          `  Sandbox EHR  ${sandbox.url}   (FHIR base ${sandbox.fhirBaseUrl})`,
          '',
          `  Open ${sandbox.url} and click "Launch Nocturne".`,
          '  Ctrl-C stops both.',
          '',
        ].join('\n'),
      );
      return undefined;
    },
    (err: unknown) => {
      console.error(`[start] The app did not come up: ${err instanceof Error ? err.message : String(err)}`);
      return 1;
    },
  );

  const outcome = await Promise.race([
    ready.then((code) => (code === undefined ? Promise.race([exited, interrupted]) : code)),
    exited.then((code) => {
      if (!stopping) console.error(`[start] The app stopped (${appExit ?? `exit ${code}`}); stopping the sandbox.`);
      return code === 0 ? 1 : code;
    }),
    interrupted,
  ]);
  const code = await stop(outcome);
  console.log('[start] Stopped.');
  return code;
}

/** Poll until `url` answers with any HTTP response below 500. */
async function waitForHttp(url: string, timeoutMs: number, failed: () => string | undefined): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const why = failed();
    if (why) throw new Error(`it exited (${why})`);
    try {
      const res = await fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(10_000) });
      await res.arrayBuffer();
      if (res.status < 500) return;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) throw new Error(`${url} did not answer within ${Math.round(timeoutMs / 1000)} s`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

function prefixLines(from: NodeJS.ReadableStream | null, to: NodeJS.WritableStream, prefix: string): void {
  if (!from) return;
  let pending = '';
  from.setEncoding('utf8');
  from.on('data', (chunk: string) => {
    pending += chunk;
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) to.write(`${prefix}${line}\n`);
  });
  from.on('end', () => {
    if (pending) to.write(`${prefix}${pending}\n`);
  });
}

const invokedDirectly = /scripts[/\\]start\.ts$/.test(process.argv[1] ?? '');
if (invokedDirectly) {
  void runStack({ mode: 'start' }).then((code) => process.exit(code));
}
