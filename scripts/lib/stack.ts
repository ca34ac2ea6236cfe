/**
 * End-to-end harness: a production build of the app, `next start` as a child process, the local SMART
 * sandbox in-process, and a real Chromium (Debian's, via playwright-core).
 *
 * Why a production build and not `next dev`: the CSP, the proxy and the client bundles behave as they do
 * for a hospital only in a production build, and a dev server compiles on first request (slow, flaky timings).
 *
 * Several helpers (and CI) run e2e suites on one 2-core machine, so builds are serialised with a lock file
 * and skipped when the build in `distDir` is newer than every source file.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  readdirSync,
  statSync,
  unlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startSandbox, type FhirStore, type SandboxFaults } from '../../mocks/sandbox/server';
import { runProductionBuild } from './production-build';

/** Repository root (this file lives in scripts/lib). */
export const ROOT = path.resolve(__dirname, '..', '..');

/** Flags the guide prescribes for Debian Chromium in containers and CI. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-features=WebUIOmniboxPopup,WebUIOmniboxAimPopup,WebUIOmniboxFullPopup',
] as const;

export type { SandboxFaults };

export interface StackOptions {
  /** Port for `next start`; a free port when omitted (parallel runs and worktrees never collide). */
  appPort?: number;
  /** Port for the sandbox EHR; a free port when omitted. */
  sandboxPort?: number;
  /**
   * The sandbox's public URL when something stands in front of it (a test proxy that drops answers): the app, the
   * launcher's links and the OAuth issuer all use it. Default `http://localhost:<sandboxPort>`.
   */
  sandboxPublicUrl?: string;
  /** Next.js dist dir (`NOCTURNE_DIST_DIR`); `.next` in CI. */
  distDir?: string;
  /** Extra environment for the app (overrides the NOCTURNE_* defaults pointing at the sandbox). */
  env?: Record<string, string | undefined>;
  /** Sandbox fault switches (latency, failing resource type, token expiry, write scope denied). */
  faults?: SandboxFaults;
  /** Print the app's server log to stdout (default: only on failure). */
  verbose?: boolean;
}

export interface Stack {
  appUrl: string;
  sandboxUrl: string;
  fhirBaseUrl: string;
  /** The sandbox's in-memory store, for assertions on writes. */
  store: FhirStore;
  /** The app server's log so far (for diagnosing failures). */
  appLog(): string;
  close(): Promise<void>;
}

/** Source locations whose changes require a rebuild of the app. */
const BUILD_INPUTS = ['app', 'lib', 'fhir-mappings', 'public', 'styles'];
const BUILD_INPUT_FILES = [
  'next.config.js',
  'proxy.ts',
  'instrumentation.ts',
  'middleware.ts',
  'package.json',
  'package-lock.json',
  'tsconfig.json',
  'postcss.config.mjs',
];
const STAMP = '.nocturne-build-stamp';

function newestMtime(entry: string): number {
  if (!existsSync(entry)) return 0;
  const st = statSync(entry);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const name of readdirSync(entry)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    newest = Math.max(newest, newestMtime(path.join(entry, name)));
  }
  return newest;
}

function sourcesMtime(): number {
  return Math.max(
    ...BUILD_INPUTS.map((d) => newestMtime(path.join(ROOT, d))),
    ...BUILD_INPUT_FILES.map((f) => newestMtime(path.join(ROOT, f))),
  );
}

/** The time the current build in `distDir` started, or 0 when there is no complete build. */
function buildStartedAt(distDir: string): number {
  const dir = path.join(ROOT, distDir);
  const stamp = path.join(dir, STAMP);
  if (!existsSync(path.join(dir, 'BUILD_ID')) || !existsSync(stamp)) return 0;
  const value = Number(readFileSync(stamp, 'utf8'));
  return Number.isFinite(value) ? value : 0;
}

