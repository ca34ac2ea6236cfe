/**
 * Code matching, compiled once per configuration.
 *
 * Rule (clinical reference §0.3): code set first, then ICD-10 prefix, then free text. Text is only
 * consulted when no code matched, because text is the least reliable signal. All regular expressions are
 * compiled here, once per site configuration (cached by object identity), so mapping an 869-Observation
 * chart never compiles a pattern per resource.
 */
import { isIcd10System, normaliseSystem } from './code-systems';
import { EMPTY_LOCAL_CODES, mergeValueSets, type EffectiveValueSet, type LocalCodeConfig } from './local-codes';
import type { FactProvenance } from '@/lib/engine/facts';
import type { Icd10Prefix, ValueSet, ValueSetCode, ValueSetDomain, Verification } from './value-set-types';

/** A coding as read from FHIR: any part may be absent (zod's optional fields are `T | undefined`). */
export interface CodingLike {
  readonly system?: string | undefined;
  readonly code?: string | undefined;
  readonly display?: string | undefined;
}

export interface MatchHit<D extends ValueSetDomain = ValueSetDomain> {
  readonly valueSet: Extract<EffectiveValueSet, { domain: D }>;
  readonly by: 'code' | 'icd10-prefix' | 'text';
  readonly code?: ValueSetCode;
  readonly prefix?: Icd10Prefix;
  /** What matched, for provenance. */
  readonly matched: NonNullable<FactProvenance['matched']>;
  /** The matched code or prefix itself means "history of". */
  readonly history: boolean;
  /** Verification mark of the matched code or prefix; undefined for text matches. */
  readonly verification?: Verification;
  /** The matched code is a complication that implies the concept (value-set `implies` / `impliesExcept`). */
  readonly implied: boolean;
}

interface TextRule {
  readonly valueSet: EffectiveValueSet;
  readonly include: readonly RegExp[];
  readonly exclude: readonly RegExp[];
}

interface CompiledDomain {
  readonly codes: Map<string, { valueSet: EffectiveValueSet; code: ValueSetCode }[]>;
  readonly prefixes: readonly { norm: string; valueSet: EffectiveValueSet; prefix: Icd10Prefix }[];
  /** Reviewed codes below the site's verification floor: never a match, but they send the set to text. */
  readonly belowFloorCodes: Map<string, EffectiveValueSet[]>;
  readonly belowFloorPrefixes: readonly { norm: string; valueSet: EffectiveValueSet }[];
  readonly text: readonly TextRule[];
  readonly textById: ReadonlyMap<string, TextRule>;
  /**
   * Union of every include pattern (one case-insensitive, one case-sensitive): one cheap test rejects most
   * texts before the per-set loop. Empty when the domain has no text patterns.
   */
  readonly anyText: readonly RegExp[];
}

export interface Matchers {
  readonly valueSets: readonly EffectiveValueSet[];
  readonly byId: ReadonlyMap<string, EffectiveValueSet>;
  readonly domains: Readonly<Record<ValueSetDomain, CompiledDomain>>;
  /** Condition text that vetoes any text match: family history, ruled out, negated findings. */
  readonly conditionTextVeto: RegExp;
  /** Condition text meaning "history of" (any value set). */
  readonly historyText: RegExp;
  readonly historyTextBySet: ReadonlyMap<string, RegExp>;
  readonly smokingAnswerText: readonly { status: 'current' | 'former' | 'never' | 'unknown'; re: RegExp }[];
  /**
   * Results by (domain, codings, texts). A long chart repeats the same few dozen codes hundreds of times
   * (869 Observations, ~50 distinct codes), so each distinct code is matched once per configuration.
   */
  readonly memo: Map<string, readonly MatchHit[]>;
}

const MEMO_LIMIT = 20_000;

/**
 * Free text that must never produce a condition fact: it describes a relative, a negative finding or a
 * diagnosis that was considered and dismissed. Reviewed with the clinical reference §2 ("family history of
 * DVT" is not the patient's DVT).
 */
