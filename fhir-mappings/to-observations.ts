/**
 * Observation → ObservationFact (labs and vascular tests) and smoking-status candidates.
 *
 * Rules (clinical reference §1, issue 2 §2):
 * - only `final`, `amended` and `corrected` results are used; anything else becomes a data issue, so a
 *   clinician sees that a preliminary D-dimer exists but was not counted;
 * - values are converted to {@link CANONICAL_UNITS}; an unknown unit or an implausible value is a data
 *   issue, never a fact (an ABI of 87 is a typo, not a finding);
 * - one Observation with right and left components gives two facts; laterality comes from the component,
 *   the body site, or the code text ("R ABI").
 */
import type { DataIssue, FactProvenance, ObservationFact, Side, SmokingFact } from '@/lib/engine/facts';
import { VASCULAR_CONCEPTS } from '@/lib/engine/facts';
import {
  EARLIEST_PLAUSIBLE_DATE,
  isPlausibleDate,
  isPlausibleValue,
  plausibleRangeWords,
} from '@/lib/engine/plausibility';
import { OBSERVATION_INTERPRETATION, UCUM, normaliseSystem } from './code-systems';
import {
  codingsOf,
  unreadableProblem,
  detectSide,
  invalidDateWords,
  isFuture,
  quoteToken,
  readDate,
  validDate,
  type MapContext,
  type Mapped,
} from './fhir-helpers';
import { matchConcept, matchProvenance, unmatchedBelowFloor, type CodingLike, type MatchHit } from './matcher';
import { observationSchema, type Observation, type ObservationComponent } from './schemas/observation';
import { FHIR_STRING_LIMITS, boundedString, type Quantity } from './schemas/common';
import { toCanonical } from './units';

export const USABLE_OBSERVATION_STATUSES: ReadonlySet<string> = new Set(['final', 'amended', 'corrected']);

export interface ObservationMapValue {
  readonly facts: ObservationFact[];
  readonly smoking: SmokingFact[];
}

const EMPTY = (): ObservationMapValue => ({ facts: [], smoking: [] });
const VASCULAR: ReadonlySet<string> = new Set(VASCULAR_CONCEPTS);

type ObsHit = MatchHit<'observation'>;

