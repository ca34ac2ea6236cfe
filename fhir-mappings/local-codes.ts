/**
 * Site configuration: local codes added to the reviewed value sets without a code change.
 *
 * Real EHRs file ABI and toe pressures as flowsheet rows with local codes (no verified LOINC exists), so
 * every site needs to add a few codes. The JSON format, keyed by value-set id:
 *
 * ```json
 * {
 *   "abi": { "codes": [{ "system": "urn:oid:1.2.3", "code": "ABI-R", "side": "right" }] },
 *   "toe-pressure": { "textPatterns": ["\\bTP\\s+hallux\\b"] },
 *   "dvt": { "icd10Prefixes": ["I82.8"] },
 *   "$options": { "minimumVerification": "single-source" }
 * }
 * ```
 *
 * `$options.minimumVerification` switches off reviewed codes below a verification level. The default,
 * `"single-source"`, drops ⚠ unverified codes (they are never silently trusted; a record they would have
 * matched is still found by name through the text patterns, or listed as a data issue); `"unverified"` opts
 * in to them (each fact then carries `verification: 'unverified'`); `"verified"` keeps only ✅ codes. Site
 * codes are always kept (the site vouches for them).
 *
 * This module is pure: `lib/config` reads the JSON from the environment variable `NOCTURNE_LOCAL_CODES`,
 * parses it and passes the value to {@link parseLocalCodes}; the result goes to `mapChart` and
 * `buildSearchPlan` as `localCodes`.
 */
import { z } from 'zod/mini';
import { ENGLISH_ISSUES } from '@/lib/core/english-issues';
import { REVIEWED_VALUE_SETS } from './value-sets';
import {
  VERIFICATION_LEVELS,
  isRegexSource,
  type ValueSet,
  type ValueSetCode,
  type Icd10Prefix,
} from './value-set-types';

const MAX_PATTERN_LENGTH = 200;

const patternSchema = z.string().check(z.minLength(1), z.maxLength(MAX_PATTERN_LENGTH), isRegexSource());

const localCodeSchema = z.strictObject({
  system: z.string().check(z.minLength(1)),
  code: z.string().check(z.minLength(1)),
  display: z.optional(z.string()),
  side: z.optional(z.enum(['left', 'right'])),
  variant: z.optional(z.enum(['FEU', 'DDU'])),
  smokingStatus: z.optional(z.enum(['current', 'former', 'never', 'unknown'])),
  history: z.optional(z.boolean()),
});

export const localValueSetExtensionSchema = z.strictObject({
  codes: z.optional(z.array(localCodeSchema)),
  icd10Prefixes: z.optional(
    z.array(z.string().check(z.regex(/^[A-Za-z][0-9A-Za-z.]*$/, 'ICD-10 prefix such as "I82.4"'))),
  ),
  textPatterns: z.optional(z.array(patternSchema)),
  /** Case-sensitive patterns, for site acronyms (`"\\bTBX\\b"`). */
  textPatternsCaseSensitive: z.optional(z.array(patternSchema)),
});
export type LocalValueSetExtension = z.infer<typeof localValueSetExtensionSchema>;

export const localCodeOptionsSchema = z.strictObject({
  /**
   * Lowest verification level of reviewed codes to use. Default `single-source`: ⚠ unverified codes are not
   * trusted unless a site opts in with `"unverified"` (their facts then carry `verification: 'unverified'`).
   */
  minimumVerification: z.optional(z.enum(VERIFICATION_LEVELS)),
});
export type LocalCodeOptions = z.infer<typeof localCodeOptionsSchema>;

/** Parsed, validated site configuration. */
export interface LocalCodeConfig {
  readonly options: LocalCodeOptions;
  readonly valueSets: Readonly<Record<string, LocalValueSetExtension>>;
}

export const EMPTY_LOCAL_CODES: LocalCodeConfig = { options: {}, valueSets: {} };

export type LocalCodesResult = { ok: true; config: LocalCodeConfig } | { ok: false; errors: string[] };

const KNOWN_IDS = new Set(REVIEWED_VALUE_SETS.map((vs) => vs.id));

/**
 * Validates a site configuration (already JSON-parsed). Never throws: every problem comes back as one
 * plain line (value-set id and field), so start-up can refuse a bad configuration with a clear message.
 */
export function parseLocalCodes(json: unknown): LocalCodesResult {
  if (json === undefined || json === null) return { ok: true, config: EMPTY_LOCAL_CODES };
  if (typeof json !== 'object' || Array.isArray(json)) {
    return { ok: false, errors: ['Local codes must be a JSON object keyed by value-set id.'] };
  }
  const errors: string[] = [];
  let options: LocalCodeOptions = {};
  const valueSets: Record<string, LocalValueSetExtension> = {};
  for (const [key, value] of Object.entries(json as Record<string, unknown>)) {
    if (key === '$options') {
      const parsed = localCodeOptionsSchema.safeParse(value, ENGLISH_ISSUES);
      if (parsed.success) options = parsed.data;
      else errors.push(...formatZodIssues('$options', parsed.error));
      continue;
    }
    if (!KNOWN_IDS.has(key)) {
      errors.push(`"${key}" is not a value-set id (known ids include abi, tbi, toe-pressure, dvt, ferritin).`);
      continue;
    }
    const parsed = localValueSetExtensionSchema.safeParse(value, ENGLISH_ISSUES);
    if (parsed.success) valueSets[key] = parsed.data;
    else errors.push(...formatZodIssues(key, parsed.error));
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, config: { options, valueSets } };
}

