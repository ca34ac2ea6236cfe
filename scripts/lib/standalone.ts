/**
 * The standalone production server (`output: 'standalone'`): what the Docker image runs, run here without Docker.
 *
 * `next build` writes `<distDir>/standalone/` — `server.js`, the traced production `node_modules` and the server
 * bundles — but not the browser's static files, which a deployment copies next to it (the Dockerfile does exactly
 * this: `<distDir>/static` → `standalone/<distDir>/static`). {@link prepareStandalone} makes that copy;
 * {@link startStandalone} runs `node server.js` as the image's `CMD` does, on a port of its own.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { ROOT, ensureBuild } from './stack';

export interface StandaloneLayout {
  /** `<distDir>/standalone`: the directory the image's runtime stage copies to its working directory. */
  readonly dir: string;
  readonly server: string;
}

/** Builds when sources changed, then copies the static files into the standalone tree (as the Dockerfile does). */
export async function prepareStandalone(distDir = '.next'): Promise<StandaloneLayout> {
  await ensureBuild(distDir);
  const dir = path.join(ROOT, distDir, 'standalone');
  const server = path.join(dir, 'server.js');
  if (!existsSync(server)) throw new Error(`${server} is missing: is output: 'standalone' set in next.config.js?`);
  const target = path.join(dir, distDir, 'static');
  rmSync(target, { recursive: true, force: true });
  cpSync(path.join(ROOT, distDir, 'static'), target, { recursive: true });
  return { dir, server };
}

export interface StandaloneServer {
  readonly url: string;
  readonly port: number;
  /** Everything the process printed (stdout and stderr). */
  log(): string;
  close(): Promise<void>;
}

/** Starts `node server.js` of a prepared standalone tree on loopback and waits until it answers `/api/health`. */
export async function startStandalone(options: {
  layout: StandaloneLayout;
  port: number;
  env?: Record<string, string | undefined>;
}): Promise<StandaloneServer> {
  let log = '';
  let exited = null as string | null;
  const child: ChildProcess = spawn(process.execPath, [options.layout.server], {
    cwd: options.layout.dir,
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'production',
      NEXT_TELEMETRY_DISABLED: '1',
      PORT: String(options.port),
      HOSTNAME: '127.0.0.1',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const append = (chunk: Buffer) => {
    log += chunk.toString('utf8');
  };
  child.stdout?.on('data', append);
  child.stderr?.on('data', append);
  child.on('exit', (code, signal) => {
    exited = `exit ${code ?? signal}`;
  });
  const url = `http://127.0.0.1:${options.port}`;
  const close = async () => {
    if (exited || child.exitCode !== null) return;
    const done = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    await done;
    clearTimeout(timer);
  };
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exited) throw new Error(`the standalone server exited (${exited}):\n${log.slice(-3000)}`);
    try {
      const response = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(2_000) });
      if (response.ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      await close();
      throw new Error(`the standalone server did not answer within 60 s:\n${log.slice(-3000)}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { url, port: options.port, log: () => log, close };
}
