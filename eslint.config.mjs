// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';
import reactHooks from 'eslint-plugin-react-hooks';
import nextPlugin from '@next/eslint-plugin-next';
import importX from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import pluginQuery from '@tanstack/eslint-plugin-query';
import { knownViolationOverrides, layerZones } from './eslint.layers.mjs';

/**
 * Layering is enforced twice: which *folders* may import which is `import-x/no-restricted-paths` over resolved
 * files (the zones and their reasons are in eslint.layers.mjs), and which *packages* a layer may use is
 * `no-restricted-imports` below (the engine is pure, only lib/fhir touches fhirclient or the network).
 *
 * Classic `zod` is refused in every folder the browser loads: it is one object with every method on every schema,
 * so none of its ≈ 110 kB of script is tree-shaken, and the workspace loaded it on every launch (issue 13).
 * `zod/mini` is the same validator with functions a bundler drops when unused (`zod/v4` and `zod/v3` are classic
 * too). The one file allowed classic zod is the server's environment check, whose chained transforms read best in it:
 * only server code imports it at run time (the root layout, lib/config/server.ts); client components import its
 * types.
 */
const CLASSIC_ZOD = ['zod', 'zod/v4', 'zod/v3'].map((name) => ({
  name,
  message: "Use 'zod/mini' (tree-shaken; classic zod adds ≈ 50 kB to the workspace's script). See eslint.config.mjs.",
}));
const restrict = (patterns = []) => ({ 'no-restricted-imports': ['error', { paths: CLASSIC_ZOD, patterns }] });
const BROWSER_FOLDERS = ['app/**/*.{ts,tsx}', 'lib/**/*.{ts,tsx}', 'fhir-mappings/**/*.ts'];
const SERVER_ONLY_CLASSIC_ZOD = ['lib/config/config.ts'];

export default tseslint.config(
  { ignores: ['node_modules/**', '.next*/**', 'test-results/**', 'coverage/**', 'next-env.d.ts', 'mocks/fixtures/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    files: ['**/*.{ts,tsx,mts}'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.json' })],
    },
    rules: {
      'import-x/no-restricted-paths': ['error', { zones: layerZones() }],
      // A file cycle makes the layer order meaningless within a folder; type-only imports are erased and
      // cannot form a runtime cycle.
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
    },
  },
  ...knownViolationOverrides(),
  { files: BROWSER_FOLDERS, ignores: SERVER_ONLY_CLASSIC_ZOD, rules: restrict() },
  ...pluginQuery.configs['flat/recommended'],
  {
    files: ['**/*.tsx'],
    plugins: { 'react-hooks': reactHooks, '@next/next': nextPlugin },
    rules: { ...reactHooks.configs.recommended.rules, ...nextPlugin.configs.recommended.rules },
  },
  {
    files: ['lib/engine/**/*.ts'],
    rules: restrict([
      {
        group: ['react', 'react-dom', 'next', 'next/*', 'fhirclient', 'fhirclient/*', 'fhir/*', '@medplum/*'],
        message: 'lib/engine is pure: no UI, no FHIR, no IO.',
      },
      {
        group: [
          '**/fhir-mappings/**',
          '**/lib/fhir/**',
          '**/lib/queries/**',
          '**/lib/ui/**',
          '**/app/**',
          '**/mocks/**',
        ],
        message: 'lib/engine imports only itself and lib/form.',
      },
      { group: ['node:*', 'fs', 'path', 'http', 'https'], message: 'lib/engine does no IO.' },
    ]),
  },
  {
    files: ['fhir-mappings/**/*.ts'],
    rules: restrict([
      {
        group: [
          'fhirclient',
          'fhirclient/*',
          'react',
          'next',
          'next/*',
          '**/lib/fhir/**',
          '**/lib/queries/**',
          '**/app/**',
        ],
        message: 'fhir-mappings never fetches and has no UI.',
      },
    ]),
  },
  {
    files: ['lib/ui/**/*.{ts,tsx}', 'app/**/*.{ts,tsx}', 'lib/queries/**/*.{ts,tsx}'],
    rules: restrict([{ group: ['fhirclient', 'fhirclient/*'], message: 'Only lib/fhir imports fhirclient.' }]),
  },
  {
    files: ['scripts/**', 'mocks/**', 'tests/**'],
    rules: { 'no-console': 'off' },
  },
  {
    files: ['**/*.{js,mjs,cjs}'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      parserOptions: { projectService: false, program: null, project: false },
      globals: {
        process: 'readonly',
        console: 'readonly',
        module: 'writable',
        require: 'readonly',
        __dirname: 'readonly',
      },
    },
  },
  prettier,
);