export function isBuildFresh(distDir: string): boolean {
  const started = buildStartedAt(distDir);
  return started > 0 && sourcesMtime() < started;
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A process-wide lock file (O_EXCL create); a lock left by a dead process is taken over. */
async function withLock<T>(lockPath: string, fn: () => T | Promise<T>, timeoutMs = 600_000): Promise<T> {
  mkdirSync(path.dirname(lockPath), { recursive: true });
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const fd = openSync(lockPath, 'wx');
      writeFileSync(fd, String(process.pid));
      closeSync(fd);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number(readFileSync(lockPath, 'utf8') || '0');
      if (holder > 0 && !pidAlive(holder)) {
        try {
          unlinkSync(lockPath);
        } catch {
          /* another waiter took it over first */
        }
        continue;
      }
      if (Date.now() > deadline) throw new Error(`Timed out waiting for build lock ${lockPath} (held by ${holder})`);
      await sleep(500);
    }
  }
  try {
    return await fn();
  } finally {
    try {
      unlinkSync(lockPath);
    } catch {
      /* already gone */
    }
  }
}

/**
 * Ensures a production build exists in `distDir` and is newer than the sources.
 *
 * The build skips Next's type check (`NOCTURNE_BUILD_SKIP_TYPECHECK`): `npm run typecheck` owns that, and
 * e2e runs must not fail on another file's unrelated type error. Next rewrites `tsconfig.json` (and
 * `next-env.d.ts`) to mention a non-default dist dir; both are restored so a test build leaves no trace.
 */
export async function ensureBuild(distDir = '.next'): Promise<{ built: boolean; ms: number }> {
  const t0 = Date.now();
  if (isBuildFresh(distDir)) return { built: false, ms: 0 };
  return withLock(path.join(ROOT, '.nocturne', 'next-build.lock'), () => {
    if (isBuildFresh(distDir)) return { built: false, ms: Date.now() - t0 };
    const started = Date.now();
    const tsconfigPath = path.join(ROOT, 'tsconfig.json');
    const nextEnvPath = path.join(ROOT, 'next-env.d.ts');
    const tsconfig = readFileSync(tsconfigPath, 'utf8');
    const tsconfigStat = statSync(tsconfigPath);
    const nextEnv = existsSync(nextEnvPath) ? readFileSync(nextEnvPath, 'utf8') : undefined;
    let result: ReturnType<typeof spawnSync> | undefined;
    const nextBuild = () => {
      result = spawnSync(process.execPath, [path.join(ROOT, 'node_modules/next/dist/bin/next'), 'build'], {
        cwd: ROOT,
        env: {
          ...process.env,
          NOCTURNE_DIST_DIR: distDir,
          NOCTURNE_BUILD_SKIP_TYPECHECK: '1',
          NEXT_TELEMETRY_DISABLED: '1',
        },
        encoding: 'utf8',
        maxBuffer: 64 * 1024 * 1024,
      });
      return result.status === 0;
    };
    try {
      runProductionBuild(ROOT, distDir, nextBuild);
    } finally {
      if (readFileSync(tsconfigPath, 'utf8') !== tsconfig) {
        writeFileSync(tsconfigPath, tsconfig);
        // Keep the original mtime: the restored file is unchanged and must not look like a new source.
        utimesSync(tsconfigPath, tsconfigStat.atime, tsconfigStat.mtime);
      }
      if (nextEnv !== undefined && readFileSync(nextEnvPath, 'utf8') !== nextEnv) writeFileSync(nextEnvPath, nextEnv);
    }
    if (result?.status !== 0) {
      const log = `${String(result?.stdout)}\n${String(result?.stderr)}`.split('\n').slice(-60).join('\n');
      throw new Error(`next build (${distDir}) failed with exit ${result?.status}:\n${log}`);
    }
    writeFileSync(path.join(ROOT, distDir, STAMP), String(started));
    return { built: true, ms: Date.now() - t0 };
  });
}

