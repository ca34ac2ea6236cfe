import { z } from 'zod';
import { codeableConceptSchema, lenient, periodSchema, quantitySchema, rangeSchema, textString } from './common';

const referenceRangeSchema = z.array(
  z.looseObject({ low: quantitySchema.optional(), high: quantitySchema.optional(), text: z.string().optional() }),
);

const valueFields = {
  valueQuantity: quantitySchema.optional(),
  valueCodeableConcept: codeableConceptSchema.optional(),
  valueString: textString,
  valueInteger: z.number().optional(),
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
  id: z.string().optional(),
  status: z.string(),
  category: lenient(z.array(codeableConceptSchema)),
  code: codeableConceptSchema,
  effectiveDateTime: z.string().optional(),
  effectiveInstant: z.string().optional(),
  effectivePeriod: lenient(periodSchema),
  issued: z.string().optional(),
  bodySite: lenient(codeableConceptSchema),
  component: z.array(observationComponentSchema).optional(),
  ...valueFields,
});
export type Observation = z.infer<typeof observationSchema>;
