import { z } from 'zod/mini';
import { codeableConceptSchema, lenient, periodSchema } from './common';

/** Procedure: status, category, code, performed[x]. */
export const procedureSchema = z.looseObject({
  resourceType: z.literal('Procedure'),
  id: z.optional(z.string()),
  status: z.string(),
  category: lenient(codeableConceptSchema),
  code: z.optional(codeableConceptSchema),
  performedDateTime: z.optional(z.string()),
  performedPeriod: lenient(periodSchema),
  bodySite: lenient(z.array(codeableConceptSchema)),
});
export type Procedure = z.infer<typeof procedureSchema>;
