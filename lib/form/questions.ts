/**
 * Presentation data for the symptom & exam form: every question's wording, option labels, grouping and help.
 *
 * Why a separate file from `schema.ts`: the schema is the contract the engine and the note read; the wording here
 * is what a clinician sees and can change freely without touching the engine. Nothing in this file is clinical
 * logic — no thresholds, no weights, no codes. Groups are the engine's form blocks (issue 9): the red-flag screen
 * first, then the core story, then blocks that matter only sometimes; which of those to open is decided by the
 * engine (`Assessment.formBlocks`), never here.
 *
 * Typing: every question names a real path in {@link FormAnswers}; option lists are typed against the schema's
 * enums so a new enum member without a label fails the type check.
 */
import type { ConditionConcept, Side, VascularConcept } from '../engine/facts';
import { PLAUSIBLE_RANGES } from '../engine/plausibility';
import type { ExamAnswers, FormAnswers, HistoryAnswers, IrlssgAnswers, Measurements } from './schema';
import type {
  AGGRAVATORS,
  EPISODE_LENGTHS,
  LOCATIONS,
  ONSET,
  PULSES,
  QUALITIES,
  RECENT_MEDICINES,
  RELIEVERS,
  SIDES,
  TIMINGS,
} from './schema';
import type { FormBlockId } from '../engine/assessment';

type KeysOfType<T, V> = { [K in keyof T]-?: NonNullable<T[K]> extends V ? K : never }[keyof T] & string;

/** Paths of yes / no / unknown findings. */
export type TriStatePath =
  | `exam.${KeysOfType<ExamAnswers, boolean>}`
  | `history.${KeysOfType<HistoryAnswers, boolean>}`
  | `irlssg.${KeysOfType<IrlssgAnswers, boolean>}`;

/** Paths of single-choice answers (one value or unknown). */
export type ChoicePath =
  | 'onset'
  | 'episodeOnset'
  | 'side'
  | 'episodeLength'
  | 'restPainDuration'
  | 'ulcerDuration'
  | 'exam.pulsesRight'
  | 'exam.pulsesLeft'
  | 'exam.footSensation'
  | 'exam.footMovement'
  | 'exam.straightLegRaise'
  | 'history.pregnancyStage'
  | 'history.anticoagulantAdherence';

/** Paths of multi-select lists (ticked = present; unticked is not evidence of absence). */
export type MultiPath = KeysOfType<FormAnswers, readonly string[]>;

/** Paths of numeric answers. */
export type NumberPath = 'durationWeeks' | `measurements.${KeysOfType<Measurements, number>}`;

export type DatePath = 'measurements.measuredOn';
export type TextPath = 'comment';

export interface Option<V extends string = string> {
  readonly value: V;
  readonly label: string;
}

interface QuestionBase {
  /** The question as the clinician reads it. */
  readonly label: string;
  /** One short line of help, shown under the question. */
  readonly help?: string;
  /**
   * A follow-up: asked only once the finding it follows is answered this way (by the clinician or from the chart).
   * The form still shows it whenever it holds an answer, so nothing recorded is ever hidden.
   */
  readonly followUpOf?: { readonly path: TriStatePath; readonly value: boolean };
}

/** Chart concepts that answer (or inform) a question: shown as "Chart: …" next to it, never written into the form. */
export interface ChartHint {
  readonly conditions?: readonly ConditionConcept[];
  readonly events?: readonly ('surgery' | 'inpatient-stay' | 'immobilisation')[];
}

export interface TriStateQuestion extends QuestionBase {
  readonly kind: 'tri';
  readonly path: TriStatePath;
  readonly chart?: ChartHint;
}

export interface ChoiceQuestion extends QuestionBase {
  readonly kind: 'choice';
  readonly path: ChoicePath;
  readonly options: readonly Option[];
}

export interface MultiQuestion extends QuestionBase {
  readonly kind: 'multi';
  readonly path: MultiPath;
  readonly options: readonly Option[];
}

export interface NumberQuestion extends QuestionBase {
  readonly kind: 'number';
  readonly path: NumberPath;
  readonly unit: string;
  readonly min: number;
  readonly max: number;
  readonly step: number;
  /** For vascular measurements: the chart result that makes manual entry unnecessary. */
  readonly chart?: { readonly concept: VascularConcept; readonly side: Side };
}

