/**
 * Launch benchmarks (issue 3 §4): with 100 ms added latency on every sandbox request, the time from clicking
 * "Launch Nocturne" in the sandbox EHR to the patient's ABI on screen, and how many requests a launch makes.
 *
 * Why these two: the launch is a chain of round trips (discovery → authorise → code exchange → chart reads);
 * any waterfall in the chart reads multiplies the latency. The goal, 4 × latency + 500 ms, leaves room for the
 * unavoidable round trips and none for a second wave of reads.
 *
 * Runs a production build (the e2e harness builds it when sources changed) in Debian Chromium. Standalone:
 * `npx tsx scripts/bench-launch.ts`; the lead wires `launchLatency` and `launchRequests` into `npm run bench`.
 */
import { existsSync } from 'node:fs';
import { median, type Benchmark, type BenchMeasurement, type BenchSkip } from './lib/bench-harness';
import type { Browser } from 'playwright-core';
import { startSandbox, type SandboxRequestEntry } from '../mocks/sandbox/server';
import { freePort, launchChromium, startStack } from './lib/stack';

const LATENCY_MS = 100;
const RUNS = 7;
const PERSONA = 'Harold Whitfield';

interface LaunchRun {
  ms: number;
  fhir: number;
  discovery: number;
  /** Discovery requests that reached the sandbox (the rest were answered by the browser's HTTP cache). */
  discoveryServed: number;
  auth: number;
  fhirPaths: string[];
  /** Sandbox handling time summed over the launch's requests (added latency excluded): the sandbox's CPU share. */
  sandboxMs: number;
  sandboxRequests: number;
}

interface LaunchFigures {
  runs: LaunchRun[];
  /** The same launches with no added latency: what page loads, hydration and rendering cost on this machine. */
  baseline: LaunchRun[];
}

let measured: Promise<LaunchFigures | BenchSkip> | undefined;

async function measure(): Promise<LaunchFigures | BenchSkip> {
  const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(chromiumPath)) return { skipped: `Chromium not found at ${chromiumPath}` };
  // Two sandbox EHRs in front of one app: one adds the latency, the other none. Launches alternate between them,
  // so both series see the same machine load and their difference is what the latency costs. Both are started
  // here (not by the harness) so each reports how long it spent on every request.
  const served: SandboxRequestEntry[] = [];
  const onRequest = (entry: SandboxRequestEntry) => served.push(entry);
  // The harness always starts a sandbox of its own; the launches use the two below, which report their timings.
  const [SANDBOX_PORT, BASELINE_PORT] = [await freePort(), await freePort()];
  const issuers = [SANDBOX_PORT, BASELINE_PORT].map((port) => `http://localhost:${port}`);
  const stack = await startStack({
    env: {
      NOCTURNE_ALLOWED_ISSUERS: issuers.map((url) => `${url}/fhir`).join(','),
      NOCTURNE_SANDBOX_URL: issuers[0],
      NOCTURNE_FRAME_ANCESTORS: `'self' ${issuers.join(' ')}`,
    },
    ...(process.env.NOCTURNE_DIST_DIR ? { distDir: process.env.NOCTURNE_DIST_DIR } : {}),
  });
  const [sandbox, baselineSandbox] = await Promise.all([
    startSandbox({
      port: SANDBOX_PORT,
      appUrl: stack.appUrl,
      quiet: true,
      faults: { latencyMs: LATENCY_MS },
      onRequest,
    }),
    startSandbox({ port: BASELINE_PORT, appUrl: stack.appUrl, quiet: true, onRequest }),
  ]);
  const browser = await launchChromium();
  const runs: LaunchRun[] = [];
  const baseline: LaunchRun[] = [];
  try {
    await launchOnce(browser, sandbox.url, served); // warm-up: server code paths, preflight-free chunks
    await launchOnce(browser, baselineSandbox.url, served);
    for (let i = 0; i < RUNS; i++) {
      runs.push(await launchOnce(browser, sandbox.url, served));
      baseline.push(await launchOnce(browser, baselineSandbox.url, served));
    }
  } finally {
    await browser.close();
    await Promise.all([sandbox.close(), baselineSandbox.close()]);
    await stack.close();
  }
  return { runs, baseline };
}