function formatZodIssues(prefix: string, error: z.core.$ZodError): string[] {
  return error.issues.map((issue) => {
    const path = [prefix, ...issue.path.map(String)].join('.');
    return `${path}: ${issue.message}`;
  });
}

const RANK: Readonly<Record<(typeof VERIFICATION_LEVELS)[number], number>> = {
  unverified: 0,
  'single-source': 1,
  verified: 2,
};

/** A value set after site configuration: reviewed entries (filtered by verification) plus site entries. */
export type EffectiveValueSet = ValueSet & {
  readonly localCodes: readonly ValueSetCode[];
  readonly localIcd10Prefixes: readonly Icd10Prefix[];
  readonly localTextPatterns: readonly string[];
  readonly localTextPatternsCaseSensitive: readonly string[];
  /** Reviewed codes below the verification floor: not trusted, but recognised (text fallback, data issue). */
  readonly belowFloorCodes: readonly ValueSetCode[];
  readonly belowFloorIcd10Prefixes: readonly Icd10Prefix[];
};

/** Default floor: ⚠ unverified codes are never silently trusted (guide; clinical reference marks). */
export const DEFAULT_MINIMUM_VERIFICATION = 'single-source' as const;

/**
 * Merges a site configuration into the reviewed value sets. Pure; the reviewed data is never mutated.
 * Site codes are marked `verified` for matching purposes, and listed separately so the "what do we
 * match" table can show which entries came from the site.
 */
export function mergeValueSets(config: LocalCodeConfig = EMPTY_LOCAL_CODES): readonly EffectiveValueSet[] {
  const floor = RANK[config.options.minimumVerification ?? DEFAULT_MINIMUM_VERIFICATION];
  return REVIEWED_VALUE_SETS.map((vs) => {
    const ext = config.valueSets[vs.id];
    const localCodes: ValueSetCode[] = (ext?.codes ?? []).map((code) => ({ ...code, verification: 'verified' }));
    const localIcd10Prefixes: Icd10Prefix[] = (ext?.icd10Prefixes ?? []).map((prefix) => ({
      prefix: prefix.toUpperCase(),
      verification: 'verified',
    }));
    return {
      ...vs,
      codes: vs.codes.filter((code) => RANK[code.verification] >= floor),
      icd10Prefixes: vs.icd10Prefixes.filter((prefix) => RANK[prefix.verification] >= floor),
      localCodes,
      localIcd10Prefixes,
      localTextPatterns: ext?.textPatterns ?? [],
      localTextPatternsCaseSensitive: ext?.textPatternsCaseSensitive ?? [],
      belowFloorCodes: vs.codes.filter((code) => RANK[code.verification] < floor),
      belowFloorIcd10Prefixes: vs.icd10Prefixes.filter((prefix) => RANK[prefix.verification] < floor),
    };
  });
}

/** One row of the "what do we match" table (README, settings page). */
export interface ValueSetSummary {
  readonly id: string;
  readonly title: string;
  readonly domain: ValueSet['domain'];
  readonly mapsTo: string;
  readonly purpose: string;
  readonly source: string;
  readonly codes: readonly {
    system: string;
    code: string;
    display?: string | undefined;
    verification: string;
    origin: 'reviewed' | 'site';
  }[];
  readonly icd10Prefixes: readonly { prefix: string; verification: string; origin: 'reviewed' | 'site' }[];
  readonly textPatterns: readonly string[];
  readonly textPatternsCaseSensitive: readonly string[];
  /** Reviewed codes and prefixes switched off by the verification floor (shown, not matched). */
  readonly belowFloor: readonly { code: string; verification: string }[];
}

/** The reviewed value sets (plus any site codes) as a flat list for a "what do we match" table. */
export function describeValueSets(config: LocalCodeConfig = EMPTY_LOCAL_CODES): readonly ValueSetSummary[] {
  return mergeValueSets(config).map((vs) => ({
    id: vs.id,
    title: vs.title,
    domain: vs.domain,
    mapsTo: mapsTo(vs),
    purpose: vs.purpose,
    source: vs.source,
    codes: [
      ...vs.codes.map((c) => ({ ...pick(c), origin: 'reviewed' as const })),
      ...vs.localCodes.map((c) => ({ ...pick(c), origin: 'site' as const })),
    ],
    icd10Prefixes: [
      ...vs.icd10Prefixes.map((p) => ({ prefix: p.prefix, verification: p.verification, origin: 'reviewed' as const })),
      ...vs.localIcd10Prefixes.map((p) => ({ prefix: p.prefix, verification: 'site', origin: 'site' as const })),
    ],
    textPatterns: [...vs.textPatterns, ...vs.localTextPatterns],
    textPatternsCaseSensitive: [...(vs.textPatternsCaseSensitive ?? []), ...vs.localTextPatternsCaseSensitive],
    belowFloor: [
      ...vs.belowFloorCodes.map((c) => ({ code: c.code, verification: c.verification })),
      ...vs.belowFloorIcd10Prefixes.map((p) => ({ code: p.prefix, verification: p.verification })),
    ],
  }));
}

function pick(c: ValueSetCode) {
  return { system: c.system, code: c.code, display: c.display, verification: c.verification };
}

function mapsTo(vs: ValueSet): string {
  switch (vs.domain) {
    case 'condition':
    case 'observation':
      return vs.concept;
    case 'medication':
      return vs.medClass;
    case 'procedure':
    case 'encounter':
      return vs.eventKind;
    case 'smoking-status':
    case 'smoking-answer':
      return 'smoking';
  }
}