export function toObservation(raw: unknown, reference: string, ctx: MapContext): Mapped<ObservationMapValue> {
  // Most of a long chart is vitals and panels we never read: reject them before the full parse.
  if (quickRelevance(raw, ctx) === 'irrelevant') return { value: EMPTY(), issues: [] };
  const parsed = observationSchema.safeParse(raw);
  if (!parsed.success) {
    return {
      value: EMPTY(),
      issues: [{ resource: reference, problem: unreadableProblem('Observation', parsed.error) }],
    };
  }
  const obs = parsed.data;
  const m = ctx.matchers;
  const codings = codingsOf(obs.code);

  if (matchConcept(m, 'smoking-status', codings, [obs.code.text]).length > 0) {
    return toSmoking(obs, reference, ctx);
  }

  const parentHit = matchConcept(m, 'observation', codings, [obs.code.text])[0];
  const components = (obs.component ?? []).map((component) => ({
    component,
    hit: matchConcept(m, 'observation', codingsOf(component.code), [component.code.text])[0],
  }));
  const firstHit = parentHit ?? components.find((c) => c.hit)?.hit;
  if (firstHit === undefined) {
    const unverified = [
      ...unmatchedBelowFloor(m, 'observation', codings, []),
      ...(obs.component ?? []).flatMap((c) => unmatchedBelowFloor(m, 'observation', codingsOf(c.code), [])),
    ];
    const titles = [...new Set(unverified.map((vs) => vs.title.toLowerCase()))];
    return {
      value: EMPTY(),
      issues: titles.map((title) => ({
        resource: reference,
        problem: `Coded with an unverified code for ${title}; not used — confirm in the chart (a site can opt in to unverified codes).`,
      })),
    };
  }
  const title = firstHit.valueSet.title;

  const issues: DataIssue[] = [];
  const status = obs.status.trim().toLowerCase();
  if (!USABLE_OBSERVATION_STATUSES.has(status)) {
    issues.push({
      resource: reference,
      problem:
        status === 'entered-in-error'
          ? `${title} result was marked entered in error; not used.`
          : `${title} result has status ${quoteToken(status)}; not used (only final, amended or corrected results count).`,
    });
    return { value: EMPTY(), issues };
  }

  const dated = readDate(
    [obs.effectiveDateTime, 'dateTime'],
    [obs.effectiveInstant, 'instant'],
    [obs.effectivePeriod?.end, 'dateTime'],
    [obs.effectivePeriod?.start, 'dateTime'],
    [obs.issued, 'instant'],
  );
  if (dated.status !== 'valid') {
    issues.push({
      resource: reference,
      problem:
        dated.status === 'invalid'
          ? `${title} result: its date ${invalidDateWords(dated.value)}; not used — check the record.`
          : `${title} result has no usable date; not used.`,
    });
    return { value: EMPTY(), issues };
  }
  const date = dated.date;
  if (isFuture(date, ctx.now)) {
    issues.push({ resource: reference, problem: `${title} result is dated in the future (${date}); not used.` });
    return { value: EMPTY(), issues };
  }
  if (!isPlausibleDate(date, ctx.now.getTime())) {
    issues.push({
      resource: reference,
      problem: `${title} result is dated before ${EARLIEST_PLAUSIBLE_DATE.slice(0, 4)} (${date}); not used — check the record.`,
    });
    return { value: EMPTY(), issues };
  }

  const parentSide = sideOf(detectSide(codingsOf(obs.bodySite), [obs.bodySite?.text]));
  const codeSide = sideOf(detectSide([], [obs.code.text, ...codings.map((c) => c.display)]));
  const facts: ObservationFact[] = [];
  let usedComponent = false;

  for (const { component, hit } of components) {
    const componentSide = sideOf(detectSide(codingsOf(component.code), [component.code.text]));
    // A component with only a side ("right") inherits the parent's vascular concept, but only when its unit
    // fits that concept: "Right brachial pressure" in mmHg inside an ABI panel is not an ABI.
    const inherits =
      hit === undefined &&
      parentHit !== undefined &&
      VASCULAR.has(parentHit.valueSet.concept) &&
      componentSide !== undefined &&
      unitFits(parentHit, component);
    const effective: ObsHit | undefined = hit ?? (inherits ? parentHit : undefined);
    if (effective === undefined || !hasValue(component)) continue;
    usedComponent = true;
    const side = effective.code?.side ?? componentSide ?? parentSide;
    const fact = buildFact(effective, component, { reference, date, side }, issues);
    if (fact) facts.push(fact);
  }

  if (parentHit && hasValue(obs)) {
    const side = parentHit.code?.side ?? parentSide ?? codeSide;
    const fact = buildFact(parentHit, obs, { reference, date, side }, issues);
    if (fact) facts.push(fact);
  } else if (parentHit && !usedComponent) {
    issues.push({ resource: reference, problem: noValueProblem(title, obs) });
  }
  return { value: { facts, smoking: [] }, issues };
}

type Relevance = 'relevant' | 'irrelevant' | 'unknown';

/**
 * Reads only `code` (and component codes) from the raw JSON and asks the memoised matcher whether any
 * value set cares. Anything odd returns `unknown`, so the full zod parse reports it as a data issue.
 */
function quickRelevance(raw: unknown, ctx: MapContext): Relevance {
  if (!isRecord(raw)) return 'unknown';
  const parent = conceptRelevance(raw.code, ctx, true);
  if (parent !== 'irrelevant') return parent;
  const components = raw.component;
  if (components === undefined) return 'irrelevant';
  if (!Array.isArray(components)) return 'unknown';
  for (const c of components) {
    if (!isRecord(c)) return 'unknown';
    const r = conceptRelevance(c.code, ctx, false);
    if (r !== 'irrelevant') return r;
  }
  return 'irrelevant';
}

