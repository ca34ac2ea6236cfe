import { z } from 'zod/mini';
import { lenient, textString } from './common';

/** Patient: only what the engine (age, sex) and the header (name) need. */
export const patientSchema = z.looseObject({
  resourceType: z.literal('Patient'),
  id: z.optional(z.string()),
  birthDate: z.optional(z.string()),
  gender: z.optional(z.string()),
  /** Read leniently: a malformed value must not hide the rest of the patient; to-patient reports it. */
  deceasedBoolean: z.optional(z.unknown()),
  deceasedDateTime: z.optional(z.unknown()),
  name: lenient(
    z.array(
      z.looseObject({
        use: z.optional(z.string()),
        text: textString,
        family: textString,
        given: z.optional(z.array(textString)),
      }),
    ),
  ),
});
export type Patient = z.infer<typeof patientSchema>;
