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
import type { Icd10Prefix, ValueSet, ValueSetCode, ValueSetDomain } from './value-set-types';

export interface CodingLike {
  readonly system?: string;
  readonly code?: string;
  readonly display?: string;
}

export interface MatchHit<D extends ValueSetDomain = ValueSetDomain> {
  readonly valueSet: Extract<EffectiveValueSet, { domain: D }>;
  readonly by: 'code' | 'icd10-prefix' | 'text';
  readonly code?: ValueSetCode;
  readonly prefix?: Icd10Prefix;
  /** What matched, for provenance. */
  readonly matched: { system?: string; code?: string; display?: string; text?: string };
  /** The matched code or prefix itself means "history of". */
  readonly history: boolean;
}

interface TextRule {
  readonly valueSet: EffectiveValueSet;
  readonly include: readonly RegExp[];
  readonly exclude: readonly RegExp[];
}

interface CompiledDomain {
  readonly codes: Map<string, { valueSet: EffectiveValueSet; code: ValueSetCode }[]>;
  readonly prefixes: readonly { norm: string; valueSet: EffectiveValueSet; prefix: Icd10Prefix }[];
  readonly text: readonly TextRule[];
  /** Union of every include pattern: one cheap test rejects most texts before the per-set loop. */
  readonly anyText: RegExp | null;
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
    const text: TextRule[] = [];
    const sources: string[] = [];
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
      const includeSources = [...vs.textPatterns, ...vs.localTextPatterns];
      if (includeSources.length > 0) {
        text.push({
          valueSet: vs,
          include: includeSources.map((s) => new RegExp(s, 'i')),
          exclude: (vs.excludeTextPatterns ?? []).map((s) => new RegExp(s, 'i')),
        });
        sources.push(...includeSources);
      }
    }
    domains[domain] = {
      codes,
      prefixes,
      text,
      anyText: sources.length > 0 ? new RegExp(sources.map((s) => `(?:${s})`).join('|'), 'i') : null,
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
        matched: { system: coding.system, code: coding.code, display: coding.display },
        history: entry.code.history === true,
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
        hits.push({
          valueSet: p.valueSet,
          by: 'icd10-prefix',
          prefix: p.prefix,
          matched: { system: coding.system, code: coding.code, display: coding.display },
          history: p.prefix.history === true,
        });
      }
    }
  }
  if (hits.length > 0 || compiled.anyText === null) return hits as unknown as MatchHit<D>[];

  const parts = collectTexts(texts, codings);
  if (parts.length === 0) return [];
  const anyText = compiled.anyText;
  if (!parts.some((part) => anyText.test(part))) return [];
  const joined = parts.join(' | ');
  if (domain === 'condition' && m.conditionTextVeto.test(joined)) return [];
  for (const rule of compiled.text) {
    if (!rule.include.some((re) => parts.some((part) => re.test(part)))) continue;
    if (rule.exclude.some((re) => re.test(joined))) continue;
    hits.push({ valueSet: rule.valueSet, by: 'text', matched: { text: parts[0] }, history: false });
  }
  return hits as unknown as MatchHit<D>[];
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
