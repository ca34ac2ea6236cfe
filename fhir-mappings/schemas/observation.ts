import { z } from 'zod/mini';
import { codeableConceptSchema, lenient, periodSchema, quantitySchema, rangeSchema, textString } from './common';

const referenceRangeSchema = z.array(
  z.looseObject({ low: z.optional(quantitySchema), high: z.optional(quantitySchema), text: z.optional(z.string()) }),
);

const valueFields = {
  valueQuantity: z.optional(quantitySchema),
  valueCodeableConcept: z.optional(codeableConceptSchema),
  valueString: textString,
  valueInteger: z.optional(z.number()),
  valueRange: lenient(rangeSchema),
  dataAbsentReason: lenient(codeableConceptSchema),
  interpretation: lenient(z.array(codeableConceptSchema)),
  referenceRange: lenient(referenceRangeSchema),
};

export const observationComponentSchema = z.looseObject({
  code: codeableConceptSchema,
  ...valueFields,
});
export type ObservationComponent = z.infer<typeof observationComponentSchema>;

/** Observation: code, status, value[x], components, body site, effective[x]/issued. */
export const observationSchema = z.looseObject({
  resourceType: z.literal('Observation'),
  id: z.optional(z.string()),
  status: z.string(),
  category: lenient(z.array(codeableConceptSchema)),
  code: codeableConceptSchema,
  effectiveDateTime: z.optional(z.string()),
  effectiveInstant: z.optional(z.string()),
  effectivePeriod: lenient(periodSchema),
  issued: z.optional(z.string()),
  bodySite: lenient(codeableConceptSchema),
  component: z.optional(z.array(observationComponentSchema)),
  ...valueFields,
});
export type Observation = z.infer<typeof observationSchema>;
