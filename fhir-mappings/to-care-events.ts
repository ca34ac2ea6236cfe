/**
 * Procedure and Encounter → CareEventFact (recent surgery, immobilisation, inpatient stay).
 *
 * Wells counts "major surgery within 12 weeks" and "recently bedridden > 3 days"; casts count as plaster
 * immobilisation and also compress the peroneal nerve. Only events within `recentEventWeeks` (default 12)
 * of `now` become facts: older ones cannot change the assessment and would only be noise.
 */
import type { CareEventFact, DataIssue } from '@/lib/engine/facts';
import {
  codingsOf,
  unreadableProblem,
  invalidDateWords,
  isFhirDate,
  isFuture,
  readDate,
  validDate,
  type MapContext,
  type Mapped,
} from './fhir-helpers';
import { V3_ACT_CODE, normaliseSystem } from './code-systems';
import { matchConcept, matchProvenance, type MatchHit } from './matcher';
import { encounterSchema } from './schemas/encounter';
import { procedureSchema } from './schemas/procedure';
import type { CodeableConcept, Coding } from './schemas/common';
import { DAY_MS, WEEK_MS } from '@/lib/core/time';

const PROCEDURE_DONE = new Set(['completed', 'in-progress', 'stopped']);
const ENCOUNTER_USABLE = new Set(['finished', 'in-progress', 'onleave', 'arrived', 'triaged']);

function isRecent(date: string, ctx: MapContext): boolean {
  return Date.parse(date) >= ctx.now.getTime() - ctx.recentEventWeeks * WEEK_MS;
}

export function toProcedure(raw: unknown, reference: string, ctx: MapContext): Mapped<CareEventFact[]> {
  const parsed = procedureSchema.safeParse(raw);
  if (!parsed.success) {
    return {
      value: [],
      issues: [{ resource: reference, problem: unreadableProblem('Procedure', parsed.error) }],
    };
  }
  const proc = parsed.data;
  const dated = readDate(
    [proc.performedDateTime, 'dateTime'],
    [proc.performedPeriod?.end, 'dateTime'],
    [proc.performedPeriod?.start, 'dateTime'],
  );
  const date = validDate(dated);
  // Cheap exit first: old procedures are the bulk of a long chart and never matter here.
  if (date !== undefined && !isRecent(date, ctx)) return { value: [], issues: [] };
  const codings = [...codingsOf(proc.code), ...codingsOf(proc.category)];
  const hits = matchConcept(ctx.matchers, 'procedure', codings, [proc.code?.text]);
  if (hits.length === 0) return { value: [], issues: [] };
  const label = proc.code?.text ?? codingsOf(proc.code).find((c) => c.display)?.display ?? hits[0]!.valueSet.title;
  const status = proc.status.trim().toLowerCase();
  const issues: DataIssue[] = [];
  if (status === 'entered-in-error') {
    issues.push({ resource: reference, problem: `A ${kindWords(hits[0]!)} was entered in error; not used.` });
    return { value: [], issues };
  }
  if (!PROCEDURE_DONE.has(status)) return { value: [], issues };
  if (date === undefined) {
    issues.push({
      resource: reference,
      problem:
        dated.status === 'invalid'
          ? `A ${kindWords(hits[0]!)}: its date ${invalidDateWords(dated.value)}, so it cannot count as recent.`
          : `A ${kindWords(hits[0]!)} has no date, so it cannot count as recent.`,
    });
    return { value: [], issues };
  }
  if (isFuture(date, ctx.now)) return { value: [], issues };
  const texts = [proc.code?.text, ...codings.map((c) => c.display)].filter((t): t is string => t !== undefined);
  return {
    value: hits.map((hit) => {
      const e = event(hit, label, date, reference);
      const cls = hit.valueSet.eventKind === 'surgery' ? surgeryClass(hit, codings, texts) : undefined;
      return cls ? { ...e, surgeryClass: cls } : e;
    }),
    issues,
  };
}

const CLASS_PATTERNS = new WeakMap<object, { major: RegExp[]; minor: RegExp[] }>();

/**
 * Major (general or regional anaesthesia: the Wells/NICE "major surgery" item) or minor (local anaesthetic), by
 * the value set's reviewed name and code patterns; undefined when neither matches, so the engine asks. Minor wins
 * when both match ("excision of skin lesion" also ends in a surgical word).
 */
function surgeryClass(
  hit: MatchHit<'procedure'>,
  codings: readonly Coding[],
  texts: readonly string[],
): 'major' | 'minor' | undefined {
  const spec = hit.valueSet.surgeryClass;
  if (!spec) return undefined;
  let compiled = CLASS_PATTERNS.get(spec);
  if (!compiled) {
    compiled = { major: spec.major.map((p) => new RegExp(p, 'i')), minor: spec.minor.map((p) => new RegExp(p, 'i')) };
    CLASS_PATTERNS.set(spec, compiled);
  }
  if (texts.some((t) => compiled.minor.some((r) => r.test(t)))) return 'minor';
  if (codings.some((c) => c.code !== undefined && spec.majorCodes?.includes(c.code))) return 'major';
  if (texts.some((t) => compiled.major.some((r) => r.test(t)))) return 'major';
  return undefined;
}