function conceptRelevance(code: unknown, ctx: MapContext, includeSmoking: boolean): Relevance {
  if (!isRecord(code)) return 'unknown';
  if (code.text !== undefined && typeof code.text !== 'string') return 'unknown';
  // The same caps as the schemas: an over-long text or code reads as absent, never reaches a regular expression.
  const text = boundedString(code.text, FHIR_STRING_LIMITS.text);
  const list = code.coding;
  if (list !== undefined && !Array.isArray(list)) return 'unknown';
  const codings: CodingLike[] = [];
  for (const c of (list ?? []) as unknown[]) {
    if (!isRecord(c)) return 'unknown';
    const { system, code: value, display } = c;
    if (![system, value, display].every((v) => v === undefined || typeof v === 'string')) return 'unknown';
    codings.push({
      system: boundedString(system, FHIR_STRING_LIMITS.token),
      code: boundedString(value, FHIR_STRING_LIMITS.token),
      display: boundedString(display, FHIR_STRING_LIMITS.text),
    });
  }
  if (includeSmoking && matchConcept(ctx.matchers, 'smoking-status', codings, [text]).length > 0) return 'relevant';
  const hits = matchConcept(ctx.matchers, 'observation', codings, [text]);
  if (hits.length > 0 || unmatchedBelowFloor(ctx.matchers, 'observation', codings, hits).length > 0) return 'relevant';
  return 'irrelevant';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function sideOf(side: Side | 'bilateral' | undefined): Side | undefined {
  return side === 'bilateral' ? undefined : side;
}

type ValueHolder = Observation | ObservationComponent;

function unitFits(hit: ObsHit, v: ValueHolder): boolean {
  const read = readValue(v);
  return read !== undefined && read.units.some((u) => toCanonical(hit.valueSet.concept, read.value, u).ok);
}

function hasValue(v: ValueHolder): boolean {
  return v.valueQuantity?.value !== undefined || v.valueInteger !== undefined || v.valueString !== undefined;
}

function noValueProblem(title: string, v: ValueHolder): string {
  if (v.dataAbsentReason) {
    const reason = v.dataAbsentReason.coding?.[0]?.code ?? 'not given';
    return `${title} result has no value (data absent: ${quoteToken(reason, 'reason not given')}); not used.`;
  }
  if (v.valueCodeableConcept) return `${title} result is coded, not a number; not used.`;
  return `${title} result has no numeric value; not used.`;
}

/**
 * A number written as text: an optional comparator, the number, an optional unit ("<= 0.5 mg/L", "1.1", "> 90").
 * Applied to the trimmed text only, so no two whitespace quantifiers compete for the same characters: the match is
 * linear in the length (issue 10: the previous `^\s*(op)?\s*` form backtracked quadratically on a run of spaces).
 */
const NUMERIC_STRING = /^(<=|>=|<|>)?\s*(-?\d+(?:\.\d+)?)(?:\s*([^\d\s].*))?$/;

/** Reads a numeric `valueString`; text longer than {@link FHIR_STRING_LIMITS}`.numericString` is never a number. */
export function parseNumericString(
  text: string,
): { readonly value: number; readonly comparator?: string; readonly unit?: string } | undefined {
  if (text.length > FHIR_STRING_LIMITS.numericString) return undefined;
  const match = NUMERIC_STRING.exec(text.trim());
  if (!match?.[2]) return undefined;
  const unit = match[3]?.trim();
  return { value: Number(match[2]), ...(match[1] ? { comparator: match[1] } : {}), ...(unit ? { unit } : {}) };
}

/** Reads value[x] as a number plus unit candidates (UCUM code first, then the display unit). */
function readValue(
  v: ValueHolder,
): { value: number; units: (string | undefined)[]; comparator?: string | undefined; shown: string } | undefined {
  const q: Quantity | undefined = v.valueQuantity;
  if (q?.value !== undefined) {
    const ucum = q.system === undefined || normaliseSystem(q.system) === UCUM ? q.code : undefined;
    const units = ucum !== undefined && ucum !== q.unit ? [ucum, q.unit] : [q.unit ?? q.code];
    return { value: q.value, units, comparator: q.comparator, shown: q.unit ?? q.code ?? '' };
  }
  if (v.valueInteger !== undefined) return { value: v.valueInteger, units: [undefined], shown: '' };
  if (v.valueString !== undefined) {
    const parsed = parseNumericString(v.valueString);
    if (!parsed) return undefined;
    return { value: parsed.value, units: [parsed.unit], comparator: parsed.comparator, shown: parsed.unit ?? '' };
  }
  return undefined;
}

interface FactContext {
  readonly reference: string;
  readonly date: string;
  readonly side: Side | undefined;
}

function buildFact(hit: ObsHit, v: ValueHolder, ctx: FactContext, issues: DataIssue[]): ObservationFact | undefined {
  const vs = hit.valueSet;
  const concept = vs.concept;
  const read = readValue(v);
  if (read === undefined) {
    issues.push({ resource: ctx.reference, problem: noValueProblem(vs.title, v) });
    return undefined;
  }
  if (v.dataAbsentReason) {
    // FHIR R4 obs-6: a reason for a missing value only when there is no value. Both together contradict each other
    // (often a placeholder number in a result that was never measured), so neither is trusted.
    issues.push({
      resource: ctx.reference,
      problem: `${vs.title} result has a value and also says the value is missing; not used — check the record.`,
    });
    return undefined;
  }
  let conversion: ReturnType<typeof toCanonical> | undefined;
  for (const unit of read.units) {
    conversion = toCanonical(concept, read.value, unit, hit.code?.variant);
    if (conversion.ok) break;
  }
  if (conversion === undefined || !conversion.ok) {
    issues.push({
      resource: ctx.reference,
      problem: `${vs.title} result not used: ${conversion?.problem ?? 'no unit was recorded'}.`,
    });
    return undefined;
  }
  if (!isPlausibleValue(concept, conversion.value)) {
    issues.push({
      resource: ctx.reference,
      problem: `${vs.title} value ${read.value}${read.shown ? ` ${read.shown}` : ''} is outside the plausible range (${plausibleRangeWords(concept)}); not used — check the record.`,
    });
    return undefined;
  }
  if (read.comparator) {
    issues.push({
      resource: ctx.reference,
      problem: `${vs.title} was reported as "${read.comparator} ${read.value}${read.shown ? ` ${read.shown}` : ''}"; the limit ${read.value} is used as the value.`,
    });
  }
  // An approximate conversion (D-dimer DDU → FEU) is not a data issue: the record *was* used, and the
  // fact's `original` says how ("600 ng/mL DDU (converted ×2 to FEU, approximate)"), which the results line
  // shows next to the value. Listing it under "records that could not be used" would mislead.
  const provenance: FactProvenance = {
    reference: ctx.reference,
    date: ctx.date,
    matched: hit.matched,
    valueSet: vs.id,
    ...matchProvenance(hit),
  };
  const interpretation = readInterpretation(v);
  const referenceRange = readReferenceRange(v, concept, hit.code?.variant, read.units[0]);
  const originalUnit = conversion.approximation
    ? `${read.shown.replace(/\{?\bddu\b\}?/gi, '').trim()} DDU (converted ×2 to FEU, approximate)`.trim()
    : read.shown;
  return {
    concept,
    value: conversion.value,
    unit: conversion.unit,
    ...(conversion.converted ? { original: { value: read.value, unit: originalUnit } } : {}),
    ...(VASCULAR.has(concept) && ctx.side ? { side: ctx.side } : {}),
    date: ctx.date,
    ...(interpretation ? { interpretation } : {}),
    ...(referenceRange ? { referenceRange } : {}),
    provenance,
  };
}

const INTERPRETATION: Readonly<Record<string, ObservationFact['interpretation']>> = {
  h: 'high',
  hh: 'high',
  hu: 'high',
  '>': 'high',
  high: 'high',
  l: 'low',
  ll: 'low',
  lu: 'low',
  '<': 'low',
  low: 'low',
  n: 'normal',
  normal: 'normal',
  a: 'abnormal',
  aa: 'abnormal',
  abnormal: 'abnormal',
};

function readInterpretation(v: ValueHolder): ObservationFact['interpretation'] | undefined {
  for (const cc of v.interpretation ?? []) {
    for (const c of cc.coding ?? []) {
      if (c.code && (c.system === undefined || normaliseSystem(c.system) === OBSERVATION_INTERPRETATION)) {
        const out = INTERPRETATION[c.code.toLowerCase()];
        if (out) return out;
      }
    }
    const out = cc.text ? INTERPRETATION[cc.text.trim().toLowerCase()] : undefined;
    if (out) return out;
  }
  return undefined;
}

function readReferenceRange(
  v: ValueHolder,
  concept: ObservationFact['concept'],
  variant: 'FEU' | 'DDU' | undefined,
  valueUnit: string | undefined,
): ObservationFact['referenceRange'] | undefined {
  const range = v.referenceRange?.[0];
  if (!range) return undefined;
  const convert = (q: Quantity | undefined): number | undefined => {
    if (q?.value === undefined) return undefined;
    const result = toCanonical(concept, q.value, q.code ?? q.unit ?? valueUnit, variant);
    return result.ok ? result.value : undefined;
  };
  const low = convert(range.low);
  const high = convert(range.high);
  if (low === undefined && high === undefined) return undefined;
  return { ...(low !== undefined ? { low } : {}), ...(high !== undefined ? { high } : {}) };
}

/** 72166-2 Tobacco smoking status: the answer code (or text) gives current / former / never / unknown. */
function toSmoking(obs: Observation, reference: string, ctx: MapContext): Mapped<ObservationMapValue> {
  const status = obs.status.trim().toLowerCase();
  if (!USABLE_OBSERVATION_STATUSES.has(status)) {
    return {
      value: EMPTY(),
      issues: [
        {
          resource: reference,
          problem:
            status === 'entered-in-error'
              ? 'Smoking status was marked entered in error; not used.'
              : `Smoking status has status ${quoteToken(status)}; not used.`,
        },
      ],
    };
  }
  const dated = readDate(
    [obs.effectiveDateTime, 'dateTime'],
    [obs.effectiveInstant, 'instant'],
    [obs.effectivePeriod?.end, 'dateTime'],
    [obs.issued, 'instant'],
  );
  const date = validDate(dated);
  const answer = obs.valueCodeableConcept;
  const hit = answer ? matchConcept(ctx.matchers, 'smoking-answer', codingsOf(answer), []).at(0) : undefined;
  let smokingStatus = hit?.code?.smokingStatus;
  const texts = [answer?.text, ...(answer?.coding ?? []).map((c) => c.display), obs.valueString];
  if (smokingStatus === undefined) {
    for (const rule of ctx.matchers.smokingAnswerText) {
      if (texts.some((t) => t !== undefined && rule.re.test(t))) {
        smokingStatus = rule.status;
        break;
      }
    }
  }
  if (smokingStatus === undefined) {
    return {
      value: EMPTY(),
      issues: [{ resource: reference, problem: 'Smoking status answer was not recognised; not used.' }],
    };
  }
  const matched = hit?.matched ?? { text: texts.find((t) => t !== undefined) };
  return {
    value: {
      facts: [],
      smoking: [
        {
          status: smokingStatus,
          ...(date ? { date } : {}),
          provenance: { reference, ...(date ? { date } : {}), matched, valueSet: 'smoking-status' },
        },
      ],
    },
    issues:
      dated.status === 'invalid'
        ? [
            {
              resource: reference,
              problem: `Smoking status: its date ${invalidDateWords(dated.value)}; the answer is used without a date.`,
            },
          ]
        : [],
  };
}
