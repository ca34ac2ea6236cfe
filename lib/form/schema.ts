/**
 * The clinician's symptom & exam form.
 *
 * Every field is optional and `{}` is valid: it means "nothing recorded yet". A missing answer is
 * *unknown*, never "no" — the engine must not score an unanswered question as a negative finding.
 * Booleans are tri-state in practice: `true` present, `false` explicitly absent, missing unknown.
 * Multi-select lists record what the clinician ticked; an unticked option is not evidence of absence.
 */
import { z } from 'zod';
import type { VascularConcept } from '../engine/facts';
import { PLAUSIBLE_RANGES, isPlausibleDate } from '../engine/plausibility';

const finding = z.boolean();

export const ONSET = ['sudden', 'gradual'] as const;
export const SIDES = ['left', 'right', 'both'] as const;
export const LOCATIONS = [
  'toes-forefoot',
  'foot',
  'calf',
  'lateral-leg-dorsum-foot',
  'back-of-leg-from-buttock',
  'thigh',
  'whole-leg',
] as const;
export const QUALITIES = [
  'burning',
  'deep-ache',
  'sharp-shooting-electric',
  'numbness-tingling',
  'cramp-knot',
  'creeping-urge',
  'tight-swollen',
  'heavy-aching',
  'sheets-touching-hurts',
] as const;
export const TIMINGS = [
  'immediately-when-flat',
  'after-1-2-hours-wakes',
  'evening-at-rest',
  'sudden-during-sleep',
  'only-with-knee-pressure',
  'constant',
  'end-of-day-after-standing',
] as const;
export const EPISODE_LENGTHS = [
  'seconds-to-minutes',
  'minutes-until-position-change',
  'hours',
  'as-long-as-at-rest',
  'persistent',
] as const;
export const RELIEVERS = [
  'dangling-leg',
  'walking',
  'moving-legs',
  'stretching-calf',
  'curling-up-flexion',
  'raising-head-of-bed',
  'changing-position',
  'elevating-legs',
  'nothing',
] as const;
export const AGGRAVATORS = ['lying-flat-on-back', 'elevating-leg', 'cough-sneeze', 'rest', 'pressure-at-knee'] as const;

export const irlssgSchema = z
  .object({
    /** 1. Urge to move the legs, usually with uncomfortable sensations. */
    urgeToMove: finding,
    /** 2. Begins or worsens during rest or inactivity. */
    worseAtRest: finding,
    /** 3. Partly or totally relieved by movement, while the movement continues. */
    reliefByMovement: finding,
    /** 4. Only or worse in the evening or night. */
    eveningOrNight: finding,
    /** 5. Not solely accounted for by another condition (cramps, positional discomfort, myalgia, venous stasis, oedema, arthritis). */
    notExplainedByMimic: finding,
  })
  .partial();

export const examSchema = z
  .object({
    coolFoot: finding,
    pallorOnElevationOrDependentRubor: finding,
    shinyHairlessSkin: finding,
    ulcer: finding,
    gangrene: finding,
    pedalPulses: z.enum(['normal', 'diminished', 'absent']),
    unilateralSwelling: finding,
    calfSwellingOver3cm: finding,
    entireLegSwollen: finding,
    pittingOedemaSymptomaticLeg: finding,
    warmth: finding,
    redness: finding,
    deepVeinTenderness: finding,
    collateralSuperficialVeins: finding,
    varicoseVeins: finding,
    /** Haemosiderin staining, lipodermatosclerosis or a venous ulcer (CEAP C4–C6). */
    venousSkinChanges: finding,
    ankleOedema: finding,
    footDrop: finding,
    weakDorsiflexionEversion: finding,
    weakInversion: finding,
    tinelAtFibularHead: finding,
    straightLegRaise: z.enum(['positive', 'negative']),
    dermatomalSensoryLoss: finding,
    reducedVibrationOrMonofilament: finding,
    reducedAnkleReflexes: finding,
    saddleAnaesthesia: finding,
    bladderOrBowelChange: finding,
    progressiveWeakness: finding,
    palpableCrampKnot: finding,
    suddenColdPaleLeg: finding,
    tenseSwollenCompartment: finding,
    painOnPassiveStretch: finding,
  })
  .partial();

export const historySchema = z
  .object({
    recentSurgeryOrBedRest: finding,
    legParalysisOrCast: finding,
    legCrossingOrKneeling: finding,
    weightLoss: finding,
    backPain: finding,
    claudication: finding,
    dyspnoeaOrChestPain: finding,
    haemoptysisOrSyncope: finding,
    fever: finding,
    recentTrauma: finding,
    cancerHistory: finding,
    ivDrugUseOrImmunosuppression: finding,
    pregnantOrPostpartum: finding,
    familyHistoryRls: finding,
    partnerNoticesLegJerks: finding,
    recentExertionOrDehydration: finding,
    longTravel: finding,
    /** Wells: clinician judges an alternative diagnosis at least as likely as DVT (−2). */
    alternativeDiagnosisAsLikely: finding,
  })
  .partial();

/**
 * A manual measurement within the plausibility limits the chart reader applies too (`lib/engine/plausibility.ts`),
 * so the form never accepts a value the chart would refuse (issue 10: an ABI of 3, a date in 2099).
 */
const plausible = (concept: VascularConcept) => {
  const { min, max } = PLAUSIBLE_RANGES[concept];
  return z.number().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`);
};

/** Manual entry when the chart lacks vascular results. ABI/TBI as ratios, pressures in mmHg. */
export const measurementsSchema = z
  .object({
    abiRight: plausible('abi'),
    abiLeft: plausible('abi'),
    tbiRight: plausible('tbi'),
    tbiLeft: plausible('tbi'),
    toePressureRight: plausible('toe-pressure'),
    toePressureLeft: plausible('toe-pressure'),
    anklePressureRight: plausible('ankle-pressure'),
    anklePressureLeft: plausible('ankle-pressure'),
    /**
     * When the manual measurements were taken (ISO date); defaults to "today" for the engine. Checked against the
     * clock at the moment of validation: a date after tomorrow is a typo, never a measurement.
     */
    measuredOn: z.iso
      .date()
      .refine((d) => isPlausibleDate(d, Date.now()), `must be a date from 1900 up to today, not in the future`),
  })
  .partial();

export const formSchema = z
  .object({
    onset: z.enum(ONSET),
    /** How long this has been going on, in weeks. */
    durationWeeks: z.number().min(0).max(5200),
    side: z.enum(SIDES),
    locations: z.array(z.enum(LOCATIONS)),
    qualities: z.array(z.enum(QUALITIES)),
    timing: z.array(z.enum(TIMINGS)),
    episodeLength: z.enum(EPISODE_LENGTHS),
    relievedBy: z.array(z.enum(RELIEVERS)),
    worsenedBy: z.array(z.enum(AGGRAVATORS)),
    irlssg: irlssgSchema,
    exam: examSchema,
    history: historySchema,
    measurements: measurementsSchema,
    /** Free-text comment from the clinician; carried into the note verbatim. */
    comment: z.string().max(4000),
  })
  .partial()
  .strict();

export type FormAnswers = z.infer<typeof formSchema>;
export type ExamAnswers = z.infer<typeof examSchema>;
export type HistoryAnswers = z.infer<typeof historySchema>;
export type IrlssgAnswers = z.infer<typeof irlssgSchema>;
export type Measurements = z.infer<typeof measurementsSchema>;

/** JSON Schema of the form (for integrators and the CLI's `--form-schema`). */
export function formJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(formSchema, { target: 'draft-2020-12' });
}