const CONDITION_TEXT_VETO = [
  'family\\s+(history|hx)',
  '\\bfh\\s+of\\b',
  'ruled\\s+out',
  'rule\\s+out',
  '\\br/o\\b',
  'no\\s+evidence\\s+of',
  'negative\\s+for',
  'screening\\s+for',
  '\\bdenies\\b',
];

/** Text meaning the condition is past, for any value set. */
const HISTORY_TEXT = [
  'history\\s+of',
  '\\bh/o\\b',
  '\\bhx\\s+of\\b',
  'personal\\s+history',
  '\\bs/p\\b',
  'status\\s+post',
];

const DOMAINS: readonly ValueSetDomain[] = [
  'condition',
  'observation',
  'medication',
  'smoking-status',
  'smoking-answer',
  'procedure',
  'encounter',
];

const cache = new WeakMap<LocalCodeConfig, Matchers>();

/** Compiled matchers for a configuration; cached, so callers may ask on every call. */
export function getMatchers(config: LocalCodeConfig = EMPTY_LOCAL_CODES): Matchers {
  const hit = cache.get(config);
  if (hit) return hit;
  const compiled = compile(mergeValueSets(config));
  cache.set(config, compiled);
  return compiled;
}

function codeKey(system: string | undefined, code: string): string {
  return `${normaliseSystem(system)}|${code.trim()}`;
}

/** ICD-10 codes and prefixes compared without dots and case: `I82.40` and `i8240` are the same code. */
export function normaliseIcd10(code: string): string {
  return code.replace(/\./g, '').trim().toUpperCase();
}

function compile(valueSets: readonly EffectiveValueSet[]): Matchers {
  const domains = {} as Record<ValueSetDomain, CompiledDomain>;
  for (const domain of DOMAINS) {
    const codes = new Map<string, { valueSet: EffectiveValueSet; code: ValueSetCode }[]>();
    const prefixes: { norm: string; valueSet: EffectiveValueSet; prefix: Icd10Prefix }[] = [];
    const belowFloorCodes = new Map<string, EffectiveValueSet[]>();
    const belowFloorPrefixes: { norm: string; valueSet: EffectiveValueSet }[] = [];
    const text: TextRule[] = [];
    const insensitive: string[] = [];
    const sensitive: string[] = [];
    for (const vs of valueSets) {
      if (vs.domain !== domain) continue;
      for (const code of [...vs.codes, ...vs.localCodes]) {
        const key = codeKey(code.system, code.code);
        const list = codes.get(key) ?? [];
        list.push({ valueSet: vs, code });
        codes.set(key, list);
      }
      for (const prefix of [...vs.icd10Prefixes, ...vs.localIcd10Prefixes]) {
        prefixes.push({ norm: normaliseIcd10(prefix.prefix), valueSet: vs, prefix });
      }
      for (const code of vs.belowFloorCodes) {
        const key = codeKey(code.system, code.code);
        belowFloorCodes.set(key, [...(belowFloorCodes.get(key) ?? []), vs]);
      }
      for (const prefix of vs.belowFloorIcd10Prefixes) {
        belowFloorPrefixes.push({ norm: normaliseIcd10(prefix.prefix), valueSet: vs });
      }
      const ci = [...vs.textPatterns, ...vs.localTextPatterns];
      const cs = [...(vs.textPatternsCaseSensitive ?? []), ...vs.localTextPatternsCaseSensitive];
      if (ci.length + cs.length > 0) {
        text.push({
          valueSet: vs,
          include: [...ci.map((p) => new RegExp(p, 'i')), ...cs.map((p) => new RegExp(p))],
          exclude: (vs.excludeTextPatterns ?? []).map((p) => new RegExp(p, 'i')),
        });
        insensitive.push(...ci);
        sensitive.push(...cs);
      }
    }
    const union = (sources: string[], flags: string) =>
      sources.length > 0 ? [new RegExp(sources.map((p) => `(?:${p})`).join('|'), flags)] : [];
    domains[domain] = {
      codes,
      prefixes,
      belowFloorCodes,
      belowFloorPrefixes,
      text,
      textById: new Map(text.map((rule) => [rule.valueSet.id, rule])),
      anyText: [...union(insensitive, 'i'), ...union(sensitive, '')],
    };
  }
  const historyTextBySet = new Map<string, RegExp>();
  let smokingAnswerText: Matchers['smokingAnswerText'] = [];
  for (const vs of valueSets) {
    if (vs.domain === 'condition' && vs.historyTextPatterns && vs.historyTextPatterns.length > 0) {
      historyTextBySet.set(vs.id, new RegExp(vs.historyTextPatterns.map((s) => `(?:${s})`).join('|'), 'i'));
    }
    if (vs.domain === 'smoking-answer') {
      smokingAnswerText = vs.statusTextPatterns.map((p) => ({ status: p.status, re: new RegExp(p.pattern, 'i') }));
    }
  }
  return {
    valueSets,
    byId: new Map(valueSets.map((vs) => [vs.id, vs])),
    domains,
    conditionTextVeto: new RegExp(CONDITION_TEXT_VETO.join('|'), 'i'),
    historyText: new RegExp(HISTORY_TEXT.join('|'), 'i'),
    historyTextBySet,
    smokingAnswerText,
    memo: new Map(),
  };
}

