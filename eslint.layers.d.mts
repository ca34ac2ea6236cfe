/** Types of eslint.layers.mjs (a plain ES module, because ESLint loads it), for the architecture tests. */
export declare const ZONES: {
  readonly core: string;
  readonly engine: string;
  readonly form: string;
  readonly mappings: string;
  readonly config: string;
  readonly io: string;
  readonly queries: string;
  readonly ui: string;
  readonly app: string;
  readonly proxy: string;
  readonly mocks: string;
  readonly scripts: string;
  readonly tests: string;
};
export type Zone = keyof typeof ZONES;
export declare const MAY_IMPORT: Readonly<Record<Zone, readonly Zone[]>>;
export declare const KNOWN_VIOLATIONS: readonly { readonly file: string; readonly may: readonly Zone[] }[];
export declare function layerZones(): { target: string; from: string; message: string }[];
export declare function knownViolationOverrides(): { files: string[]; rules: Record<string, unknown> }[];
