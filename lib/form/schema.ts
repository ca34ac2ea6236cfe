/**
 * The clinician's symptom & exam form.
 *
 * Every field is optional and `{}` is valid: it means "nothing recorded yet". A missing answer is
 * *unknown*, never "no" — the engine must not score an unanswered question as a negative finding.
 * Booleans are tri-state in practice: `true` present, `false` explicitly absent, missing unknown.
 * Multi-select lists record what the clinician ticked; an unticked option is not evidence of absence.
 *
 * Paths are at most two levels deep (`exam.coolFoot`): the form renders and stores answers by dotted path.
 *
 * Compatibility: a clinician's saved draft must never be lost by a schema change. Fields are only ever added;
 * the one answer whose shape changed (`exam.pedalPulses`, one value for "the foot", now one value per leg) is
 * migrated by {@link migrateFormAnswers} before validation, so a draft saved by an older version still loads.
 */
import { z } from 'zod/mini';
import type { VascularConcept } from '../engine/facts';
import { PLAUSIBLE_RANGES, isPlausibleDate } from '../engine/plausibility';

const finding = z.boolean();

/** How this problem began (not how each episode starts: see {@link EPISODE_ONSETS}). */
export const ONSET = ['sudden', 'gradual'] as const;
/** How each episode starts (a cramp strikes suddenly even when the problem is months old). */
export const EPISODE_ONSETS = ['sudden', 'gradual'] as const;
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
/**
 * How long the pain at rest (or the cold, pale or numb leg) has been present. The 2-week line separates acute
 * limb ischaemia (≤ 2 weeks) from chronic limb-threatening ischaemia (≥ 2 weeks), 2024 ACC/AHA.
 */
export const REST_PAIN_DURATIONS = ['hours', 'days', '2-weeks-or-more'] as const;
export const ULCER_DURATIONS = ['under-2-weeks', '2-weeks-or-more'] as const;
/**
 * Pulse per leg. `doppler-only`: not palpable but an arterial Doppler signal is heard; `absent`: not palpable and
 * no Doppler signal (or Doppler not available). An inaudible arterial Doppler is Rutherford IIa or worse.
 */
export const PULSES = ['normal', 'diminished', 'doppler-only', 'absent'] as const;
/** Sensation in the affected foot, graded as Rutherford grades acute limb ischaemia. */
export const FOOT_SENSATION = ['normal', 'reduced-toes-only', 'reduced-beyond-toes', 'absent'] as const;
/** Toe and ankle movement on the affected side, graded as Rutherford grades acute limb ischaemia. */
export const FOOT_MOVEMENT = ['normal', 'weak', 'paralysed'] as const;
export const PREGNANCY_STAGES = ['first-trimester', 'second-trimester', 'third-trimester', 'postpartum'] as const;
export const ANTICOAGULANT_ADHERENCE = ['as-prescribed', 'missed-doses', 'stopped'] as const;
/**
 * Medicines started or increased recently, including over-the-counter ones the chart never sees (a sedating
 * antihistamine sleep aid is the classic cause of new restless legs).
 */
export const RECENT_MEDICINES = [
  'sedating-antihistamine',
  'serotonergic-antidepressant',
  'dopamine-antagonist',
  'diuretic',
  'statin',
  'other-cramp-drug',
] as const;

export const irlssgSchema = z.partial(
  z.object({
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
  }),
);

export const examSchema = z.partial(
  z.object({
    coolFoot: finding,
    pallorOnElevationOrDependentRubor: finding,
    shinyHairlessSkin: finding,
    ulcer: finding,
    /** Pus, spreading redness around the ulcer, or probe to bone: a foot infection. */
    ulcerInfected: finding,
    gangrene: finding,
    pulsesRight: z.enum(PULSES),
    pulsesLeft: z.enum(PULSES),
    footSensation: z.enum(FOOT_SENSATION),
    footMovement: z.enum(FOOT_MOVEMENT),
    unilateralSwelling: finding,
    calfSwellingOver3cm: finding,
    entireLegSwollen: finding,
    pittingOedemaSymptomaticLeg: finding,
    /** Phlegmasia: massive swelling with a blue (cerulea) or white (alba) leg. */
    massiveSwellingBlueOrWhiteLeg: finding,
    warmth: finding,
    redness: finding,
    /** Necrotising infection signs (IDSA 2014). */
    painOutOfProportion: finding,
    crepitusBullaeOrNecrosis: finding,
    rapidlySpreadingRedness: finding,
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
    /** New urinary retention or incontinence, or bowel change. */
    bladderOrBowelChange: finding,
    progressiveWeakness: finding,
    palpableCrampKnot: finding,
    /** Muscle wasting or fasciculations (with cramps: think of motor neurone disease). */
    wastingOrFasciculations: finding,
    suddenColdPaleLeg: finding,
    tenseSwollenCompartment: finding,
    painOnPassiveStretch: finding,
  }),
);

