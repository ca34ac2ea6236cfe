import { z } from 'zod';
import { codeableConceptSchema, lenient, periodSchema } from './common';

/** Condition: code, clinical and verification status, onset/abatement, recorded date, body site. */
export const conditionSchema = z.looseObject({
  resourceType: z.literal('Condition'),
  id: z.string().optional(),
  clinicalStatus: codeableConceptSchema.optional(),
  verificationStatus: codeableConceptSchema.optional(),
  category: lenient(z.array(codeableConceptSchema)),
  code: codeableConceptSchema.optional(),
  bodySite: lenient(z.array(codeableConceptSchema)),
  onsetDateTime: z.string().optional(),
  onsetPeriod: lenient(periodSchema),
  onsetString: z.string().optional(),
  abatementDateTime: z.string().optional(),
  abatementPeriod: lenient(periodSchema),
  abatementString: z.string().optional(),
  abatementBoolean: z.boolean().optional(),
  recordedDate: z.string().optional(),
});
export type Condition = z.infer<typeof conditionSchema>;