export interface DateQuestion extends QuestionBase {
  readonly kind: 'date';
  readonly path: DatePath;
}

export interface TextQuestion extends QuestionBase {
  readonly kind: 'text';
  readonly path: TextPath;
  readonly maxLength: number;
}

export type Question = TriStateQuestion | ChoiceQuestion | MultiQuestion | NumberQuestion | DateQuestion | TextQuestion;

export interface QuestionGroup {
  /** Stable id, used for anchors and test ids: the engine's form-block id (`Assessment.formBlocks`). */
  readonly id: FormBlockId;
  readonly title: string;
  readonly help?: string;
  readonly questions: readonly Question[];
}

/** Labels for the answer states of a yes/no finding. "Unknown" is the default: not asked is not "no". */
export const TRI_STATE_LABELS = { unknown: 'Unknown', yes: 'Yes', no: 'No' } as const;

/** Label for the "not recorded" option of a single-choice question. */
export const UNKNOWN_CHOICE_LABEL = 'Unknown';

const onsetOptions: readonly Option<(typeof ONSET)[number]>[] = [
  { value: 'sudden', label: 'Sudden' },
  { value: 'gradual', label: 'Gradual' },
];

const sideOptions: readonly Option<(typeof SIDES)[number]>[] = [
  { value: 'left', label: 'Left' },
  { value: 'right', label: 'Right' },
  { value: 'both', label: 'Both' },
];

export const LOCATION_LABELS: Readonly<Record<(typeof LOCATIONS)[number], string>> = {
  'toes-forefoot': 'Toes / forefoot',
  foot: 'Foot',
  calf: 'Calf',
  'lateral-leg-dorsum-foot': 'Outer leg / top of foot',
  'back-of-leg-from-buttock': 'Buttock down back of leg',
  thigh: 'Thigh',
  'whole-leg': 'Whole leg',
};

export const QUALITY_LABELS: Readonly<Record<(typeof QUALITIES)[number], string>> = {
  burning: 'Burning',
  'deep-ache': 'Deep ache',
  'sharp-shooting-electric': 'Sharp / shooting / electric',
  'numbness-tingling': 'Numbness / tingling',
  'cramp-knot': 'Cramp / knot',
  'creeping-urge': 'Creeping, crawling, urge to move',
  'tight-swollen': 'Tight / swollen',
  'heavy-aching': 'Heavy, aching legs',
  'sheets-touching-hurts': 'Touch of bedsheets hurts',
};

export const TIMING_LABELS: Readonly<Record<(typeof TIMINGS)[number], string>> = {
  'immediately-when-flat': 'As soon as lying flat',
  'after-1-2-hours-wakes': 'Wakes after 1–2 h in bed',
  'evening-at-rest': 'Evening, sitting or lying at rest',
  'sudden-during-sleep': 'Sudden attack during sleep',
  'only-with-knee-pressure': 'Only with pressure at the knee',
  constant: 'Constant, day and night',
  'end-of-day-after-standing': 'End of the day, after standing',
};

export const EPISODE_LENGTH_LABELS: Readonly<Record<(typeof EPISODE_LENGTHS)[number], string>> = {
  'seconds-to-minutes': 'Seconds to minutes',
  'minutes-until-position-change': 'Until position changes',
  hours: 'Hours',
  'as-long-as-at-rest': 'As long as at rest',
  persistent: 'Persistent',
};

export const RELIEVER_LABELS: Readonly<Record<(typeof RELIEVERS)[number], string>> = {
  'dangling-leg': 'Dangling leg over bed',
  walking: 'Walking',
  'moving-legs': 'Moving the legs',
  'stretching-calf': 'Stretching the calf',
  'curling-up-flexion': 'Curling up / bending forward',
  'raising-head-of-bed': 'Raising head of bed',
  'changing-position': 'Changing position',
  'elevating-legs': 'Raising the legs up',
  nothing: 'Nothing helps',
};

export const AGGRAVATOR_LABELS: Readonly<Record<(typeof AGGRAVATORS)[number], string>> = {
  'lying-flat-on-back': 'Lying flat on the back',
  'elevating-leg': 'Raising the leg',
  'cough-sneeze': 'Cough / sneeze',
  rest: 'Rest, inactivity',
  'pressure-at-knee': 'Pressure at the knee',
};