/**
 * Every value set of `domain` that the codings (or, failing any code, the text) match.
 * Conditions may legitimately match several sets (E11.42 is diabetes and diabetic neuropathy);
 * callers that need one concept take the first hit, which is always a code hit when one exists.
 */
export function matchConcept<D extends ValueSetDomain>(
  m: Matchers,
  domain: D,
  codings: readonly CodingLike[],
  texts: readonly (string | undefined)[],
): readonly MatchHit<D>[] {
  let key = domain as string;
  for (const c of codings) key += `\u0001${c.system ?? ''}\u0002${c.code ?? ''}\u0002${c.display ?? ''}`;
  for (const t of texts) key += `\u0003${t ?? ''}`;
  const cached = m.memo.get(key);
  if (cached) return cached as unknown as readonly MatchHit<D>[];
  const hits = computeMatch(m, domain, codings, texts);
  if (m.memo.size >= MEMO_LIMIT) m.memo.clear();
  m.memo.set(key, hits as unknown as readonly MatchHit[]);
  return hits;
}

function computeMatch<D extends ValueSetDomain>(
  m: Matchers,
  domain: D,
  codings: readonly CodingLike[],
  texts: readonly (string | undefined)[],
): MatchHit<D>[] {
  const compiled = m.domains[domain];
  const hits: MatchHit[] = [];
  const seen = new Set<string>();
  for (const coding of codings) {
    if (!coding.code) continue;
    for (const entry of compiled.codes.get(codeKey(coding.system, coding.code)) ?? []) {
      if (seen.has(entry.valueSet.id)) continue;
      seen.add(entry.valueSet.id);
      hits.push({
        valueSet: entry.valueSet,
        by: 'code',
        code: entry.code,
        // The reviewed display names the exact concept (e.g. which eGFR equation) where servers often send a
        // generic one ("Estimated Glomerular Filtration Rate"); the server's own display is the fallback.
        matched: { system: coding.system, code: coding.code, display: entry.code.display ?? coding.display },
        history: entry.code.history === true,
        verification: entry.code.verification,
        implied: entry.code.implies === true,
      });
    }
  }
  if (compiled.prefixes.length > 0) {
    for (const coding of codings) {
      if (!coding.code || !isIcd10System(normaliseSystem(coding.system))) continue;
      const norm = normaliseIcd10(coding.code);
      for (const p of compiled.prefixes) {
        if (!norm.startsWith(p.norm)) continue;
        if (seen.has(p.valueSet.id)) continue;
        seen.add(p.valueSet.id);
        const except = p.prefix.impliesExcept;
        hits.push({
          valueSet: p.valueSet,
          by: 'icd10-prefix',
          prefix: p.prefix,
          matched: { system: coding.system, code: coding.code, display: coding.display },
          history: p.prefix.history === true,
          verification: p.prefix.verification,
          implied: except !== undefined && norm !== p.norm && !except.some((e) => normaliseIcd10(e) === norm),
        });
      }
    }
  }
  if (compiled.anyText.length === 0) return hits as unknown as MatchHit<D>[];
  // Text is consulted for every set when no code matched, and otherwise only for the sets whose code is
  // below the verification floor: an ⚠ code is not trusted, but the record may still name the concept.
  let rules: readonly TextRule[] = compiled.text;
  if (hits.length > 0) {
    rules = belowFloorSets(compiled, codings)
      .filter((vs) => !seen.has(vs.id))
      .map((vs) => compiled.textById.get(vs.id))
      .filter((rule): rule is TextRule => rule !== undefined);
    if (rules.length === 0) return hits as unknown as MatchHit<D>[];
  }

  const parts = collectTexts(texts, codings);
  if (parts.length === 0) return hits as unknown as MatchHit<D>[];
  const anyText = compiled.anyText;
  if (!parts.some((part) => anyText.some((re) => re.test(part)))) return hits as unknown as MatchHit<D>[];
  const joined = parts.join(' | ');
  if (domain === 'condition' && m.conditionTextVeto.test(joined)) return hits as unknown as MatchHit<D>[];
  for (const rule of rules) {
    if (!rule.include.some((re) => parts.some((part) => re.test(part)))) continue;
    if (rule.exclude.some((re) => re.test(joined))) continue;
    hits.push({ valueSet: rule.valueSet, by: 'text', matched: { text: parts[0] }, history: false, implied: false });
  }
  return hits as unknown as MatchHit<D>[];
}

