/**
 * The build step that adds V8's compile hint to the launch's scripts (scripts/lib/compile-hints.ts), on a miniature
 * build output: which files it touches, that it is idempotent, and that source maps move with the code.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { COMPILE_HINT, addCompileHints } from '@/scripts/lib/compile-hints';
import { runProductionBuild } from '@/scripts/lib/production-build';

let root: string | undefined;

afterEach(() => {
  if (root) rmSync(root, { recursive: true, force: true });
  root = undefined;
});

function fakeBuild(): string {
  root = mkdtempSync(path.join(tmpdir(), 'nocturne-hints-'));
  const page = path.join(root, '.next', 'server', 'app', 'assessment', 'page');
  const chunks = path.join(root, '.next', 'static', 'chunks');
  mkdirSync(page, { recursive: true });
  mkdirSync(chunks, { recursive: true });
  writeFileSync(path.join(page, 'build-manifest.json'), JSON.stringify({ rootMainFiles: ['static/chunks/main.js'] }));
  writeFileSync(
    path.join(page, 'react-loadable-manifest.json'),
    JSON.stringify({ 1: { id: 1, files: ['static/chunks/workspace.js', 'static/chunks/app.css'] } }),
  );
  writeFileSync(path.join(chunks, 'main.js'), 'main();\n//# sourceMappingURL=m1.js.map');
  writeFileSync(path.join(chunks, 'm1.js.map'), JSON.stringify({ version: 3, sources: ['a.ts'], mappings: 'AAAA' }));
  writeFileSync(path.join(chunks, 'workspace.js'), 'workspace();\n//# sourceMappingURL=w1.js.map');
  writeFileSync(
    path.join(chunks, 'w1.js.map'),
    JSON.stringify({ version: 3, sections: [{ offset: { line: 0, column: 0 }, map: { mappings: 'AAAA' } }] }),
  );
  writeFileSync(path.join(chunks, 'landing.js'), 'landing();');
  writeFileSync(path.join(chunks, 'app.css'), 'body{}');
  return root;
}

const read = (dir: string, file: string) => readFileSync(path.join(dir, '.next', 'static', 'chunks', file), 'utf8');

describe('addCompileHints', () => {
  it('hints exactly the launch’s scripts — the route’s first-load and on-demand chunks — and nothing else', () => {
    const dir = fakeBuild();
    expect(addCompileHints(dir, '.next')).toEqual([
      '/_next/static/chunks/main.js',
      '/_next/static/chunks/workspace.js',
    ]);
    expect(read(dir, 'main.js')).toBe(`${COMPILE_HINT}\nmain();\n//# sourceMappingURL=m1.js.map`);
    expect(read(dir, 'workspace.js').startsWith(`${COMPILE_HINT}\n`)).toBe(true);
    expect(read(dir, 'landing.js')).toBe('landing();');
    expect(read(dir, 'app.css')).toBe('body{}');
  });

  it('moves each source map one line down with its code (flat and sectioned maps), once', () => {
    const dir = fakeBuild();
    addCompileHints(dir, '.next');
    addCompileHints(dir, '.next'); // a second run changes nothing
    expect(read(dir, 'main.js').split(COMPILE_HINT)).toHaveLength(2);
    expect(JSON.parse(read(dir, 'm1.js.map'))).toMatchObject({ mappings: ';AAAA' });
    expect(JSON.parse(read(dir, 'w1.js.map'))).toMatchObject({ sections: [{ offset: { line: 1, column: 0 } }] });
  });

  it('does nothing on a build it cannot read', () => {
    root = mkdtempSync(path.join(tmpdir(), 'nocturne-hints-'));
    expect(addCompileHints(root, '.next')).toEqual([]);
  });
});

describe('runProductionBuild', () => {
  it('hints the launch’s scripts after a successful next build, and touches nothing after a failed one', () => {
    const dir = fakeBuild();
    expect(runProductionBuild(dir, '.next', () => false)).toBeUndefined();
    expect(read(dir, 'main.js').startsWith(COMPILE_HINT)).toBe(false);
    expect(runProductionBuild(dir, '.next', () => true)).toEqual([
      '/_next/static/chunks/main.js',
      '/_next/static/chunks/workspace.js',
    ]);
  });
});
