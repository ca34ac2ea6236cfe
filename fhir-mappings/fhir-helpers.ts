/**
 * Small shared helpers for the mappers: readable zod errors, dates, laterality, status vocabularies.
 */
import type { z } from 'zod/mini';
import { recordWords } from '@/lib/core/records';
import type { DataIssue, Side } from '@/lib/engine/facts';
import { FUTURE_DATE_TOLERANCE_MS } from '@/lib/engine/plausibility';
import { SNOMED_CT, normaliseSystem } from './code-systems';
import { FHIR_STRING_LIMITS, type CodeableConcept, type Coding } from './schemas/common';
import type { Matchers } from './matcher';

/** Mapper result: a value plus every data issue met on the way. Mappers never throw. */
export interface Mapped<T> {
  readonly value: T;
  readonly issues: DataIssue[];
}

export interface MapContext {
  readonly matchers: Matchers;
  readonly now: Date;
  /** How far back a procedure or inpatient stay still counts as "recent" (Wells: 12 weeks). */
  readonly recentEventWeeks: number;
}

/** Words for the fields a schema may refuse (the first segment of the path). */
const FIELD_WORDS: Readonly<Record<string, string>> = {
  resourceType: 'record type',
  id: 'identifier',
  status: 'status',
  intent: 'intent',
  code: 'code',
  component: 'components',
  valueQuantity: 'value',
  valueInteger: 'value',
  valueString: 'value',
  valueCodeableConcept: 'value',
  effectiveDateTime: 'date',
  effectiveInstant: 'date',
  issued: 'date',
  clinicalStatus: 'clinical status',
  verificationStatus: 'verification status',
  onsetDateTime: 'onset date',
  onsetString: 'onset',
  abatementDateTime: 'end date',
  abatementString: 'end',
  abatementBoolean: 'end',
  recordedDate: 'recorded date',
  medicationCodeableConcept: 'medication',
  medicationReference: 'medication',
  authoredOn: 'date',
  performedDateTime: 'date',
  birthDate: 'birth date',
  gender: 'sex',
};

/**
 * The data issue for a record the schema refused, in clinical words: which of its parts could not be read, never
 * the values (they may hold free text or PHI) and never parser wording. Example:
 * `This result could not be read (its code and status are missing or malformed); not used.`
 */
export function unreadableProblem(resourceType: string, error: z.core.$ZodError): string {
  const words: string[] = [];
  for (const issue of error.issues) {
    const field = issue.path[0];
    if (field === undefined) continue;
    const word = FIELD_WORDS[String(field)] ?? 'other details';
    if (!words.includes(word)) words.push(word);
  }
  const what = `This ${recordWords(resourceType).one} could not be read`;
  if (words.length === 0) return `${what}; not used.`;
  const list = words.length === 1 ? words[0]! : `${words.slice(0, -1).join(', ')} and ${words.at(-1)!}`;
  return `${what} (its ${list} ${words.length === 1 && list !== 'components' ? 'is' : 'are'} missing or malformed); not used.`;
}

export function codingsOf(cc: CodeableConcept | undefined): readonly Coding[] {
  return cc?.coding ?? [];
}

/** First matching coding's code in `system`, else the concept text, lower-cased. */
export function statusCode(cc: CodeableConcept | undefined): string | undefined {
  const coding = cc?.coding?.find((c) => c.code !== undefined);
  return (coding?.code ?? cc?.text)?.trim().toLowerCase();
}

/** The three FHIR R4 date types the mappers read (FHIR R4 §2.24.0.1 primitive types). */
export type FhirDateType = 'date' | 'dateTime' | 'instant';

/**
 * The FHIR R4 `dateTime` grammar (a `date` is its first three parts; an `instant` requires all of them): year,
 * optional month and day, optional time with seconds, fractional seconds and a zone (required with a time). Anchored
 * and without competing quantifiers, so it is linear; strings over {@link FHIR_STRING_LIMITS}`.date` never reach it.
 */
const DATE_TIME = /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(Z|[+-](\d{2}):(\d{2})))?)?)?$/;

function daysInMonth(year: number, month: number): number {
  return month === 2
    ? year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)
      ? 29
      : 28
    : [4, 6, 9, 11].includes(month)
      ? 30
      : 31;
}

/**
 * True when `value` is a FHIR R4 `date`, `dateTime` or `instant` (by `type`) that names a real moment: the grammar,
 * and a calendar check the grammar cannot express (`2024-02-30` matches the pattern but is no day). `2024-1-1` and a
 * space instead of `T` are refused, as the grammar says: JavaScript's lenient `Date.parse` would accept them and
 * silently place a result on a day nobody recorded.
 */
