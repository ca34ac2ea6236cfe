import { z } from 'zod/mini';
import { codeableConceptSchema, codingSchema, lenient, periodSchema } from './common';

/**
 * Encounter: status, class, type, period. R4 `class` is a Coding; some servers send an R5-style
 * CodeableConcept (or an array of them), so all three shapes are accepted.
 */
export const encounterSchema = z.looseObject({
  resourceType: z.literal('Encounter'),
  id: z.optional(z.string()),
  status: z.string(),
  class: lenient(z.union([codingSchema, codeableConceptSchema, z.array(codeableConceptSchema)])),
  type: lenient(z.array(codeableConceptSchema)),
  period: lenient(periodSchema),
});
export type Encounter = z.infer<typeof encounterSchema>;
