/**
 * Classic `zod` stays out of every folder the browser loads (eslint.config.mjs, issue 13): one import of it would
 * bring back its ≈ 110 kB of untree-shakable script to the workspace. Probes are linted as text at paths inside each
 * folder with the project's real ESLint configuration, only `no-restricted-imports` running.
 */
import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const BROWSER_FILES = [
  'app/__probe__.tsx',
  'app/assessment/__probe__.ts',
  'lib/engine/__probe__.ts',
  'lib/form/__probe__.ts',
  'lib/fhir/__probe__.ts',
  'lib/queries/__probe__.ts',
  'lib/ui/__probe__.tsx',
  'lib/config/__probe__.ts',
  'lib/core/__probe__.ts',
  'fhir-mappings/__probe__.ts',
  'fhir-mappings/schemas/__probe__.ts',
];

const eslint = new ESLint({
  cwd: ROOT,
  ruleFilter: ({ ruleId }) => ruleId === 'no-restricted-imports',
  overrideConfig: { languageOptions: { parserOptions: { projectService: false, project: null } } },
});

async function errors(code: string, file: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, file) });
  return (result?.messages ?? []).map((m) => m.message);
}

describe('zod flavour', () => {
  it.each(BROWSER_FILES)('%s: classic zod fails lint, zod/mini passes', async (file) => {
    for (const classic of ['zod', 'zod/v4', 'zod/v3']) {
      expect(
        (await errors(`import { z } from '${classic}';\nexport const s = z.string();\n`, file)).join('\n'),
      ).toMatch(/Use 'zod\/mini'/);
    }
    expect(await errors("import type { z } from 'zod';\nexport type S = z.ZodString;\n", file)).not.toEqual([]);
    expect(await errors("import { z } from 'zod/mini';\nexport const s = z.string();\n", file)).toEqual([]);
  });

  it('the server-only environment check, scripts and tests may use classic zod', async () => {
    for (const file of ['lib/config/config.ts', 'scripts/__probe__.ts', 'tests/unit/__probe__.test.ts']) {
      expect(await errors("import { z } from 'zod';\nexport const s = z.string();\n", file)).toEqual([]);
    }
  });
});
