/**
 * Narrow zod schemas for the FHIR R4 datatypes we read.
 *
 * Only the fields the mappers use are declared; everything else passes through untouched
 * (`z.looseObject`). Fields that only refine a fact (interpretation, reference range, body site) are
 * parsed with `.catch(undefined)`, so one malformed optional field never costs the clinician the value.
 */
import { z } from 'zod';

export const codingSchema = z.looseObject({
  system: z.string().optional(),
  code: z.string().optional(),
  display: z.string().optional(),
});
export type Coding = z.infer<typeof codingSchema>;

export const codeableConceptSchema = z.looseObject({
  coding: z.array(codingSchema).optional(),
  text: z.string().optional(),
});
export type CodeableConcept = z.infer<typeof codeableConceptSchema>;

export const quantitySchema = z.looseObject({
  value: z.number().optional(),
  comparator: z.enum(['<', '<=', '>=', '>']).optional(),
  unit: z.string().optional(),
  system: z.string().optional(),
  code: z.string().optional(),
});
export type Quantity = z.infer<typeof quantitySchema>;

export const referenceSchema = z.looseObject({
  reference: z.string().optional(),
  display: z.string().optional(),
});

export const periodSchema = z.looseObject({
  start: z.string().optional(),
  end: z.string().optional(),
});

export const rangeSchema = z.looseObject({
  low: quantitySchema.optional(),
  high: quantitySchema.optional(),
});

/** A resource id as FHIR allows it; anything else is treated as "no id" and the entry's fullUrl is used. */
export const idSchema = z.string().regex(/^[A-Za-z0-9\-.]{1,64}$/);

/** Optional field that is dropped (not fatal) when malformed. */
export function lenient<T extends z.ZodType>(schema: T) {
  return schema.optional().catch(undefined);
}
