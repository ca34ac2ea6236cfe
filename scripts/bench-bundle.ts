/**
 * Bundle-size benchmarks (issue 4, Engineering): the first-load JavaScript of the workspace page (`/assessment`)
 * and of the landing page (`/`), gzipped, from a production build.
 *
 * Why measured from the served HTML and not from Next's manifests: Next 16's `next build` no longer prints sizes,
 * and its manifests (build-manifest, client reference manifests, Turbopack chunk lists) change shape between
 * versions. What the browser must download before the page can hydrate is exactly the `<script src>` list in the
 * HTML `next start` serves, so that is what we sum — each chunk once, except `<script nomodule>` (legacy
 * polyfills that no browser with ES modules fetches; reported separately), gzipped at Node's default level (a server's
 * gzip or brotli is usually a little smaller). Chunks loaded later with `import()` / `next/dynamic` (note panel,
 * fhirclient) are not first-load and not counted.
 *
 * Standalone: `npx tsx scripts/bench-bundle.ts`; `NOCTURNE_DIST_DIR` picks the build (built when sources changed).
 */
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Benchmark, BenchMeasurement, BenchSkip } from './lib/bench-harness';
import { startStack } from './lib/stack';

/** Issue 4: the workspace page's first-load JavaScript budget, gzipped. */
const BUDGET_KB = 200;
const ROUTES = ['/assessment', '/'] as const;
type Route = (typeof ROUTES)[number];

interface Chunk {
  readonly src: string;
  readonly noModule: boolean;
  readonly raw: number;
  readonly gzip: number;
}

interface RouteFigures {
  /** The chunks a modern browser downloads before hydrating (every `<script src>` except `nomodule`). */
  readonly chunks: readonly Chunk[];
  readonly raw: number;
  readonly gzip: number;
  /** `<script nomodule>` chunks (Next's legacy polyfills): fetched only by browsers without ES modules. */
  readonly legacy: readonly Chunk[];
}

type BundleFigures = Readonly<Record<Route, RouteFigures>>;

let measured: Promise<BundleFigures | BenchSkip> | undefined;

/** An external script the HTML references; `noModule` ones (legacy polyfills) are skipped by modern browsers. */
export interface ScriptRef {
  readonly src: string;
  readonly noModule: boolean;
}

/** Every external script the HTML references, in document order, without duplicates. */
export function scriptSources(html: string): ScriptRef[] {
  const out: ScriptRef[] = [];
  for (const match of html.matchAll(/<script\b([^>]*)>/gi)) {
    const attrs = match[1] ?? '';
    const src = /\bsrc="([^"]+)"/i.exec(attrs)?.[1]?.replace(/&amp;/g, '&');
    if (src && !out.some((s) => s.src === src)) out.push({ src, noModule: /\bnomodule\b/i.test(attrs) });
  }
  return out;
}

async function measureRoute(appUrl: string, route: Route): Promise<RouteFigures> {
  const response = await fetch(new URL(route, appUrl));
  if (!response.ok) throw new Error(`GET ${route} → HTTP ${response.status}`);
  const html = await response.text();
  const sources = scriptSources(html);
  if (sources.length === 0) throw new Error(`GET ${route}: no <script src> in the HTML`);
  const chunks: Chunk[] = [];
  for (const { src, noModule } of sources) {
    const url = new URL(src, appUrl);
    if (url.origin !== new URL(appUrl).origin) throw new Error(`${route} loads a third-party script: ${url.origin}`);
    const res = await fetch(url, { headers: { 'Accept-Encoding': 'identity' } });
    if (!res.ok) throw new Error(`GET ${url.pathname} → HTTP ${res.status}`);
    const body = Buffer.from(await res.arrayBuffer());
    chunks.push({ src: url.pathname, noModule, raw: body.length, gzip: gzipSync(body).length });
  }
  const modern = chunks.filter((c) => !c.noModule);
  return {
    chunks: modern,
    raw: modern.reduce((sum, c) => sum + c.raw, 0),
    gzip: modern.reduce((sum, c) => sum + c.gzip, 0),
    legacy: chunks.filter((c) => c.noModule),
  };
}

async function measure(): Promise<BundleFigures | BenchSkip> {
  const stack = await startStack({
    ...(process.env.NOCTURNE_DIST_DIR ? { distDir: process.env.NOCTURNE_DIST_DIR } : {}),
  });
  try {
    const figures: Partial<Record<Route, RouteFigures>> = {};
    for (const route of ROUTES) figures[route] = await measureRoute(stack.appUrl, route);
    return figures as BundleFigures;
  } finally {
    await stack.close();
  }
}

function figures(): Promise<BundleFigures | BenchSkip> {
  measured ??= measure();
  return measured;
}

const kb = (bytes: number) => Math.round(bytes / 102.4) / 10;

function routeBenchmark(route: Route, id: string, label: string): Benchmark {
  return {
    id,
    label,
    goal: { target: BUDGET_KB, better: 'lower' },
    async run(): Promise<BenchMeasurement | BenchSkip> {
      const f = await figures();
      if ('skipped' in f) return f;
      const r = f[route];
      const legacyGzip = r.legacy.reduce((sum, c) => sum + c.gzip, 0);
      const largest = [...r.chunks]
        .sort((a, b) => b.gzip - a.gzip)
        .slice(0, 4)
        .map((c) => `${path.basename(c.src)} ${kb(c.gzip)}`)
        .join(', ');
      return {
        value: kb(r.gzip),
        unit: 'kB gz',
        detail:
          `${r.chunks.length} <script src> chunks in the HTML of ${route} from \`next start\`, ${kb(r.raw)} kB raw, ` +
          `gzip level 6; largest (kB gz): ${largest}. Not counted: lazy chunks (import(), next/dynamic) and ` +
          `${r.legacy.length} <script nomodule> polyfill chunk(s), ${kb(legacyGzip)} kB gz, that Chromium, Firefox ` +
          `and Safari never download (with them: ${kb(r.gzip + legacyGzip)} kB gz)`,
      };
    },
  };
}

export const bundleAssessment = routeBenchmark(
  '/assessment',
  'bundle-assessment',
  'First-load JavaScript of the workspace page /assessment (gzipped)',
);

export const bundleLanding = routeBenchmark(
  '/',
  'bundle-landing',
  'First-load JavaScript of the landing page / (gzipped)',
);

export const BUNDLE_BENCHMARKS: readonly Benchmark[] = [bundleAssessment, bundleLanding];

if (process.argv[1]?.endsWith('bench-bundle.ts')) {
  void (async () => {
    const { formatReport, runBenchmarks } = await import('./lib/bench-harness');
    process.stdout.write(formatReport(await runBenchmarks(BUNDLE_BENCHMARKS)));
  })();
}
