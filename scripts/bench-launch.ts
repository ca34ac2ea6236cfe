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
import { launchChromium, startStack } from '../tests/e2e/harness';

const LATENCY_MS = 100;
const RUNS = 5;
const PERSONA = 'Harold Whitfield';
const APP_PORT = 3201;
const SANDBOX_PORT = 4201;

interface LaunchRun {
  ms: number;
  fhir: number;
  discovery: number;
  auth: number;
  fhirPaths: string[];
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
  const runs = await launches(LATENCY_MS, RUNS);
  const baseline = await launches(0, 3);
  return { runs, baseline };
}

async function launches(latencyMs: number, count: number): Promise<LaunchRun[]> {
  const stack = await startStack({
    appPort: APP_PORT,
    sandboxPort: SANDBOX_PORT,
    ...(latencyMs ? { faults: { latencyMs } } : {}),
    ...(process.env.NOCTURNE_DIST_DIR ? { distDir: process.env.NOCTURNE_DIST_DIR } : {}),
  });
  const browser = await launchChromium();
  const runs: LaunchRun[] = [];
  try {
    for (let i = 0; i < count + 1; i++) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(stack.sandboxUrl);
      const button = page.getByRole('button', { name: new RegExp(`Launch Nocturne for ${PERSONA}`) });
      await button.waitFor();
      const seen: string[] = [];
      page.on('request', (r) => {
        if (r.url().startsWith(stack.sandboxUrl)) seen.push(new URL(r.url()).pathname);
      });
      const t0 = performance.now();
      await button.click();
      await page.waitForFunction(
        () => document.querySelector('[data-testid="abi-abi-right"]')?.textContent?.includes('0.45') ?? false,
        undefined,
        { timeout: 30_000, polling: 'raf' },
      );
      const ms = performance.now() - t0;
      const fhirPaths = seen.filter((p) => p.startsWith('/fhir/') && !p.includes('.well-known'));
      if (i > 0) {
        runs.push({
          ms,
          fhir: fhirPaths.length,
          discovery: seen.filter((p) => p.includes('.well-known')).length,
          auth: seen.filter((p) => p.startsWith('/auth/') || p.startsWith('/launch/')).length,
          fhirPaths,
        });
      }
      await context.close();
    }
  } finally {
    await browser.close();
    await stack.close();
  }
  return runs;
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
    return {
      value: Math.round(median(ms)),
      unit: 'ms',
      detail:
        `median of ${ms.length} launches after a warm-up (range ${Math.round(Math.min(...ms))}–${Math.round(Math.max(...ms))} ms), ` +
        `production build in Chromium, persona ${PERSONA}. With no added latency the same launch takes ` +
        `${Math.round(median(base))} ms on this machine (page loads, hydration, mapping, engine, rendering), so the ` +
        `latency costs ${Math.round(median(ms) - median(base))} ms = ` +
        `${((median(ms) - median(base)) / LATENCY_MS).toFixed(1)} round trips (≤ 4 means no request waterfall)`,
    };
  },
};

export const launchRequests: Benchmark = {
  id: 'launch-requests',
  label: 'FHIR data requests per launch',
  goal: { target: 8, better: 'lower' },
  async run(): Promise<BenchMeasurement | BenchSkip> {
    const f = await figures();
    if ('skipped' in f) return f;
    const last = f.runs[f.runs.length - 1];
    if (!last) return { skipped: 'no launch measured' };
    return {
      value: last.fhir,
      unit: 'requests',
      detail:
        `${last.fhirPaths.join(', ')}; plus ${last.discovery} discovery and ${last.auth} launch/authorise/token ` +
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
