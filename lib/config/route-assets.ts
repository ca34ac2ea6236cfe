/**
 * The static files the workspace route (`/assessment`) loads — its first-load scripts and stylesheet and the chunks it
 * imports on demand (the workspace itself, the note panel) — so `/launch` can ask the browser to prefetch them while
 * it waits for the EHR (discovery, the authorisation redirect). On a first launch of the day they then come from the
 * HTTP cache instead of being downloaded after the redirect (issue 13).
 *
 * Server and build tooling only (node:fs): `/launch` (app/launch/route.ts) and the build step that adds V8's compile
 * hints to the same scripts (scripts/lib/compile-hints.ts).
 *
 * Read from the build's own manifests, once per process. They are Next.js build output, not a public API: anything
 * unexpected yields an empty list (no hints, nothing breaks), and the launch e2e test checks the hints cover every
 * script the `/assessment` page loads, so an upgrade that changes the format fails a test rather than a launch.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { runInNewContext } from 'node:vm';

const ROUTE = 'assessment';

function readJson(file: string): unknown {
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as unknown) : undefined;
}

const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];

/** The same list for the build in `<root>/<distDir>`; throws when a manifest is unreadable. */
export function collectAssessmentAssets(root: string, distDir: string): string[] {
  const dir = path.join(root, distDir, 'server', 'app', ROUTE);
  const files: string[] = [];
  const build = readJson(path.join(dir, 'page', 'build-manifest.json')) as { rootMainFiles?: unknown } | undefined;
  files.push(...strings(build?.rootMainFiles));
  // `globalThis.__RSC_MANIFEST["/assessment/page"] = {…}`: the route's entry scripts and stylesheets.
  const reference = path.join(dir, 'page_client-reference-manifest.js');
  if (existsSync(reference)) {
    // Our own build output, evaluated in an empty context (it only assigns a JSON object to a global).
    const context: { __RSC_MANIFEST?: Record<string, unknown> } = {};
    runInNewContext(readFileSync(reference, 'utf8'), context, { timeout: 1000 });
    const manifest = (context.__RSC_MANIFEST?.[`/${ROUTE}/page`] ?? {}) as {
      entryJSFiles?: unknown;
      entryCSSFiles?: unknown;
    };
    for (const list of Object.values((manifest.entryJSFiles ?? {}) as Record<string, unknown>)) {
      files.push(...strings(list));
    }
    for (const list of Object.values((manifest.entryCSSFiles ?? {}) as Record<string, unknown>)) {
      if (Array.isArray(list)) {
        for (const css of list as unknown[]) {
          const p = (css as { path?: unknown } | null)?.path;
          if (typeof p === 'string') files.push(p);
        }
      }
    }
  }
  // next/dynamic imports (the workspace, the note panel).
  const loadable = readJson(path.join(dir, 'page', 'react-loadable-manifest.json')) as
    Record<string, { files?: unknown }> | undefined;
  for (const entry of Object.values(loadable ?? {})) files.push(...strings(entry.files));
  return [...new Set(files)].filter((f) => /^static\/[\w./-]+\.(js|css)$/.test(f)).map((f) => `/_next/${f}`);
}

let cached: string[] | undefined;

/** `/_next/static/…` paths of the workspace route's scripts and stylesheets (empty if the build cannot be read). */
export function assessmentAssets(): string[] {
  if (!cached) {
    try {
      cached = collectAssessmentAssets(process.cwd(), process.env.NOCTURNE_DIST_DIR || '.next');
    } catch {
      cached = [];
    }
  }
  return cached;
}
