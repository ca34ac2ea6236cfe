import { z } from 'zod/mini';
import { codeableConceptSchema, lenient, periodSchema } from './common';

/** Condition: code, clinical and verification status, onset/abatement, recorded date, body site. */
export const conditionSchema = z.looseObject({
  resourceType: z.literal('Condition'),
  id: z.optional(z.string()),
  clinicalStatus: z.optional(codeableConceptSchema),
  verificationStatus: z.optional(codeableConceptSchema),
  category: lenient(z.array(codeableConceptSchema)),
  code: z.optional(codeableConceptSchema),
  bodySite: lenient(z.array(codeableConceptSchema)),
  onsetDateTime: z.optional(z.string()),
  onsetPeriod: lenient(periodSchema),
  onsetString: z.optional(z.string()),
  abatementDateTime: z.optional(z.string()),
  abatementPeriod: lenient(periodSchema),
  abatementString: z.optional(z.string()),
  abatementBoolean: z.optional(z.boolean()),
  recordedDate: z.optional(z.string()),
});
export type Condition = z.infer<typeof conditionSchema>;
