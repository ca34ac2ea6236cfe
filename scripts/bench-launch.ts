/**
 * Launch benchmarks (issue 3 §4, issue 13): with 100 ms added latency on every sandbox request, the time from opening
 * `<app>/launch?iss=…&launch=…` to the patient's right ABI on screen; the same for a bare fhirclient page doing the
 * same chart reads (scripts/lib/bench-bare-app.ts) and their ratio; and how many requests a launch makes.
 *
 * Why a ratio against a bare app: the absolute time mostly measures this machine (2 shared cores, other agents'
 * builds); the bare app pays the same round trips and the same machine load, so Nocturne's time over the bare app's is
 * what Nocturne itself adds (page loads, script start-up, hydration, mapping, engine, rendering). The goal is ≤ 1.5.
 *
 * How: one production build (`next start`), three sandbox EHRs in this process — one adding the latency for Nocturne,
 * one adding it for the bare app (each registers its own redirect URI), one without latency (the zero-latency
 * baseline) — and Debian Chromium with a fresh profile per launch (cold HTTP cache: a first launch of the day).
 * Launches alternate Nocturne / bare app (order flipped every round) so both see the same load; the load average is
 * reported. `BENCH_LAUNCH_TRACE=1` prints every request of every launch relative to its start.
 *
 * Standalone: `npx tsx scripts/bench-launch.ts` (`BENCH_LAUNCH_RUNS=n` for more rounds).
 */
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { median, type Benchmark, type BenchMeasurement, type BenchSkip } from './lib/bench-harness';
import { startBareApp } from './lib/bench-bare-app';
import type { Browser, BrowserContext } from 'playwright-core';
import { startSandbox, type SandboxHandle, type SandboxRequestEntry } from '../mocks/sandbox/server';
import { DEFAULT_SCOPES } from '../lib/config/config';
import { scopesForLaunch } from '../lib/fhir/scopes';
import { searchPath } from '../lib/fhir/search';
import { chartPlanFor } from '../lib/queries/plan';
import { ROOT, freePort, launchChromium, startStack } from './lib/stack';

const LATENCY_MS = 100;
const RUNS = Math.max(1, Number(process.env.BENCH_LAUNCH_RUNS ?? 7));
const PERSONA = { id: 'pad-clti-rest-pain', name: 'Harold Whitfield', abiRight: '0.45' };
const CLIENT_ID = 'nocturne-local';

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
  /**
   * Nocturne's launch milestones (lib/ui/launch-timing.ts: `nocturne:framework-ready`, …), in ms after opening the
   * launch URL, read from the page's User Timing marks; empty for the bare page.
   */
  milestones: Record<string, number>;
}

interface LaunchFigures {
  /** Nocturne, 100 ms latency. */
  runs: LaunchRun[];
  /** The bare fhirclient app, 100 ms latency, alternating with `runs`. */
  bare: LaunchRun[];
  /** Nocturne with no added latency: what page loads, hydration and rendering cost on this machine. */
  baseline: LaunchRun[];
  /**
   * The same pair with a warm browser: one profile per side kept across launches (a new tab each time, so a new
   * sessionStorage and a new SMART session), as for a clinician who launches the app many times a day — HTTP cache and
   * compiled-code cache warm.
   */
  warm: { app: LaunchRun[]; bare: LaunchRun[] };
  /** 1-minute load average before and after the launches. */
  load: [number, number];
}

let measured: Promise<LaunchFigures | BenchSkip> | undefined;

/** An EHR launch minted by the sandbox (its launcher's "Launch Nocturne" does the same): `iss` + opaque `launch`. */
async function mintLaunch(sandbox: SandboxHandle): Promise<{ iss: string; launch: string }> {
  const response = await fetch(`${sandbox.url}/launch/ehr?patient=${PERSONA.id}`, { redirect: 'manual' });
  const location = new URL(response.headers.get('location') ?? '', sandbox.url);
  const iss = location.searchParams.get('iss');
  const launch = location.searchParams.get('launch');
  if (!iss || !launch) throw new Error(`the sandbox did not mint a launch (HTTP ${response.status})`);
  return { iss, launch };
}

/** The chart reads Nocturne sends, as paths with a `{patient}` placeholder, for the bare app to send too. */
function chartReads(): string[] {
  const plan = chartPlanFor({ now: new Date() });
  return Object.entries(plan).flatMap(([type, searches]) =>
    (searches ?? []).map((s) =>
      searchPath(type, { ...s.params, patient: '{patient}' }).replace('%7Bpatient%7D', '{patient}'),
    ),
  );
}

