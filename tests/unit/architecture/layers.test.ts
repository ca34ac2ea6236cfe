/**
 * The layer rule holds by itself: a forbidden import written in any layer fails lint, however it is spelled
 * (`@/` alias, relative path, barrel), and no two files import each other, even through types.
 *
 * Probes are linted as text at a path inside each zone with the project's real ESLint configuration; only the
 * import rules run and the parser skips type information (the probe file does not exist on disk), so the test
 * checks exactly the zones in eslint.layers.mjs and stays fast.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { KNOWN_VIOLATIONS, MAY_IMPORT, ZONES, type Zone } from '../../../eslint.layers.mjs';
import { fileCycles, importGraph } from './import-graph';

const ROOT = path.resolve(__dirname, '..', '..', '..');

/**
 * One real module per zone that a probe can import, spelled three ways where the zone allows it: through the
 * `@/` alias, as a barrel (the folder's index), and relative to the probe.
 */
const TARGETS: Partial<Record<Zone, { file: string; barrel?: string }>> = {
  engine: { file: 'lib/engine/assessment', barrel: 'lib/engine' },
  form: { file: 'lib/form/schema' },
  mappings: { file: 'fhir-mappings/search-plan', barrel: 'fhir-mappings' },
  config: { file: 'lib/config/issuers', barrel: 'lib/config' },
  io: { file: 'lib/fhir/http', barrel: 'lib/fhir' },
  queries: { file: 'lib/queries/keys', barrel: 'lib/queries' },
  ui: { file: 'lib/ui/disclaimer' },
  app: { file: 'app/providers' },
  mocks: { file: 'mocks/handlers' },
  scripts: { file: 'scripts/lib/stack' },
  tests: { file: 'tests/e2e/harness' },
};

/** A zone that is one file (proxy.ts) is probed as that file; a folder zone through a file inside it. */
function probeFile(zone: Zone): string {
  const where = ZONES[zone];
  return where.endsWith('.ts') ? path.join(ROOT, where) : path.join(ROOT, where, '__layer-probe__.ts');
}

function probeDir(zone: Zone): string {
  return path.dirname(probeFile(zone));
}

function specifiers(from: Zone, to: Zone): string[] {
  const target = TARGETS[to];
  if (!target) return [];
  const relative = path.relative(probeDir(from), path.join(ROOT, target.file)).split(path.sep).join('/');
  const out = [`@/${target.file}`, relative.startsWith('.') ? relative : `./${relative}`];
  if (target.barrel && existsSync(path.join(ROOT, target.barrel, 'index.ts'))) out.push(`@/${target.barrel}`);
  return out;
}

const eslint = new ESLint({
  cwd: ROOT,
  ruleFilter: ({ ruleId }) => ruleId === 'import-x/no-restricted-paths',
  overrideConfig: { languageOptions: { parserOptions: { projectService: false, project: null } } },
});

async function layerErrors(zone: Zone, imports: readonly string[]): Promise<string[]> {
  const code = imports.map((s, i) => `import * as m${i} from '${s}';\nexport const e${i} = m${i};\n`).join('');
  const [result] = await eslint.lintText(code, { filePath: probeFile(zone) });
  return (result?.messages ?? []).map((m) => `${m.ruleId ?? 'parse'}: ${m.message}`);
}

const ALL = Object.keys(ZONES) as Zone[];

describe('layer boundaries (eslint.layers.mjs)', () => {
  for (const zone of ALL) {
    const forbidden = ALL.filter((z) => z !== zone && !MAY_IMPORT[zone].includes(z) && TARGETS[z]);
    const allowed = ALL.filter((z) => z !== zone && MAY_IMPORT[zone].includes(z) && TARGETS[z]);

    if (forbidden.length === 0) continue; // tests may import every layer
    it(`${zone} (${ZONES[zone]}): every forbidden import fails lint, however it is spelled`, async () => {
      const imports = forbidden.flatMap((to) => specifiers(zone, to));
      const errors = await layerErrors(zone, imports);
      // One error per import, each from the layer rule (never a parse error standing in for one).
      expect(errors).toHaveLength(imports.length);
      for (const e of errors) expect(e).toMatch(/^import-x\/no-restricted-paths: .*Layer rule/);
    }, 30_000);

    if (allowed.length > 0) {
      it(`${zone}: the imports it may make pass`, async () => {
        const errors = await layerErrors(
          zone,
          allowed.flatMap((to) => specifiers(zone, to)),
        );
        expect(errors).toEqual([]);
      }, 30_000);
    }
  }

  /**
   * The edges the architecture forbids, stated independently of the matrix, so loosening MAY_IMPORT by mistake
   * fails here (issue 8: the engine is pure, mappings never fetch, IO never builds, UI never calls IO).
   */
  const MUST_FAIL: readonly [Zone, string][] = [
    ['engine', '@/fhir-mappings'],
    ['engine', '@/lib/fhir/http'],
    ['engine', '../queries/keys'],
    ['engine', '@/lib/ui/disclaimer'],
    ['mappings', '@/lib/fhir/http'],
    ['mappings', '@/lib/queries'],
    ['io', '@/fhir-mappings/write-back'],
    ['io', '@/lib/engine/facts'],
    ['io', '../queries/keys'],
    ['ui', '@/lib/fhir/http'],
    ['ui', '@/fhir-mappings/write-back/build'],
    ['queries', '@/lib/ui/disclaimer'],
    ['mocks', '@/lib/queries/keys'],
    ['scripts', '../tests/e2e/harness'],
    ['core', '@/lib/engine'],
  ];
  it.each(MUST_FAIL)('%s may never import %s', async (zone, specifier) => {
    const errors = await layerErrors(zone, [specifier]);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^import-x\/no-restricted-paths: /);
  });

  it('every known violation is still needed (the list only shrinks)', async () => {
    for (const { file } of KNOWN_VIOLATIONS) {
      const full = path.join(ROOT, file);
      expect(existsSync(full), `${file} is listed but does not exist`).toBe(true);
      // The same code at a sibling path (same relative imports) gets the zone's rule without the exemption.
      const [result] = await eslint.lintText(readFileSync(full, 'utf8'), {
        filePath: path.join(path.dirname(full), `__layer-probe__${path.extname(full)}`),
      });
      const errors = (result?.messages ?? []).filter((m) => m.ruleId === 'import-x/no-restricted-paths');
      expect(errors.length, `${file} no longer breaks the layer rule: remove it from KNOWN_VIOLATIONS`).toBeGreaterThan(
        0,
      );
    }
  }, 60_000);
});

/**
 * Cycles that exist today, each removed by the track that owns its files (issue 8). The test fails when a listed
 * cycle is gone, so the list cannot go stale.
 */
const KNOWN_CYCLES: readonly (readonly string[])[] = [];

describe('no file cycles (type imports and re-exports included)', () => {
  it('no two files import each other, directly or through others', () => {
    const cycles = fileCycles(importGraph(ROOT)).map((c) => c.map((f) => path.relative(ROOT, f)));
    const known = new Set(KNOWN_CYCLES.map((c) => [...c].sort().join(' ↔ ')));
    const found = cycles.map((c) => c.join(' ↔ '));
    expect(found.filter((c) => !known.has(c))).toEqual([]);
    expect(
      [...known].filter((c) => !found.includes(c)),
      'listed cycles that are gone: remove them',
    ).toEqual([]);
  }, 30_000);
});