export const RECENT_MEDICINE_LABELS: Readonly<Record<(typeof RECENT_MEDICINES)[number], string>> = {
  'sedating-antihistamine': 'Sedating antihistamine (incl. OTC sleep aids)',
  'serotonergic-antidepressant': 'SSRI, SNRI or mirtazapine',
  'dopamine-antagonist': 'Antipsychotic, metoclopramide or prochlorperazine',
  diuretic: 'Diuretic',
  statin: 'Statin',
  'other-cramp-drug': 'Raloxifene, oestrogen, naproxen, teriparatide or IV iron sucrose',
};

function options<V extends string>(labels: Readonly<Record<V, string>>): readonly Option<V>[] {
  return (Object.keys(labels) as V[]).map((value) => ({ value, label: labels[value] }));
}

const tri = (path: TriStatePath, label: string, extra: Partial<Omit<TriStateQuestion, 'kind' | 'path'>> = {}) =>
  ({ kind: 'tri', path, label, ...extra }) satisfies TriStateQuestion;

const ratio = (path: NumberPath, label: string, concept: VascularConcept, side: Side): NumberQuestion => ({
  kind: 'number',
  path,
  label,
  unit: 'ratio',
  min: PLAUSIBLE_RANGES[concept].min,
  max: PLAUSIBLE_RANGES[concept].max,
  step: 0.01,
  chart: { concept, side },
});

const pressure = (path: NumberPath, label: string, concept: VascularConcept, side: Side): NumberQuestion => ({
  kind: 'number',
  path,
  label,
  unit: 'mmHg',
  min: PLAUSIBLE_RANGES[concept].min,
  max: PLAUSIBLE_RANGES[concept].max,
  step: 1,
  chart: { concept, side },
});

const choice = (path: ChoicePath, label: string, opts: readonly Option[], help?: string): ChoiceQuestion => ({
  kind: 'choice',
  path,
  label,
  options: opts,
  ...(help ? { help } : {}),
});

/** The question, asked only once `path` is answered "yes". */
const followUp = <Q extends Question>(question: Q, path: TriStatePath): Q => ({
  ...question,
  followUpOf: { path, value: true },
});

const PULSE_OPTIONS: readonly Option<(typeof PULSES)[number]>[] = [
  { value: 'normal', label: 'Normal' },
  { value: 'diminished', label: 'Diminished' },
  { value: 'doppler-only', label: 'Doppler signal only' },
  { value: 'absent', label: 'Absent' },
];

/**
 * The form, top to bottom, in blocks (issue 9): the red-flag screen first, then the core story (about ten
 * questions), then blocks that matter only sometimes. Group ids are the engine's form-block ids, so the
 * Assessment's `formBlocks` says which of these blocks to open and why; the engine decides, this file only words.
 */