export function isFhirDate(value: string, type: FhirDateType): boolean {
  if (value.length > FHIR_STRING_LIMITS.date) return false;
  const m = DATE_TIME.exec(value);
  if (!m) return false;
  const [, y, mo, d, h, mi, sec, zone, zh, zm] = m;
  const year = Number(y);
  if (year === 0) return false;
  if (mo !== undefined) {
    const month = Number(mo);
    if (month < 1 || month > 12) return false;
    if (d !== undefined && (Number(d) < 1 || Number(d) > daysInMonth(year, month))) return false;
  }
  if (type === 'date' && h !== undefined) return false;
  if (type === 'instant' && h === undefined) return false;
  if (h !== undefined && (Number(h) > 23 || Number(mi) > 59 || Number(sec) > 59)) return false;
  if (
    zone !== undefined &&
    zone !== 'Z' &&
    (Number(zh) > 14 || Number(zm) > 59 || (Number(zh) === 14 && zm !== '00'))
  ) {
    return false;
  }
  return !Number.isNaN(Date.parse(value));
}

/** What a list of candidate dates yields: the first one recorded, valid or not. */
export type DateRead =
  | { readonly status: 'none' }
  | { readonly status: 'valid'; readonly date: string }
  | { readonly status: 'invalid'; readonly value: string };

/**
 * The first *recorded* date among candidates, in order of clinical preference (e.g. effective, then issued).
 *
 * Why an invalid date stops the search instead of falling through to the next candidate: the next one is a different
 * date (`issued` is later than `effective`), and dating a result by it would make an old result look recent — a red
 * flag must never fire on stale data. The caller says in words what could not be used.
 */
export function readDate(...candidates: readonly (readonly [string | undefined, FhirDateType])[]): DateRead {
  for (const [value, type] of candidates) {
    if (value === undefined) continue;
    return isFhirDate(value, type) ? { status: 'valid', date: value } : { status: 'invalid', value };
  }
  return { status: 'none' };
}

/** The date when valid, else undefined (for callers that report the invalid case themselves). */
export function validDate(read: DateRead): string | undefined {
  return read.status === 'valid' ? read.date : undefined;
}

const DATE_SHOWN = /^[0-9A-Za-z:+\-. ]{1,40}$/;

/**
 * `"2024-02-30" is not a valid date`, or `could not be read` when the value does not look like a date at all (free
 * text from the record is never copied into a data issue).
 */
export function invalidDateWords(value: string): string {
  return DATE_SHOWN.test(value) ? `"${value}" is not a valid date` : 'could not be read';
}

/** Later than `now` by more than the tolerance (a day): a date-entry error, not a result from the future. */
export function isFuture(date: string, now: Date): boolean {
  return Date.parse(date) > now.getTime() + FUTURE_DATE_TOLERANCE_MS;
}

/**
 * SNOMED body-structure and laterality-qualifier codes that carry a side. Not verified offline (clinical
 * reference §1.2 recommends bodySite, components or text); text ("right", "left") is the fallback.
 */
const SIDE_CODES: Readonly<Record<string, Side | 'bilateral'>> = {
  '24028007': 'right', // Right (qualifier value)
  '7771000': 'left', // Left (qualifier value)
  '51440002': 'bilateral', // Right and left (qualifier value)
  '62175007': 'right', // Structure of right lower limb
  '32153003': 'left', // Structure of left lower limb
  '6685009': 'right', // Right ankle region structure
  '51636004': 'left', // Left ankle region structure
  '7769000': 'right', // Right foot structure
  '22335008': 'left', // Left foot structure
};

const RIGHT = /\b(right|rt|r)\b/i;
const LEFT = /\b(left|lt|l)\b/i;
const BOTH = /\b(bilateral|both|bilat)\b/i;

/** Side from codings (SNOMED) then from text; both sides named → bilateral. */
export function detectSide(
  codings: readonly Coding[],
  texts: readonly (string | undefined)[],
): Side | 'bilateral' | undefined {
  for (const c of codings) {
    if (c.code && normaliseSystem(c.system) === SNOMED_CT) {
      const side = SIDE_CODES[c.code];
      if (side) return side;
    }
  }
  let right = false;
  let left = false;
  for (const t of [...texts, ...codings.map((c) => c.display), ...codings.map((c) => c.code)]) {
    if (!t) continue;
    const spaced = t.replace(/[-_/()[\]]/g, ' ');
    if (BOTH.test(spaced)) return 'bilateral';
    right ||= RIGHT.test(spaced);
    left ||= LEFT.test(spaced);
  }
  if (right && left) return 'bilateral';
  if (right) return 'right';
  if (left) return 'left';
  return undefined;
}

const TOKEN = /^[A-Za-z0-9 .,%/[\]{}*^_()\-+µμ]{1,24}$/;

/**
 * A code, status or unit copied into a data issue only when it looks like one (short, no free text), so a
 * data issue can never carry free text from the record (a name typed into the wrong field). Otherwise a
 * neutral placeholder is used.
 */
export function quoteToken(value: string | undefined, placeholder = 'an unrecognised value'): string {
  return value !== undefined && TOKEN.test(value) ? `"${value}"` : placeholder;
}