/** Value sets whose reviewed code or prefix matched but sits below the verification floor. */
function belowFloorSets(compiled: CompiledDomain, codings: readonly CodingLike[]): EffectiveValueSet[] {
  const out: EffectiveValueSet[] = [];
  for (const coding of codings) {
    if (!coding.code) continue;
    for (const vs of compiled.belowFloorCodes.get(codeKey(coding.system, coding.code)) ?? []) {
      if (!out.includes(vs)) out.push(vs);
    }
    if (compiled.belowFloorPrefixes.length === 0 || !isIcd10System(normaliseSystem(coding.system))) continue;
    const norm = normaliseIcd10(coding.code);
    for (const p of compiled.belowFloorPrefixes) {
      if (norm.startsWith(p.norm) && !out.includes(p.valueSet)) out.push(p.valueSet);
    }
  }
  return out;
}

/**
 * Value sets that an ⚠ code below the verification floor would have matched, and that nothing else
 * (a trusted code or the record's text) matched: the mapper reports these as "unverified code: not used".
 */
export function unmatchedBelowFloor<D extends ValueSetDomain>(
  m: Matchers,
  domain: D,
  codings: readonly CodingLike[],
  hits: readonly MatchHit<D>[],
): readonly EffectiveValueSet[] {
  const compiled = m.domains[domain];
  if (compiled.belowFloorCodes.size === 0 && compiled.belowFloorPrefixes.length === 0) return [];
  return belowFloorSets(compiled, codings).filter((vs) => !hits.some((h) => h.valueSet.id === vs.id));
}

/** Distinct non-empty texts: the concept text first, then coding displays. */
function collectTexts(texts: readonly (string | undefined)[], codings: readonly CodingLike[]): string[] {
  const out: string[] = [];
  for (const t of texts) if (t && !out.includes(t)) out.push(t);
  for (const c of codings) if (c.display && !out.includes(c.display)) out.push(c.display);
  return out;
}

/** For value sets whose id is known (typing helper for mappers). */
export function valueSetById(m: Matchers, id: string): ValueSet | undefined {
  return m.byId.get(id);
}

/** The provenance fields that say how a fact matched (how much to trust it). */
export function matchProvenance(hit: Pick<MatchHit, 'by' | 'verification'>): {
  matchedBy: MatchHit['by'];
  verification?: Verification;
} {
  return hit.verification ? { matchedBy: hit.by, verification: hit.verification } : { matchedBy: hit.by };
}