async function measure(): Promise<LaunchFigures | BenchSkip> {
  const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(chromiumPath)) return { skipped: `Chromium not found at ${chromiumPath}` };
  const served: SandboxRequestEntry[] = [];
  const onRequest = (entry: SandboxRequestEntry) => served.push(entry);
  const [appSandboxPort, bareSandboxPort, baselinePort, barePort] = [
    await freePort(),
    await freePort(),
    await freePort(),
    await freePort(),
  ];
  const issuers = [appSandboxPort, baselinePort].map((port) => `http://localhost:${port}`);
  const stack = await startStack({
    env: {
      NOCTURNE_ALLOWED_ISSUERS: issuers.map((url) => `${url}/fhir`).join(','),
      NOCTURNE_SANDBOX_URL: issuers[0],
      NOCTURNE_FRAME_ANCESTORS: `'self' ${issuers.join(' ')}`,
    },
    ...(process.env.NOCTURNE_DIST_DIR ? { distDir: process.env.NOCTURNE_DIST_DIR } : {}),
  });
  const bareApp = await startBareApp({
    root: ROOT,
    port: barePort,
    clientId: CLIENT_ID,
    scope: scopesForLaunch(DEFAULT_SCOPES, { ehrLaunch: true, version: 'v2' }),
    reads: chartReads(),
  });
  const [sandbox, bareSandbox, baselineSandbox] = await Promise.all([
    startSandbox({
      port: appSandboxPort,
      appUrl: stack.appUrl,
      quiet: true,
      faults: { latencyMs: LATENCY_MS },
      onRequest,
    }),
    startSandbox({
      port: bareSandboxPort,
      appUrl: bareApp.url,
      redirectUris: [bareApp.redirectUri],
      quiet: true,
      faults: { latencyMs: LATENCY_MS },
      onRequest,
    }),
    startSandbox({ port: baselinePort, appUrl: stack.appUrl, quiet: true, onRequest }),
  ]);
  const browser = await launchChromium();
  const app = async (s: SandboxHandle, context?: BrowserContext) => {
    const { iss, launch } = await mintLaunch(s);
    const url = `${stack.appUrl}/launch?${new URLSearchParams({ iss, launch }).toString()}`;
    return launchOnce(browser, url, s.url, '[data-testid="abi-abi-right"]', `Nocturne via ${s.url}`, served, context);
  };
  const bare = async (context?: BrowserContext) => {
    const { iss, launch } = await mintLaunch(bareSandbox);
    return launchOnce(browser, bareApp.launchUrl(iss, launch), bareSandbox.url, '#abi', 'bare app', served, context);
  };
  const figures: LaunchFigures = {
    runs: [],
    bare: [],
    baseline: [],
    warm: { app: [], bare: [] },
    load: [loadavg()[0] ?? 0, 0],
  };
  try {
    // Warm-up: server code paths and the sandboxes' first searches; not counted.
    await app(sandbox);
    await bare();
    await app(baselineSandbox);
    for (let i = 0; i < RUNS; i++) {
      if (i % 2 === 0) {
        figures.runs.push(await app(sandbox));
        figures.bare.push(await bare());
      } else {
        figures.bare.push(await bare());
        figures.runs.push(await app(sandbox));
      }
      figures.baseline.push(await app(baselineSandbox));
    }
    const [appProfile, bareProfile] = [await browser.newContext(), await browser.newContext()];
    await app(sandbox, appProfile); // warm-up: fills the cache of each profile
    await bare(bareProfile);
    for (let i = 0; i < RUNS; i++) {
      if (i % 2 === 0) {
        figures.warm.app.push(await app(sandbox, appProfile));
        figures.warm.bare.push(await bare(bareProfile));
      } else {
        figures.warm.bare.push(await bare(bareProfile));
        figures.warm.app.push(await app(sandbox, appProfile));
      }
    }
    await Promise.all([appProfile.close(), bareProfile.close()]);
  } finally {
    figures.load[1] = loadavg()[0] ?? 0;
    await browser.close();
    await Promise.all([sandbox.close(), bareSandbox.close(), baselineSandbox.close(), bareApp.close()]);
    await stack.close();
  }
  return figures;
}