async function launchOnce(browser: Browser, sandboxUrl: string, served: SandboxRequestEntry[]): Promise<LaunchRun> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(sandboxUrl);
    const button = page.getByRole('button', { name: new RegExp(`Launch Nocturne for ${PERSONA}`) });
    await button.waitFor();
    const seen: string[] = [];
    // The app's own requests (documents, chunks, its API) with their start and end, for the trace only.
    const appTimeline: { start: number; end?: number; path: string }[] = [];
    let t0 = performance.now();
    page.on('request', (r) => {
      if (r.url().startsWith(sandboxUrl)) seen.push(new URL(r.url()).pathname);
      else if (process.env.BENCH_LAUNCH_TRACE && !r.url().startsWith('data:')) {
        const entry: { start: number; end?: number; path: string } = {
          start: performance.now() - t0,
          path: new URL(r.url()).pathname,
        };
        appTimeline.push(entry);
        const finish = () => {
          entry.end ??= performance.now() - t0;
        };
        r.response().then((response) => response?.finished().then(finish, finish), finish);
      }
    });
    t0 = performance.now();
    await button.click();
    await page.waitForFunction(
      () => document.querySelector('[data-testid="abi-abi-right"]')?.textContent?.includes('0.45') ?? false,
      undefined,
      { timeout: 30_000, polling: 'raf' },
    );
    const t1 = performance.now();
    const ms = t1 - t0;
    // Both sandboxes run in this process, so their arrival times share this clock.
    const mine = served.filter((e) => e.startedAt >= t0 && e.startedAt <= t1);
    if (process.env.BENCH_LAUNCH_TRACE) {
      // One line per sandbox request, relative to the click: where the launch's time goes (no ids, no queries).
      const lines: [number, string][] = [
        ...mine.map((e): [number, string] => [
          e.startedAt - t0,
          `sandbox ${e.method} ${e.path} ${e.status}: ${Math.round(e.ms - e.delayedMs)} ms` +
            (e.delayedMs ? ` (+${Math.round(e.delayedMs)} ms latency)` : ''),
        ]),
        ...appTimeline.map((e): [number, string] => [
          e.start,
          `app ${e.path}` + (e.end !== undefined ? `: ${Math.round(e.end - e.start)} ms` : ''),
        ]),
      ].sort((a, b) => a[0] - b[0]);
      const text = lines.map(([at, line]) => `  +${Math.round(at)} ms ${line}`).join('\n');
      console.error(`launch via ${sandboxUrl}: ${Math.round(ms)} ms\n${text}`);
    }
    const fhirPaths = seen.filter((p) => p.startsWith('/fhir/') && !p.includes('.well-known'));
    return {
      ms,
      fhir: fhirPaths.length,
      discovery: seen.filter((p) => p.includes('.well-known')).length,
      discoveryServed: mine.filter((e) => e.path.includes('.well-known')).length,
      auth: seen.filter((p) => p.startsWith('/auth/') || p.startsWith('/launch/')).length,
      fhirPaths,
      sandboxMs: mine.reduce((sum, e) => sum + e.ms - e.delayedMs, 0),
      sandboxRequests: mine.length,
    };
  } finally {
    await context.close();
  }
}

function figures(): Promise<LaunchFigures | BenchSkip> {
  measured ??= measure();
  return measured;
}

export const launchLatency: Benchmark = {
  id: 'launch-latency',
  label: `Launch click → patient data on screen (${LATENCY_MS} ms added latency per request)`,
  goal: { target: 4 * LATENCY_MS + 500, better: 'lower' },
  async run(): Promise<BenchMeasurement | BenchSkip> {
    const f = await figures();
    if ('skipped' in f) return f;
    const ms = f.runs.map((r) => r.ms);
    const base = f.baseline.map((r) => r.ms);
    // Paired differences (each slow launch minus the zero-latency launch right after it) cancel most machine noise.
    const deltas = f.runs.map((r, i) => r.ms - (f.baseline[i]?.ms ?? r.ms));
    const delta = median(deltas);
    const sandboxBase = median(f.baseline.map((r) => r.sandboxMs));
    const sandboxSlow = median(f.runs.map((r) => r.sandboxMs));
    const served = f.runs[f.runs.length - 1]?.sandboxRequests ?? 0;
    return {
      value: Math.round(median(ms)),
      unit: 'ms',
      detail:
        `median of ${ms.length} launches (range ${Math.round(Math.min(...ms))}–${Math.round(Math.max(...ms))} ms) after a ` +
        `warm-up, alternating with ${base.length} launches from a second sandbox without latency (median ` +
        `${Math.round(median(base))} ms: page loads, hydration, mapping, engine, rendering on this machine); ` +
        `production build in Chromium, persona ${PERSONA}. The latency costs ${Math.round(delta)} ms ` +
        `(median paired difference) = ${(delta / LATENCY_MS).toFixed(1)} round trips; ≤ 4 means no request waterfall. ` +
        `Sandbox side: ${served} requests (preflights included) handled in ${Math.round(sandboxSlow)} ms summed ` +
        `(${Math.round(sandboxBase)} ms without latency), added latency excluded; the rest of the zero-latency ` +
        `time (≈ ${Math.round(median(base) - sandboxBase)} ms) is the app and the browser`,
    };
  },
};

export const launchRequests: Benchmark = {
  id: 'launch-requests',
  label: 'FHIR data requests per launch (all sent in parallel)',
  // One per chart section, Observations split in three by code (URLs < 1,800 chars) plus the vascular-lab sweep.
  goal: { target: 9, better: 'lower' },
  async run(): Promise<BenchMeasurement | BenchSkip> {
    const f = await figures();
    if ('skipped' in f) return f;
    const last = f.runs[f.runs.length - 1];
    if (!last) return { skipped: 'no launch measured' };
    return {
      value: last.fhir,
      unit: 'requests',
      detail:
        `${last.fhirPaths.join(', ')}; plus ${last.discovery} discovery (${last.discoveryServed} reaching the ` +
        `sandbox, the rest from the browser cache) and ${last.auth} launch/authorise/token ` +
        `requests (CORS preflights not counted)`,
    };
  },
};

export const LAUNCH_BENCHMARKS: readonly Benchmark[] = [launchLatency, launchRequests];

if (process.argv[1]?.endsWith('bench-launch.ts')) {
  void (async () => {
    const { formatReport, runBenchmarks } = await import('./lib/bench-harness');
    process.stdout.write(formatReport(await runBenchmarks(LAUNCH_BENCHMARKS)));
  })();
}