/** Words for data issues: never the procedure's own free text. */
function kindWords(hit: MatchHit<'procedure'>): string {
  return hit.valueSet.eventKind === 'surgery' ? 'surgical procedure' : 'cast, splint or other immobilisation';
}

function event(
  hit: MatchHit<'procedure'> | MatchHit<'encounter'>,
  label: string,
  date: string,
  reference: string,
): CareEventFact {
  return {
    kind: hit.valueSet.eventKind,
    label,
    date,
    provenance: { reference, date, matched: hit.matched, valueSet: hit.valueSet.id, ...matchProvenance(hit) },
  };
}

/** Encounter.class in any of the shapes servers send (R4 Coding, R5 CodeableConcept or array). */
function classCodings(cls: unknown): { codings: Coding[]; texts: (string | undefined)[] } {
  if (cls === undefined) return { codings: [], texts: [] };
  const list = Array.isArray(cls) ? (cls as CodeableConcept[]) : [cls as Coding & CodeableConcept];
  const codings: Coding[] = [];
  const texts: (string | undefined)[] = [];
  for (const item of list) {
    if ('coding' in item && Array.isArray(item.coding)) codings.push(...item.coding);
    else codings.push(item);
    texts.push(item.text);
  }
  return { codings, texts };
}

export function toEncounter(raw: unknown, reference: string, ctx: MapContext): Mapped<CareEventFact[]> {
  const parsed = encounterSchema.safeParse(raw);
  if (!parsed.success) {
    return {
      value: [],
      issues: [{ resource: reference, problem: unreadableProblem('Encounter', parsed.error) }],
    };
  }
  const enc = parsed.data;
  const status = enc.status.trim().toLowerCase();
  const ongoing = status === 'in-progress' || status === 'onleave' || status === 'arrived';
  const dated = readDate([enc.period?.end, 'dateTime'], [enc.period?.start, 'dateTime']);
  const date = validDate(dated);
  if (date !== undefined && !ongoing && !isRecent(date, ctx)) return { value: [], issues: [] };
  const cls = classCodings(enc.class);
  const types = enc.type ?? [];
  // A v3 ActCode class is authoritative: an ambulatory or emergency visit typed "admission" is not a stay.
  const coded = cls.codings.some((c) => c.code !== undefined && normaliseSystem(c.system) === V3_ACT_CODE);
  const hits = coded
    ? matchConcept(ctx.matchers, 'encounter', cls.codings, []).filter((h) => h.by === 'code')
    : matchConcept(
        ctx.matchers,
        'encounter',
        [...cls.codings, ...types.flatMap((t) => t.coding ?? [])],
        [...cls.texts, ...types.map((t) => t.text)],
      );
  if (hits.length === 0) return { value: [], issues: [] };
  const typeLabel = types[0]?.text ?? types[0]?.coding?.find((c) => c.display)?.display;
  const label = typeLabel ? `Inpatient stay: ${typeLabel}` : 'Inpatient stay';
  if (status === 'entered-in-error') {
    return {
      value: [],
      issues: [{ resource: reference, problem: 'An inpatient stay was entered in error; not used.' }],
    };
  }
  if (!ENCOUNTER_USABLE.has(status)) return { value: [], issues: [] };
  if (date === undefined) {
    return {
      value: [],
      issues: [
        {
          resource: reference,
          problem:
            dated.status === 'invalid'
              ? `An inpatient stay: its date ${invalidDateWords(dated.value)}, so it cannot count as recent.`
              : 'An inpatient stay has no dates, so it cannot count as recent.',
        },
      ],
    };
  }
  if (isFuture(date, ctx.now)) return { value: [], issues: [] };
  const days = lengthOfStayDays(enc.period?.start, enc.period?.end);
  const withDays = days !== undefined ? `${label} (${days} day${days === 1 ? '' : 's'})` : label;
  const fact = event(hits[0]!, withDays, date, reference);
  // An ongoing stay has no length yet: leave it unknown rather than count the days so far.
  return { value: [days !== undefined && !ongoing ? { ...fact, days } : fact], issues: [] };
}

function lengthOfStayDays(start: string | undefined, end: string | undefined): number | undefined {
  if (!start || !end || !isFhirDate(start, 'dateTime') || !isFhirDate(end, 'dateTime')) return undefined;
  const ms = Date.parse(end) - Date.parse(start);
  return Number.isFinite(ms) && ms >= 0 ? Math.max(1, Math.round(ms / DAY_MS)) : undefined;
}
