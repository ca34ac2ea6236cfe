/**
 * Plausibility limits: one table for every number and date that reaches the engine, whether it was read from the
 * chart (`fhir-mappings`) or typed into the form (`lib/form/schema.ts`, `lib/form/questions.ts`).
 *
 * Why one table in the engine: the engine is the lowest layer both the chart reader and the form may import, and two
 * sets of limits drift apart (issue 10: the form accepted an ABI of 3 and a measurement dated 2099 that the chart
 * reader refused). A value outside its range is a typo or a placeholder, never a finding: the chart reader reports it
 * as a data issue and does not use it; the form refuses it with the range in words.
 *
 * Ranges are in the concept's canonical unit ({@link CANONICAL_UNITS}) and inclusive.
 */
import { CANONICAL_UNITS, type ObservationConcept } from './facts';
import { DAY_MS } from '../core/time';

export interface PlausibleRange {
  readonly min: number;
  readonly max: number;
  /** Why the limits are where they are, when it is not obvious. */
  readonly why?: string;
}

export const PLAUSIBLE_RANGES: Readonly<Record<ObservationConcept, PlausibleRange>> = {
  hba1c: { min: 3, max: 20 },
  glucose: { min: 10, max: 2000 },
  ferritin: { min: 0, max: 200000 },
  iron: { min: 0, max: 1000 },
  tibc: { min: 50, max: 1200 },
  'transferrin-saturation': { min: 0, max: 100 },
  potassium: { min: 1, max: 10 },
  magnesium: { min: 0.2, max: 15 },
  calcium: { min: 2, max: 20 },
  creatinine: { min: 0.05, max: 30 },
  egfr: { min: 0, max: 250 },
  tsh: { min: 0, max: 500 },
  'd-dimer': { min: 0, max: 200000 },
  'vitamin-b12': { min: 10, max: 20000 },
  hemoglobin: { min: 2, max: 25 },
  bmi: { min: 8, max: 150 },
  abi: {
    min: 0.01,
    max: 2.5,
    why:
      'ABIs are reported to two decimals. An ABI of 0 is what an empty or placeholder field turns into, not a ' +
      'measurement (an absent ankle signal is recorded as such, with absent pulses); above 2.5 is a typo ' +
      '(non-compressible vessels read 1.4 to about 2.5).',
  },
  tbi: { min: 0, max: 2, why: 'A toe pressure of 0 (no toe perfusion) is a real, critical finding, so TBI 0 is kept.' },
  'ankle-pressure': { min: 0, max: 400 },
  'toe-pressure': { min: 0, max: 300 },
  tcpo2: { min: 0, max: 800 },
  'heart-rate': { min: 20, max: 250 },
  spo2: { min: 50, max: 100, why: 'Pulse oximetry is not reported below about 50 %; above 100 % is impossible.' },
};

/** True when `value` (in the concept's canonical unit) is inside its plausible range. */
export function isPlausibleValue(concept: ObservationConcept, value: number): boolean {
  const { min, max } = PLAUSIBLE_RANGES[concept];
  return Number.isFinite(value) && value >= min && value <= max;
}

/** `0.01–2.5 {ratio}`: the range in the words a data issue or a form message uses. */
export function plausibleRangeWords(concept: ObservationConcept): string {
  const { min, max } = PLAUSIBLE_RANGES[concept];
  return `${min}–${max} ${CANONICAL_UNITS[concept]}`;
}

/**
 * How far past `now` a date may be: one day, for time zones (a result filed this evening in Sydney is "tomorrow" in
 * London). Anything later is a date-entry error, not a result from the future.
 */
export const FUTURE_DATE_TOLERANCE_MS = DAY_MS;

/** The earliest date a measurement or result may carry: earlier ones are typos (`0202-03-01`). */
export const EARLIEST_PLAUSIBLE_DATE = '1900-01-01';

/** True when an ISO date or date-time is no earlier than 1900 and no later than a day after `nowMs`. */
export function isPlausibleDate(isoDate: string, nowMs: number): boolean {
  const t = Date.parse(isoDate);
  return !Number.isNaN(t) && t >= Date.parse(EARLIEST_PLAUSIBLE_DATE) && t <= nowMs + FUTURE_DATE_TOLERANCE_MS;
}
