import { z } from 'zod';
import { codeableConceptSchema, lenient, periodSchema, referenceSchema } from './common';

/** Medication (contained or referenced): its code and ingredient codes. */
export const medicationSchema = z.looseObject({
  resourceType: z.literal('Medication'),
  id: z.string().optional(),
  code: codeableConceptSchema.optional(),
  ingredient: lenient(
    z.array(
      z.looseObject({
        itemCodeableConcept: codeableConceptSchema.optional(),
        itemReference: referenceSchema.optional(),
      }),
    ),
  ),
});
export type Medication = z.infer<typeof medicationSchema>;

/** MedicationRequest: status, medication[x] (concept, or a reference to a contained/bundled Medication), dates. */
export const medicationRequestSchema = z.looseObject({
  resourceType: z.literal('MedicationRequest'),
  id: z.string().optional(),
  status: z.string(),
  intent: z.string().optional(),
  medicationCodeableConcept: codeableConceptSchema.optional(),
  medicationReference: referenceSchema.optional(),
  contained: lenient(z.array(z.looseObject({ resourceType: z.string(), id: z.string().optional() }))),
  authoredOn: z.string().optional(),
  dispenseRequest: lenient(z.looseObject({ validityPeriod: periodSchema.optional() })),
});
export type MedicationRequest = z.infer<typeof medicationRequestSchema>;