async function waitForHttp(url: string, what: string, timeoutMs: number, alive: () => string | null): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    const dead = alive();
    if (dead) throw new Error(`${what} exited before answering: ${dead}`);
    try {
      const res = await fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(2_000) });
      if (res.status < 500) return;
      last = `HTTP ${res.status}`;
    } catch (error) {
      last = (error as Error).message;
    }
    await sleep(150);
  }
  throw new Error(`${what} did not answer at ${url} within ${timeoutMs} ms (${last})`);
}

/**
 * A TCP port that is free right now (the OS picks it). Several suites, worktrees and benchmarks run on one
 * machine at once; fixed ports made them collide.
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, 'localhost', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** The environment the app gets so that it trusts, calls and can be framed by the local sandbox. */
export function sandboxAppEnv(sandboxUrl: string): Record<string, string> {
  return {
    NOCTURNE_ALLOWED_ISSUERS: `${sandboxUrl}/fhir`,
    NOCTURNE_SANDBOX_URL: sandboxUrl,
    NOCTURNE_FRAME_ANCESTORS: `'self' ${sandboxUrl}`,
    NOCTURNE_CLIENT_ID: 'nocturne-local',
  };
}

/**
 * Starts sandbox + app and waits until both answer. Always `await stack.close()` (in `afterAll`).
 */
export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const distDir = options.distDir ?? process.env.NOCTURNE_DIST_DIR ?? '.next';
  const appPort = options.appPort ?? (await freePort());
  const sandboxPort = options.sandboxPort ?? (await freePort());
  const appUrl = `http://localhost:${appPort}`;
  const sandboxUrl = options.sandboxPublicUrl ?? `http://localhost:${sandboxPort}`;

  await ensureBuild(distDir);

  const sandbox = await startSandbox({
    port: sandboxPort,
    ...(options.sandboxPublicUrl ? { url: options.sandboxPublicUrl } : {}),
    appUrl,
    ...(options.faults ? { faults: options.faults } : {}),
    quiet: !options.verbose,
  });

  let log = '';
  let exited: string | null = null;
  const child: ChildProcess = spawn(
    process.execPath,
    [path.join(ROOT, 'node_modules/next/dist/bin/next'), 'start', '-p', String(appPort)],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        NODE_ENV: 'production',
        NEXT_TELEMETRY_DISABLED: '1',
        NOCTURNE_DIST_DIR: distDir,
        ...sandboxAppEnv(sandboxUrl),
        ...options.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const append = (chunk: Buffer) => {
    log += chunk.toString('utf8');
    if (options.verbose) process.stdout.write(chunk);
  };
  child.stdout?.on('data', append);
  child.stderr?.on('data', append);
  child.on('exit', (code, signal) => {
    exited = `exit ${code ?? signal}\n${log.slice(-4000)}`;
  });

  const close = async () => {
    if (!exited && child.exitCode === null) {
      const done = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await done;
      clearTimeout(timer);
    }
    await sandbox.close();
  };

  try {
    await Promise.all([
      waitForHttp(`${appUrl}/`, 'next start', 60_000, () => exited),
      waitForHttp(`${sandbox.fhirBaseUrl}/metadata`, 'sandbox', 20_000, () => null),
    ]);
  } catch (error) {
    await close();
    throw error;
  }

  return {
    appUrl,
    sandboxUrl: sandbox.url,
    fhirBaseUrl: sandbox.fhirBaseUrl,
    store: sandbox.store,
    appLog: () => log,
    close,
  };
}

/** Debian Chromium through playwright-core; each launch gets a fresh temporary profile (user-data-dir). */
export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [...CHROMIUM_ARGS],
  });
}

/**
 * A fresh context + page that records console errors and CSP violations, so tests can assert that the
 * app ran clean under its Content-Security-Policy.
 */
export async function newPage(browser: Browser): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  return { context, page, errors };
}

/** Full-page screenshot under test-results/screenshots/<name>.png; returns the path. */
export async function saveScreenshot(page: Page, name: string): Promise<string> {
  const dir = path.join(ROOT, 'test-results', 'screenshots');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name.replace(/[^a-z0-9._-]+/gi, '-')}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}