export const QUESTION_GROUPS: readonly QuestionGroup[] = [
  {
    id: 'red-flags',
    title: 'Red-flag screen',
    help: 'Ask these first, even when the story sounds benign: a "yes" raises a red flag at the top of the page.',
    questions: [
      tri('exam.suddenColdPaleLeg', 'Sudden cold, pale or numb leg'),
      tri('history.dyspnoeaOrChestPain', 'Breathlessness or chest pain'),
      tri('history.breathlessnessNewOrWorse', 'New, or worse than usual', {
        help: 'Long-standing stable breathlessness (e.g. known heart failure) is not a sign of a clot.',
        followUpOf: { path: 'history.dyspnoeaOrChestPain', value: true },
      }),
      tri('history.haemoptysisOrSyncope', 'Coughing blood or fainting'),
      tri('exam.saddleAnaesthesia', 'Saddle or genital numbness'),
      tri('exam.bladderOrBowelChange', 'New urinary retention or incontinence, or bowel change'),
      tri('history.bladderSensationOrStreamChange', 'New reduced bladder sensation, hesitancy or poor stream'),
      tri('history.sexualDysfunction', 'New sexual dysfunction (erection, ejaculation)'),
      tri('history.bilateralSciatica', 'New sciatica-type pain, numbness or weakness in both legs'),
      tri('exam.progressiveWeakness', 'Leg weakness getting worse'),
      tri('history.fever', 'Fever'),
      tri('history.weightLoss', 'Unexplained weight loss'),
      tri('exam.massiveSwellingBlueOrWhiteLeg', 'Massively swollen leg that is blue or white'),
      tri('exam.painOutOfProportion', 'Pain out of proportion to what the skin shows'),
      tri('exam.crepitusBullaeOrNecrosis', 'Crepitus, blisters, or dusky or dead skin'),
      tri('exam.tenseSwollenCompartment', 'Tense, swollen calf compartment'),
      tri('exam.painOnPassiveStretch', 'Pain on passive stretch'),
    ],
  },
  {
    id: 'story',
    title: 'The pain',
    questions: [
      choice('onset', 'How this problem began', onsetOptions),
      {
        kind: 'number',
        path: 'durationWeeks',
        label: 'Going on for',
        unit: 'weeks',
        min: 0,
        max: 5200,
        step: 1,
      },
      choice('side', 'Which leg', sideOptions),
      { kind: 'multi', path: 'locations', label: 'Where', options: options(LOCATION_LABELS) },
      { kind: 'multi', path: 'qualities', label: 'What it feels like', options: options(QUALITY_LABELS) },
      { kind: 'multi', path: 'timing', label: 'When it starts', options: options(TIMING_LABELS) },
      choice('episodeOnset', 'How each episode starts', onsetOptions),
      choice('episodeLength', 'How long an episode lasts', options(EPISODE_LENGTH_LABELS)),
      { kind: 'multi', path: 'relievedBy', label: 'Relieved by', options: options(RELIEVER_LABELS) },
      { kind: 'multi', path: 'worsenedBy', label: 'Worse with', options: options(AGGRAVATOR_LABELS) },
    ],
  },
  {
    id: 'swelling-and-clots',
    title: 'Swelling, redness and clots (Wells)',
    help: 'Where the chart knows the answer it is shown as "from chart"; your answer always wins.',
    questions: [
      tri('exam.unilateralSwelling', 'One leg swollen'),
      tri('exam.calfSwellingOver3cm', 'Calf > 3 cm larger than the other side', {
        help: 'Measured 10 cm below the tibial tuberosity.',
      }),
      tri('exam.entireLegSwollen', 'Entire leg swollen'),
      tri('exam.pittingOedemaSymptomaticLeg', 'Pitting oedema, symptomatic leg only'),
      tri('exam.deepVeinTenderness', 'Tender along the deep veins'),
      tri('exam.collateralSuperficialVeins', 'Collateral superficial (non-varicose) veins'),
      tri('exam.warmth', 'Warmth'),
      tri('exam.redness', 'Redness'),
      tri('exam.rapidlySpreadingRedness', 'Redness spreading over hours'),
      tri('history.previousDvt', 'Previously documented DVT', { chart: { conditions: ['dvt'] } }),
      tri('history.previousPe', 'Previous pulmonary embolism', { chart: { conditions: ['pulmonary-embolism'] } }),
      tri('history.activeCancer', 'Active cancer (treated in the last 6 months, or palliative)', {
        chart: { conditions: ['active-cancer'] },
      }),
      tri('history.cancerHistory', 'Any cancer, active or treated', { chart: { conditions: ['active-cancer'] } }),
      tri(
        'history.recentSurgeryOrBedRest',
        'Major surgery (general or regional anaesthesia) or 3+ days bedridden, last 12 weeks',
        {
          help: 'A procedure under local anaesthesia or a short admission does not count.',
          chart: { events: ['surgery', 'inpatient-stay'] },
        },
      ),
      tri('history.legParalysisOrCast', 'Leg paralysis, paresis or recent plaster cast', {
        chart: { events: ['immobilisation'] },
      }),
      tri('history.onAnticoagulant', 'Taking an anticoagulant'),
      followUp(
        choice('history.anticoagulantAdherence', 'Anticoagulant taken', [
          { value: 'as-prescribed', label: 'As prescribed' },
          { value: 'missed-doses', label: 'Missed doses' },
          { value: 'stopped', label: 'Stopped' },
        ]),
        'history.onAnticoagulant',
      ),
      tri('history.pregnantOrPostpartum', 'Pregnant or within 6 weeks postpartum', {
        chart: { conditions: ['pregnancy'] },
      }),
      followUp(
        choice('history.pregnancyStage', 'Stage', [
          { value: 'first-trimester', label: 'First trimester' },
          { value: 'second-trimester', label: 'Second trimester' },
          { value: 'third-trimester', label: 'Third trimester' },
          { value: 'postpartum', label: 'Postpartum (≤ 6 weeks)' },
        ]),
        'history.pregnantOrPostpartum',
      ),
      tri('history.longTravel', 'Recent long journey'),
      tri('history.alternativeDiagnosisAsLikely', 'Another diagnosis at least as likely as DVT', {
        help: 'Your judgement; scores −2 in Wells.',
      }),
    ],
  },
  {
    id: 'restless-legs',
    title: 'Restless legs (IRLSSG criteria)',
    help: 'All five must be met for the diagnostic criteria.',
    questions: [
      tri('irlssg.urgeToMove', 'Urge to move the legs, usually with unpleasant sensations'),
      tri('irlssg.worseAtRest', 'Begins or worsens at rest (lying or sitting)'),
      tri('irlssg.reliefByMovement', 'Relieved by movement, while moving'),
      tri('irlssg.eveningOrNight', 'Only or worse in the evening or night'),
      tri(
        'irlssg.notExplainedByMimic',
        'Not explained by cramps, position, myalgia, venous stasis, oedema or arthritis',
      ),
      tri('history.familyHistoryRls', 'Family history of restless legs', { chart: { conditions: ['restless-legs'] } }),
      tri('history.partnerNoticesLegJerks', 'Bed partner notices leg jerks in sleep'),
      tri('history.onDopamineAgonist', 'Taking pramipexole, ropinirole, rotigotine or levodopa'),
      tri('history.rlsAugmentation', 'Since then: symptoms earlier in the day, in the arms, or shorter relief', {
        followUpOf: { path: 'history.onDopamineAgonist', value: true },
      }),
    ],
  },
  {
    id: 'back-and-nerves',
    title: 'Back and nerves',
    questions: [
      tri('history.backPain', 'Back pain', {
        chart: { conditions: ['low-back-pain', 'lumbar-stenosis', 'lumbar-disc-herniation', 'sciatica'] },
      }),
      choice('exam.straightLegRaise', 'Straight-leg raise', [
        { value: 'positive', label: 'Positive' },
        { value: 'negative', label: 'Negative' },
      ]),
      tri('exam.dermatomalSensoryLoss', 'Sensory loss in a dermatome'),
      tri('exam.reducedAnkleReflexes', 'Reduced or absent ankle reflexes'),
      tri('exam.footDrop', 'Foot drop', { chart: { conditions: ['foot-drop'] } }),
      tri('exam.weakDorsiflexionEversion', 'Weak ankle dorsiflexion / eversion'),
      tri('exam.weakInversion', 'Weak ankle inversion'),
      tri('exam.tinelAtFibularHead', 'Tinel sign at the fibular head'),
      tri('exam.reducedVibrationOrMonofilament', 'Reduced vibration or monofilament sense in the feet'),
      tri('history.legCrossingOrKneeling', 'Habitual leg crossing, kneeling or squatting'),
      tri('history.recentTrauma', 'Recent leg or back injury', { chart: { conditions: ['leg-fracture'] } }),
      tri('history.ivDrugUseOrImmunosuppression', 'IV drug use or immunosuppression'),
      tri('history.recentBacteraemia', 'Recent bloodstream infection, endocarditis or spinal procedure'),
    ],
  },
  {
    id: 'circulation',
    title: 'Circulation and skin',
    questions: [
      choice('exam.pulsesRight', 'Foot pulses, right', PULSE_OPTIONS),
      choice('exam.pulsesLeft', 'Foot pulses, left', PULSE_OPTIONS),
      tri('exam.coolFoot', 'Cool foot'),
      tri('exam.pallorOnElevationOrDependentRubor', 'Pale on elevation or dusky red when dependent'),
      choice(
        'restPainDuration',
        'Pain at rest (or the cold leg) present for',
        [
          { value: 'hours', label: 'Hours' },
          { value: 'days', label: 'Days (under 2 weeks)' },
          { value: '2-weeks-or-more', label: '2 weeks or more' },
        ],
        'Under 2 weeks with a cold pulseless leg is acute ischaemia; 2 weeks or more is chronic.',
      ),
      choice('exam.footSensation', 'Sensation in the affected foot', [
        { value: 'normal', label: 'Normal' },
        { value: 'reduced-toes-only', label: 'Reduced, toes only' },
        { value: 'reduced-beyond-toes', label: 'Reduced beyond the toes' },
        { value: 'absent', label: 'Absent' },
      ]),
      choice('exam.footMovement', 'Toe and ankle movement, affected side', [
        { value: 'normal', label: 'Normal' },
        { value: 'weak', label: 'Weak' },
        { value: 'paralysed', label: 'Paralysed' },
      ]),
      tri('history.claudication', 'Calf pain on walking that stops with rest (claudication)', {
        chart: { conditions: ['claudication', 'pad', 'clti'] },
      }),
      tri('history.atrialFibrillation', 'Atrial fibrillation', { chart: { conditions: ['atrial-fibrillation'] } }),
      tri('history.priorLegBypassOrStent', 'Previous bypass, stent or angioplasty of the leg arteries', {
        chart: { conditions: ['peripheral-revascularisation'] },
      }),
      tri('exam.shinyHairlessSkin', 'Shiny, hairless skin'),
      tri('exam.ulcer', 'Ulcer or non-healing wound', {
        chart: { conditions: ['ischemic-ulcer', 'diabetic-foot-ulcer'] },
      }),
      followUp(
        choice('ulcerDuration', 'Ulcer present for', [
          { value: 'under-2-weeks', label: 'Under 2 weeks' },
          { value: '2-weeks-or-more', label: '2 weeks or more' },
        ]),
        'exam.ulcer',
      ),
      tri('exam.ulcerInfected', 'Ulcer infected (pus, spreading redness, probe to bone)', {
        followUpOf: { path: 'exam.ulcer', value: true },
      }),
      tri('exam.gangrene', 'Gangrene', { chart: { conditions: ['gangrene'] } }),
      tri('exam.ankleOedema', 'Ankle oedema (both legs or long-standing)'),
      tri('exam.varicoseVeins', 'Varicose veins', { chart: { conditions: ['venous-insufficiency'] } }),
      tri('exam.venousSkinChanges', 'Haemosiderin staining, lipodermatosclerosis or venous ulcer'),
    ],
  },
  {
    id: 'cramps-and-medicines',
    title: 'Cramps and medicines',
    questions: [
      tri('exam.palpableCrampKnot', 'Palpable muscle knot during an attack'),
      tri('exam.wastingOrFasciculations', 'Muscle wasting or fasciculations'),
      tri('history.recentExertionOrDehydration', 'Recent exertion, heat or dehydration'),
      tri('history.onDialysis', 'On dialysis', { chart: { conditions: ['dialysis', 'esrd'] } }),
      {
        kind: 'multi',
        path: 'recentMedicines',
        label: 'Medicines started or increased recently (including over the counter)',
        options: options(RECENT_MEDICINE_LABELS),
      },
    ],
  },
  {
    id: 'measurements',
    title: 'Measurements',
    help: 'Results already in the chart are shown; enter a value only when the chart lacks it or you measured today.',
    questions: [
      ratio('measurements.abiRight', 'ABI right', 'abi', 'right'),
      ratio('measurements.abiLeft', 'ABI left', 'abi', 'left'),
      ratio('measurements.tbiRight', 'TBI right', 'tbi', 'right'),
      ratio('measurements.tbiLeft', 'TBI left', 'tbi', 'left'),
      pressure('measurements.toePressureRight', 'Toe pressure right', 'toe-pressure', 'right'),
      pressure('measurements.toePressureLeft', 'Toe pressure left', 'toe-pressure', 'left'),
      pressure('measurements.anklePressureRight', 'Ankle pressure right', 'ankle-pressure', 'right'),
      pressure('measurements.anklePressureLeft', 'Ankle pressure left', 'ankle-pressure', 'left'),
      { kind: 'date', path: 'measurements.measuredOn', label: 'Measured on', help: 'Defaults to today.' },
    ],
  },
  {
    id: 'comment',
    title: 'Comment',
    questions: [
      {
        kind: 'text',
        path: 'comment',
        label: 'Comment for the note',
        help: 'Carried into the note as written.',
        maxLength: 4000,
      },
    ],
  },
];

/** Every question, flat, in form order. */
export const ALL_QUESTIONS: readonly Question[] = QUESTION_GROUPS.flatMap((g) => g.questions);

/** The question for a form path (for rendering "form: <question> = <answer>" in evidence lists). */
export function questionFor(path: string): Question | undefined {
  return ALL_QUESTIONS.find((q) => q.path === path);
}
