/**
 * A build step: V8's explicit compile hint, the magic comment `//# allFunctionsCalledOnLoad`, at the top of every
 * script a launch runs at once — the `/assessment` route's first-load scripts and the chunks it imports on demand
 * (the workspace, the note panel), the same list `/launch` prefetches (lib/config/route-assets.ts).
 *
 * Why: without it V8 compiles each function lazily, on the page's main thread, the first time it is called; a launch
 * calls most of these scripts' functions within a second (Next.js and React hydrating, the workspace's modules being
 * instantiated, mapping, the engine, the first render), and the main thread is the launch's bottleneck (issue 13:
 * the EHR's answers waited for it). With the hint Chromium compiles the whole script eagerly on a background thread
 * while it streams it in. Browsers without the feature ignore a comment. Scripts the launch does not run at once keep
 * lazy compilation (V8's advice: hint only what is needed on load). Measured side by side in README "Benchmarks".
 *
 * Idempotent, and a no-op on a build it cannot read (no manifest: nothing is hinted, nothing breaks).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { collectAssessmentAssets } from '../../lib/config/route-assets';

export const COMPILE_HINT = '//# allFunctionsCalledOnLoad';

/** Adds the hint to the launch's scripts in `<root>/<distDir>`; returns the `/_next/static/…` paths it hinted. */
export function addCompileHints(root: string, distDir: string): string[] {
  let assets: string[];
  try {
    assets = collectAssessmentAssets(root, distDir);
  } catch {
    return [];
  }
  const hinted: string[] = [];
  for (const asset of assets) {
    if (!asset.endsWith('.js')) continue;
    const file = path.join(root, distDir, asset.replace(/^\/_next\//, ''));
    if (!existsSync(file)) continue;
    const source = readFileSync(file, 'utf8');
    if (!source.startsWith(COMPILE_HINT)) {
      writeFileSync(file, `${COMPILE_HINT}\n${source}`);
      shiftSourceMap(file, source);
    }
    hinted.push(asset);
  }
  return hinted;
}

/**
 * The hint must be the file's first line, which moves the code one line down: a source map next to the script (a build
 * with `productionBrowserSourceMaps`) is moved with it, so stack traces and profiles still point at the right lines.
 */
function shiftSourceMap(file: string, source: string): void {
  const name = /\/\/# sourceMappingURL=([\w.-]+\.map)\s*$/.exec(source)?.[1];
  const mapFile = name ? path.join(path.dirname(file), name) : undefined;
  if (!mapFile || !existsSync(mapFile)) return;
  const map = JSON.parse(readFileSync(mapFile, 'utf8')) as {
    mappings?: string;
    sections?: { offset: { line: number; column: number } }[];
  };
  if (Array.isArray(map.sections)) for (const section of map.sections) section.offset.line += 1;
  else if (typeof map.mappings === 'string') map.mappings = `;${map.mappings}`;
  else return;
  writeFileSync(mapFile, JSON.stringify(map));
}
