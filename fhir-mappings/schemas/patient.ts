import { z } from 'zod';
import { textString } from './common';

/** Patient: only what the engine (age, sex) and the header (name) need. */
export const patientSchema = z.looseObject({
  resourceType: z.literal('Patient'),
  id: z.string().optional(),
  birthDate: z.string().optional(),
  gender: z.string().optional(),
  /** Read leniently: a malformed value must not hide the rest of the patient; to-patient reports it. */
  deceasedBoolean: z.unknown().optional(),
  deceasedDateTime: z.unknown().optional(),
  name: z
    .array(
      z.looseObject({
        use: z.string().optional(),
        text: textString,
        family: textString,
        given: z.array(textString).optional(),
      }),
    )
    .optional()
    .catch(undefined),
});
export type Patient = z.infer<typeof patientSchema>;