export const historySchema = z.partial(
  z.object({
    /** Wells: bedridden ≥ 3 days, or major surgery under general or regional anaesthesia, in the last 12 weeks. */
    recentSurgeryOrBedRest: finding,
    legParalysisOrCast: finding,
    legCrossingOrKneeling: finding,
    weightLoss: finding,
    backPain: finding,
    claudication: finding,
    /** Breathlessness or chest pain, of any duration (see `breathlessnessNewOrWorse`). */
    dyspnoeaOrChestPain: finding,
    /** The breathlessness or chest pain is new or worse than usual (a chronic stable symptom is not a PE signal). */
    breathlessnessNewOrWorse: finding,
    haemoptysisOrSyncope: finding,
    fever: finding,
    recentTrauma: finding,
    /** Any cancer, active or treated. */
    cancerHistory: finding,
    /** Wells: active cancer (treatment ongoing or within 6 months, or palliative). */
    activeCancer: finding,
    ivDrugUseOrImmunosuppression: finding,
    /** Recent bloodstream infection, endocarditis or spinal procedure (spinal infection risk). */
    recentBacteraemia: finding,
    pregnantOrPostpartum: finding,
    pregnancyStage: z.enum(PREGNANCY_STAGES),
    previousDvt: finding,
    previousPe: finding,
    onAnticoagulant: finding,
    anticoagulantAdherence: z.enum(ANTICOAGULANT_ADHERENCE),
    atrialFibrillation: finding,
    /** A previous bypass, stent or angioplasty of the leg arteries (graft or stent occlusion is a cause of acute ischaemia). */
    priorLegBypassOrStent: finding,
    onDialysis: finding,
    /** New radicular (sciatica-type) pain, numbness or weakness in both legs: suspected cauda equina (GIRFT 2023). */
    bilateralSciatica: finding,
    /** New reduced bladder sensation, hesitancy or poor stream: early cauda equina signs (GIRFT 2023). */
    bladderSensationOrStreamChange: finding,
    /** New sexual dysfunction (erection, ejaculation, genital sensation). */
    sexualDysfunction: finding,
    onDopamineAgonist: finding,
    /** RLS augmentation: since the dopaminergic drug, symptoms start earlier, spread to the arms, or relief is shorter. */
    rlsAugmentation: finding,
    familyHistoryRls: finding,
    partnerNoticesLegJerks: finding,
    recentExertionOrDehydration: finding,
    longTravel: finding,
    /** Wells: clinician judges an alternative diagnosis at least as likely as DVT (−2). */
    alternativeDiagnosisAsLikely: finding,
  }),
);

/**
 * A manual measurement within the plausibility limits the chart reader applies too (`lib/engine/plausibility.ts`),
 * so the form never accepts a value the chart would refuse (issue 10: an ABI of 3, a date in 2099).
 */
const plausible = (concept: VascularConcept) => {
  const { min, max } = PLAUSIBLE_RANGES[concept];
  return z.number().check(z.gte(min, `must be at least ${min}`), z.lte(max, `must be at most ${max}`));
};

/** Manual entry when the chart lacks vascular results. ABI/TBI as ratios, pressures in mmHg. */
export const measurementsSchema = z.partial(
  z.object({
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
      .check(
        z.refine((d) => isPlausibleDate(d, Date.now()), `must be a date from 1900 up to today, not in the future`),
      ),
  }),
);

/** The form as stored and validated (after {@link migrateFormAnswers}). */
export const formObjectSchema = z.partial(
  z.strictObject({
    /** How this problem began. */
    onset: z.enum(ONSET),
    /** How each episode starts. */
    episodeOnset: z.enum(EPISODE_ONSETS),
    /** How long this has been going on, in weeks. */
    durationWeeks: z.number().check(z.gte(0), z.lte(5200)),
    restPainDuration: z.enum(REST_PAIN_DURATIONS),
    ulcerDuration: z.enum(ULCER_DURATIONS),
    side: z.enum(SIDES),
    locations: z.array(z.enum(LOCATIONS)),
    qualities: z.array(z.enum(QUALITIES)),
    timing: z.array(z.enum(TIMINGS)),
    episodeLength: z.enum(EPISODE_LENGTHS),
    relievedBy: z.array(z.enum(RELIEVERS)),
    worsenedBy: z.array(z.enum(AGGRAVATORS)),
    recentMedicines: z.array(z.enum(RECENT_MEDICINES)),
    irlssg: irlssgSchema,
    exam: examSchema,
    history: historySchema,
    measurements: measurementsSchema,
    /** Free-text comment from the clinician; carried into the note verbatim. */
    comment: z.string().check(z.maxLength(4000)),
  }),
);

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Brings answers saved by an older form version to today's shape, so a saved draft is never lost.
 *
 * - `exam.pedalPulses` (one value, before pulses were recorded per leg) becomes `exam.pulsesRight` /
 *   `exam.pulsesLeft` for the recorded side; with "both" or no side recorded the old question meant the feet, so
 *   both legs get it. An answer already given per leg is never overwritten.
 *
 * Anything that is not an object is passed through unchanged; an old value the new question does not accept is
 * moved as it is, so validation reports it (with its new path) rather than this function hiding it.
 */
export function migrateFormAnswers(raw: unknown): unknown {
  if (!isRecord(raw) || !isRecord(raw.exam) || !('pedalPulses' in raw.exam)) return raw;
  const { pedalPulses, ...exam } = raw.exam;
  // A value the old question never had ("weak") is carried over unchanged, so validation reports it on the new
  // question rather than silently dropping the old key.
  const side = raw.side;
  const legs = side === 'left' ? ['pulsesLeft'] : side === 'right' ? ['pulsesRight'] : ['pulsesRight', 'pulsesLeft'];
  for (const leg of legs) if (exam[leg] === undefined) exam[leg] = pedalPulses;
  return { ...raw, exam };
}

/** The form schema: migration of older drafts, then strict validation. `formSchema.parse({})` is `{}`. */
export const formSchema = z.pipe(z.transform(migrateFormAnswers), formObjectSchema);

export type FormAnswers = z.infer<typeof formObjectSchema>;
export type ExamAnswers = z.infer<typeof examSchema>;
export type HistoryAnswers = z.infer<typeof historySchema>;
export type IrlssgAnswers = z.infer<typeof irlssgSchema>;
export type Measurements = z.infer<typeof measurementsSchema>;
