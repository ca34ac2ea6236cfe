/**
 * Narrow zod schemas for the FHIR R4 datatypes we read.
 *
 * Only the fields the mappers use are declared; everything else passes through untouched
 * (`z.looseObject`). Fields that only refine a fact (interpretation, reference range, body site) are
 * parsed with {@link lenient} (malformed reads as absent), so one malformed optional field never costs the clinician
 * the value.
 */
import { z } from 'zod/mini';

/**
 * How long a string read from FHIR may be before Nocturne stops reading it. FHIR allows strings up to 1 MB, and
 * every regular expression or cache key that sees a string costs time in its length (issue 10: one valueString of
 * 100k spaces delayed the workspace by 30 s). Real values are far shorter than these caps, so a longer one is
 * garbage or an attack, never clinical data we could use:
 * - `token` (codes, code systems, statuses, unit codes): the longest real ones are URIs of ~100 characters;
 * - `url` (references, `fullUrl`): the common browser limit for a URL;
 * - `text` (displays, `code.text`, names): LOINC long names and SNOMED fully specified names stay under 256;
 *   1,024 leaves room for a long free-text problem-list entry;
 * - `unit`: UCUM units and their displays are under 30 characters ("mL/min/{1.73_m2}");
 * - `numericString`: a number with a comparator and a unit ("<= 0.5 mg/L FEU") is under 40 characters;
 * - `date`: the longest FHIR instant with nanoseconds and an offset is 35 characters.
 * An over-long optional text or code is read as absent (the record may still match by its other codings); an
 * over-long value or date is reported as a data issue by the mapper that needed it.
 */
export const FHIR_STRING_LIMITS = {
  token: 256,
  url: 2048,
  text: 1024,
  unit: 64,
  numericString: 100,
  date: 64,
} as const;

/** A string that is only kept when it fits `max` characters; longer (or absent) reads as `undefined`. */
export function cappedString(max: number) {
  return z.optional(
    z.pipe(
      z.string(),
      z.transform((s) => (s.length <= max ? s : undefined)),
    ),
  );
}

/** `value` when it is a string of at most `max` characters (the hand-checked reads before a full parse). */
export function boundedString(value: unknown, max: number): string | undefined {
  return typeof value === 'string' && value.length <= max ? value : undefined;
}

const token = cappedString(FHIR_STRING_LIMITS.token);
/** Free text read from FHIR (displays, `code.text`, names), capped at {@link FHIR_STRING_LIMITS}`.text`. */
export const textString = cappedString(FHIR_STRING_LIMITS.text);
const text = textString;

export const codingSchema = z.looseObject({
  system: token,
  code: token,
  display: text,
});
export type Coding = z.infer<typeof codingSchema>;

export const codeableConceptSchema = z.looseObject({
  coding: z.optional(z.array(codingSchema)),
  text,
});
export type CodeableConcept = z.infer<typeof codeableConceptSchema>;

export const quantitySchema = z.looseObject({
  value: z.optional(z.number()),
  comparator: z.optional(z.enum(['<', '<=', '>=', '>'])),
  unit: text,
  system: token,
  code: token,
});
export type Quantity = z.infer<typeof quantitySchema>;

export const referenceSchema = z.looseObject({
  reference: cappedString(FHIR_STRING_LIMITS.url),
  display: text,
});

export const periodSchema = z.looseObject({
  start: z.optional(z.string()),
  end: z.optional(z.string()),
});

export const rangeSchema = z.looseObject({
  low: z.optional(quantitySchema),
  high: z.optional(quantitySchema),
});

/** A resource id as FHIR allows it; anything else is treated as "no id" and the entry's fullUrl is used. */
export const idSchema = z.string().check(z.regex(/^[A-Za-z0-9\-.]{1,64}$/));

/** Optional field that is dropped (not fatal) when malformed. */
export function lenient<T extends z.ZodMiniType>(schema: T) {
  return z.catch(z.optional(schema), undefined);
}
