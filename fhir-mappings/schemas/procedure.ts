import { z } from 'zod';
import { codeableConceptSchema, lenient, periodSchema } from './common';

/** Procedure: status, category, code, performed[x]. */
export const procedureSchema = z.looseObject({
  resourceType: z.literal('Procedure'),
  id: z.string().optional(),
  status: z.string(),
  category: lenient(codeableConceptSchema),
  code: codeableConceptSchema.optional(),
  performedDateTime: z.string().optional(),
  performedPeriod: lenient(periodSchema),
  bodySite: lenient(z.array(codeableConceptSchema)),
});
export type Procedure = z.infer<typeof procedureSchema>;
