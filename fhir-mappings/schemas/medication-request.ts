import { z } from 'zod/mini';
import { codeableConceptSchema, lenient, periodSchema, referenceSchema } from './common';

/** Medication (contained or referenced): its code and ingredient codes. */
export const medicationSchema = z.looseObject({
  resourceType: z.literal('Medication'),
  id: z.optional(z.string()),
  code: z.optional(codeableConceptSchema),
  ingredient: lenient(
    z.array(
      z.looseObject({
        itemCodeableConcept: z.optional(codeableConceptSchema),
        itemReference: z.optional(referenceSchema),
      }),
    ),
  ),
});
export type Medication = z.infer<typeof medicationSchema>;

/** MedicationRequest: status, medication[x] (concept, or a reference to a contained/bundled Medication), dates. */
export const medicationRequestSchema = z.looseObject({
  resourceType: z.literal('MedicationRequest'),
  id: z.optional(z.string()),
  status: z.string(),
  intent: z.optional(z.string()),
  medicationCodeableConcept: z.optional(codeableConceptSchema),
  medicationReference: z.optional(referenceSchema),
  contained: lenient(z.array(z.looseObject({ resourceType: z.string(), id: z.optional(z.string()) }))),
  authoredOn: z.optional(z.string()),
  dispenseRequest: lenient(z.looseObject({ validityPeriod: z.optional(periodSchema) })),
});
export type MedicationRequest = z.infer<typeof medicationRequestSchema>;