async function launchOnce(
  browser: Browser,
  launchUrl: string,
  sandboxUrl: string,
  abiSelector: string,
  label: string,
  served: SandboxRequestEntry[],
  /** A browser profile kept across launches (warm caches); a fresh one per launch when omitted. */
  profile?: BrowserContext,
): Promise<LaunchRun> {
  const context = profile ?? (await browser.newContext());
  const page = await context.newPage();
  try {
    const seen: string[] = [];
    const trace = Boolean(process.env.BENCH_LAUNCH_TRACE);
    // Every non-sandbox request (documents, chunks) with its start and end, for the trace only.
    const appTimeline: { start: number; end?: number; path: string }[] = [];
    let t0 = performance.now();
    page.on('request', (r) => {
      if (r.url().startsWith(sandboxUrl)) seen.push(new URL(r.url()).pathname);
      else if (trace && !r.url().startsWith('data:')) {
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
    const marks: [number, string][] = [];
    if (trace) {
      page.on('domcontentloaded', () =>
        marks.push([performance.now() - t0, `DOMContentLoaded ${new URL(page.url()).pathname}`]),
      );
      page.on('load', () => marks.push([performance.now() - t0, `load ${new URL(page.url()).pathname}`]));
    }
    t0 = performance.now();
    const launchedAt = Date.now();
    await page.goto(launchUrl, { waitUntil: 'commit' });
    await page.waitForFunction(
      ([selector, value]) => document.querySelector(selector!)?.textContent?.includes(value!) ?? false,
      [abiSelector, PERSONA.abiRight],
      { timeout: 30_000, polling: 'raf' },
    );
    const t1 = performance.now();
    const ms = t1 - t0;
    // The marks' times are relative to the page's time origin (its navigation start); re-based on opening the launch URL.
    const timing = await page.evaluate(() => ({
      origin: performance.timeOrigin,
      marks: performance
        .getEntriesByType('mark')
        .filter((m) => m.name.startsWith('nocturne:'))
        .map((m) => [m.name.slice('nocturne:'.length), m.startTime] as const),
    }));
    const milestones = Object.fromEntries(
      timing.marks.map(([name, at]) => [name, Math.round(timing.origin + at - launchedAt)]),
    );
    // The sandboxes run in this process, so their arrival times share this clock.
    const mine = served.filter((e) => e.startedAt >= t0 && e.startedAt <= t1);
    if (trace) {
      // One line per request, relative to opening the launch URL: where the launch's time goes (no ids, no queries).
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
        ...marks,
      ].sort((a, b) => a[0] - b[0]);
      const text = lines.map(([at, line]) => `  +${Math.round(at)} ms ${line}`).join('\n');
      console.error(`${label}: ${Math.round(ms)} ms\n${text}`);
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
      milestones,
    };
  } finally {
    await (profile ? page.close() : context.close());
  }
}

function figures(): Promise<LaunchFigures | BenchSkip> {
  measured ??= measure();
  return measured;
}

const range = (values: readonly number[]) => `${Math.round(Math.min(...values))}–${Math.round(Math.max(...values))} ms`;

export const launchRatio: Benchmark = {
  id: 'launch-ratio',
  label: `Launch URL → right ABI on screen, Nocturne ÷ bare fhirclient page (${LATENCY_MS} ms latency)`,
  goal: { target: 1.5, better: 'lower' },
  async run(): Promise<BenchMeasurement | BenchSkip> {
    const f = await figures();
    if ('skipped' in f) return f;
    const app = f.runs.map((r) => r.ms);
    const bare = f.bare.map((r) => r.ms);
    const ratio = median(app) / median(bare);
    return {
      value: Math.round(ratio * 100) / 100,
      unit: '×',
      detail:
        `median of ${app.length} Nocturne launches ${Math.round(median(app))} ms (${range(app)}) ÷ median of ` +
        `${bare.length} bare-page launches ${Math.round(median(bare))} ms (${range(bare)}), alternating, after one ` +
        `warm-up each; from opening the launch URL to the right ABI (${PERSONA.abiRight}) on screen; fresh Chromium ` +
        `profile per launch; raw Nocturne ms [${app.map(Math.round).join(', ')}], bare ms ` +
        `[${bare.map(Math.round).join(', ')}]; load average ${f.load[0].toFixed(2)} → ${f.load[1].toFixed(2)}`,
    };
  },
};

export const launchRatioWarm: Benchmark = {
  id: 'launch-ratio-warm',
  label: `The same ratio with a warm browser (repeat launches: HTTP and code caches warm)`,
  goal: { target: 1.5, better: 'lower' },
  async run(): Promise<BenchMeasurement | BenchSkip> {
    const f = await figures();
    if ('skipped' in f) return f;
    const app = f.warm.app.map((r) => r.ms);
    const bare = f.warm.bare.map((r) => r.ms);
    return {
      value: Math.round((median(app) / median(bare)) * 100) / 100,
      unit: '×',
      detail:
        `one Chromium profile per side kept across launches (a new tab, so a new session, each time) after one ` +
        `warm-up launch each; median of ${app.length} Nocturne launches ${Math.round(median(app))} ms (${range(app)}) ` +
        `÷ median of ${bare.length} bare-page launches ${Math.round(median(bare))} ms (${range(bare)}), alternating; ` +
        `raw Nocturne ms [${app.map(Math.round).join(', ')}], bare ms [${bare.map(Math.round).join(', ')}]`,
    };
  },
};

/** Median of one milestone over the launches that reached it. */
function milestone(runs: readonly LaunchRun[], name: string): number | undefined {
  const values = runs.flatMap((r) => (r.milestones[name] === undefined ? [] : [r.milestones[name]]));
  return values.length ? median(values) : undefined;
}

export const launchFrameworkFloor: Benchmark = {
  id: 'launch-framework-floor',
  label: `Launch URL → Nocturne's page framework started (before any chart or workspace code) ÷ bare page's whole launch`,
  // If the framework's own start-up alone is past 1.5× the bare page, the launch ratio cannot reach its goal.
  goal: { target: 1.5, better: 'lower' },
  async run(): Promise<BenchMeasurement | BenchSkip> {
    const f = await figures();
    if ('skipped' in f) return f;
    const ready = milestone(f.runs, 'framework-ready');
    if (ready === undefined) return { skipped: 'the page set no nocturne:framework-ready mark' };
    const bare = median(f.bare.map((r) => r.ms));
    const phases = ['framework-ready', 'session-ready', 'chart-ready', 'workspace-shown']
      .map((name) => `${name} ${Math.round(milestone(f.runs, name) ?? NaN)} ms`)
      .join(', ');
    return {
      value: Math.round((ready / bare) * 100) / 100,
      unit: '×',
      detail:
        `Nocturne's launch milestones (User Timing marks, median ms after opening the launch URL, same launches as ` +
        `the launch ratio): ${phases}; ABI on screen ${Math.round(median(f.runs.map((r) => r.ms)))} ms. The bare ` +
        `page's whole launch: ${Math.round(bare)} ms. "framework-ready" is when React has rendered the route on the ` +
        `client (Next.js and React downloaded, evaluated and hydrated); everything after it is Nocturne's own work ` +
        `and the chart reads that did not finish earlier`,
    };
  },
};

export const launchLatency: Benchmark = {
  id: 'launch-latency',
  label: `Launch URL → patient data on screen (${LATENCY_MS} ms added latency per request)`,
  goal: { target: 4 * LATENCY_MS + 500, better: 'lower' },
  async run(): Promise<BenchMeasurement | BenchSkip> {
    const f = await figures();
    if ('skipped' in f) return f;
    const ms = f.runs.map((r) => r.ms);
    const base = f.baseline.map((r) => r.ms);
    // Paired differences (each slow launch minus the zero-latency launch of the same round) cancel most machine noise.
    const deltas = f.runs.map((r, i) => r.ms - (f.baseline[i]?.ms ?? r.ms));
    const delta = median(deltas);
    const sandboxBase = median(f.baseline.map((r) => r.sandboxMs));
    const sandboxSlow = median(f.runs.map((r) => r.sandboxMs));
    const served = f.runs[f.runs.length - 1]?.sandboxRequests ?? 0;
    return {
      value: Math.round(median(ms)),
      unit: 'ms',
      detail:
        `median of ${ms.length} launches (${range(ms)}), with ${base.length} launches from a sandbox without latency ` +
        `in the same rounds (median ${Math.round(median(base))} ms: page loads, hydration, mapping, engine, ` +
        `rendering on this machine); production build in Chromium, persona ${PERSONA.name}. The latency costs ` +
        `${Math.round(delta)} ms (median paired difference) = ${(delta / LATENCY_MS).toFixed(1)} round trips; ≤ 4 ` +
        `means no request waterfall. Sandbox side: ${served} requests (preflights included) handled in ` +
        `${Math.round(sandboxSlow)} ms summed (${Math.round(sandboxBase)} ms without latency), added latency ` +
        `excluded; the rest of the zero-latency time (≈ ${Math.round(median(base) - sandboxBase)} ms) is the app ` +
        `and the browser`,
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
        `sandbox, the rest from the browser cache) and ${last.auth} authorise/token ` +
        `requests (CORS preflights not counted)`,
    };
  },
};

export const LAUNCH_BENCHMARKS: readonly Benchmark[] = [
  launchRatio,
  launchRatioWarm,
  launchFrameworkFloor,
  launchLatency,
  launchRequests,
];

if (process.argv[1]?.endsWith('bench-launch.ts')) {
  void (async () => {
    const { formatReport, runBenchmarks } = await import('./lib/bench-harness');
    process.stdout.write(formatReport(await runBenchmarks(LAUNCH_BENCHMARKS)));
  })();
}
