// @ts-check
/**
 * The layer rule, as data: which folder (zone) may import which. `eslint.config.mjs` turns it into
 * `import-x/no-restricted-paths` zones, which resolve every import to a file first (aliases like `@/lib/fhir`,
 * barrels like `@/fhir-mappings`, relative paths like `../queries` alike), so a rule cannot be dodged by spelling
 * the import differently. `tests/unit/architecture/layers.test.ts` proves it by linting a forbidden import written
 * in every zone.
 *
 * Why these edges (README "How it is built"): data flows one way, FHIR server → IO → mappings → engine → UI, and
 * each layer only knows the ones below it. `lib/core` is vocabulary every layer shares (problem kinds, the SMART
 * scope grammar, time units); it imports nothing from the project, so it can never pull a layer in.
 */

/** Zone name → folder (or file) relative to the repository root. */
export const ZONES = {
  core: 'lib/core',
  engine: 'lib/engine',
  form: 'lib/form',
  mappings: 'fhir-mappings',
  config: 'lib/config',
  io: 'lib/fhir',
  queries: 'lib/queries',
  ui: 'lib/ui',
  app: 'app',
  proxy: 'proxy.ts',
  mocks: 'mocks',
  scripts: 'scripts',
  tests: 'tests',
};

/** @typedef {keyof typeof ZONES} Zone */

/**
 * Who may import whom (besides itself). Everything not listed is forbidden.
 * - engine ↔ form: the engine reads the form's schema types and the form's questions name engine concepts; file
 *   cycles between them are still caught by `import-x/no-cycle`.
 * - io (lib/fhir) knows HTTP, SMART and configuration, never domain facts or builders: the data hooks join them.
 * - ui renders domain objects and calls hooks; it never calls IO or builds FHIR resources itself.
 * - app is the composition root for routes: hooks, UI, configuration and the launch (IO), nothing it could do
 *   through a hook.
 * - mocks (sandbox, store, personas) may use the app's vocabulary and mappings, never the app's IO or UI.
 * - scripts (CLI, benchmarks, start) may use anything but tests; tests may use anything.
 * @type {Record<Zone, Zone[]>}
 */
export const MAY_IMPORT = {
  core: [],
  engine: ['core', 'form'],
  form: ['core', 'engine'],
  mappings: ['core', 'engine', 'form'],
  config: ['core'],
  io: ['core', 'config'],
  queries: ['core', 'engine', 'form', 'mappings', 'config', 'io'],
  ui: ['core', 'engine', 'form', 'config', 'queries'],
  app: ['core', 'engine', 'form', 'config', 'io', 'queries', 'ui'],
  proxy: ['core', 'config'],
  mocks: ['core', 'engine', 'form', 'mappings', 'config'],
  scripts: ['core', 'engine', 'form', 'mappings', 'config', 'io', 'queries', 'mocks'],
  tests: ['core', 'engine', 'form', 'mappings', 'config', 'io', 'queries', 'ui', 'app', 'proxy', 'mocks', 'scripts'],
};

/**
 * Today's known breaks of the rule, each allowed for one file only until the track that owns the file removes
 * it (issue 8). The list only shrinks; `layers.test.ts` fails if it names a file that no longer needs it.
 * @type {{ file: string, may: Zone[] }[]}
 */
export const KNOWN_VIOLATIONS = [
  // Configuration validates NOCTURNE_LOCAL_CODES against the reviewed value sets at start-up.
  { file: 'lib/config/config.ts', may: ['mappings'] },
];

/** @param {Zone} zone @param {Zone[]} extra */
function forbiddenFor(zone, extra = []) {
  const allowed = new Set([zone, ...MAY_IMPORT[zone], ...extra]);
  return /** @type {Zone[]} */ (Object.keys(ZONES)).filter((z) => !allowed.has(z));
}

/**
 * `import-x/no-restricted-paths` zones for one target zone (or one exempted file in it).
 * @param {Zone} zone @param {string} [target] @param {Zone[]} [extra]
 */
function zonesFor(zone, target = `./${ZONES[zone]}`, extra = []) {
  return forbiddenFor(zone, extra).map((from) => ({
    target,
    from: `./${ZONES[from]}`,
    message: `Layer rule: ${zone} (${ZONES[zone]}) must not import ${from} (${ZONES[from]}). See eslint.layers.mjs.`,
  }));
}

/** The rule options for the whole repository (known violations excluded). */
export function layerZones() {
  return /** @type {Zone[]} */ (Object.keys(ZONES)).flatMap((zone) => zonesFor(zone));
}

/** Per-file overrides for the known violations: the file's own zone rule plus the one exempted edge. */
export function knownViolationOverrides() {
  return KNOWN_VIOLATIONS.map(({ file, may }) => {
    const zone = /** @type {Zone} */ (
      Object.keys(ZONES).find((z) => file === ZONES[z] || file.startsWith(`${ZONES[z]}/`))
    );
    return {
      files: [file],
      rules: { 'import-x/no-restricted-paths': ['error', { zones: zonesFor(zone, `./${file}`, may) }] },
    };
  });
}
