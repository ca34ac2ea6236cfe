/**
 * Small shared helpers for the mappers: readable zod errors, dates, laterality, status vocabularies.
 */
import type { z } from 'zod';
import type { DataIssue, Side } from '@/lib/engine/facts';
import { SNOMED_CT, normaliseSystem } from './code-systems';
import type { CodeableConcept, Coding } from './schemas/common';
import { DAY_MS } from '@/lib/core/time';
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

/**
 * One line naming the fields that failed, never the values (values may hold free text or PHI).
 * Example: `field "code": expected object; field "status": expected string`.
 */
export function describeZodError(error: z.ZodError): string {
  const seen = new Set<string>();
  const parts: string[] = [];
  for (const issue of error.issues) {
    const path = issue.path.length > 0 ? issue.path.map(String).join('.') : '(resource)';
    if (seen.has(path)) continue;
    seen.add(path);
    parts.push(`field "${path}": ${issue.code === 'invalid_type' ? `expected ${issue.expected}` : 'invalid'}`);
    if (parts.length === 3) break;
  }
  return parts.join('; ');
}

export function codingsOf(cc: CodeableConcept | undefined): readonly Coding[] {
  return cc?.coding ?? [];
}

/** First matching coding's code in `system`, else the concept text, lower-cased. */
export function statusCode(cc: CodeableConcept | undefined): string | undefined {
  const coding = cc?.coding?.find((c) => c.code !== undefined);
  return (coding?.code ?? cc?.text)?.trim().toLowerCase();
}

/** True when the string is a FHIR date/dateTime/instant that JavaScript can place on a timeline. */
export function isDate(value: string | undefined): value is string {
  return value !== undefined && /^\d{4}(-\d{2}(-\d{2})?)?/.test(value) && !Number.isNaN(Date.parse(value));
}

export function firstDate(...values: (string | undefined)[]): string | undefined {
  for (const v of values) if (isDate(v)) return v;
  return undefined;
}

/** Later than `now` by more than a day: a date-entry error, not a result from the future. */
export function isFuture(date: string, now: Date): boolean {
  return Date.parse(date) > now.getTime() + DAY_MS;
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
