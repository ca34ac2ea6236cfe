/**
 * Plain-English names for conditions, chart concepts and form answers.
 *
 * One table per vocabulary so that evidence labels and the rendered rule book use the same words: the text a
 * reviewer approves in the rules snapshot is the text a clinician later reads beside a score.
 */
import type { ConditionId, RedFlagId, Urgency } from './assessment';
import type { ConditionConcept, LabConcept, MedicationClass, ObservationConcept, VascularConcept } from './facts';
import type { ExamAnswers, FormAnswers, HistoryAnswers, IrlssgAnswers } from '@/lib/form/schema';

export const CONDITION_LABELS: Readonly<Record<ConditionId, string>> = {
  'pad-ischemic-rest-pain': 'Ischaemic rest pain (PAD / CLTI)',
  'lumbar-radiculopathy': 'Lumbar nerve-root compression (stenosis, disc herniation, sciatica)',
  'peroneal-neuropathy': 'Common peroneal (fibular) nerve entrapment',
  'nocturnal-leg-cramps': 'Nocturnal leg cramps',
  'restless-legs-syndrome': 'Restless legs syndrome (Willis–Ekbom disease)',
  'deep-vein-thrombosis': 'Deep vein thrombosis',
  'diabetic-peripheral-neuropathy': 'Diabetic peripheral neuropathy',
  'venous-insufficiency': 'Chronic venous insufficiency',
};

/** Lower-case names used inside sentences ("+3 toward ischaemic rest pain when …"). */
export const CONDITION_PHRASES: Readonly<Record<ConditionId, string>> = {
  'pad-ischemic-rest-pain': 'ischaemic rest pain',
  'lumbar-radiculopathy': 'lumbar nerve-root compression',
  'peroneal-neuropathy': 'peroneal nerve entrapment',
  'nocturnal-leg-cramps': 'nocturnal leg cramps',
  'restless-legs-syndrome': 'restless legs syndrome',
  'deep-vein-thrombosis': 'deep vein thrombosis',
  'diabetic-peripheral-neuropathy': 'diabetic peripheral neuropathy',
  'venous-insufficiency': 'chronic venous insufficiency',
};

export const RED_FLAG_LABELS: Readonly<Record<RedFlagId, string>> = {
  'suspected-dvt': 'suspected deep vein thrombosis',
  'possible-pulmonary-embolism': 'possible pulmonary embolism',
  'acute-limb-ischemia': 'acute limb ischaemia',
  'chronic-limb-threatening-ischemia': 'chronic limb-threatening ischaemia',
  'cauda-equina': 'cauda equina syndrome',
  cellulitis: 'cellulitis',
  'progressive-foot-drop': 'new or progressive foot drop',
  'night-pain-malignancy-infection': 'night pain suggesting malignancy or infection',
  'compartment-syndrome': 'compartment syndrome',
};

/** Urgency in words: the first thing read on a red flag, before any colour (screen and note alike). */
export const URGENCY_LABELS: Readonly<Record<Urgency, string>> = {
  emergency: 'Emergency',
  urgent: 'Urgent',
  soon: 'Soon',
};

export const CONCEPT_LABELS: Readonly<Partial<Record<ConditionConcept, string>>> = {
  diabetes: 'diabetes',
  prediabetes: 'prediabetes',
  'diabetic-neuropathy': 'diabetic neuropathy',
  'peripheral-neuropathy': 'peripheral neuropathy',
  pad: 'peripheral artery disease',
  claudication: 'intermittent claudication',
  clti: 'chronic limb-threatening ischaemia',
  'ischemic-ulcer': 'an ischaemic ulcer',
  gangrene: 'gangrene',
  'diabetic-foot-ulcer': 'a diabetic foot ulcer',
  amputation: 'a lower-limb amputation',
  dvt: 'deep vein thrombosis',
  'pulmonary-embolism': 'pulmonary embolism',
  thrombophilia: 'thrombophilia',
  'lumbar-stenosis': 'lumbar spinal stenosis',
  'lumbar-disc-herniation': 'lumbar disc herniation',
  sciatica: 'sciatica',
  'lumbar-radiculopathy': 'lumbar radiculopathy',
  'low-back-pain': 'chronic low back pain',
  'peroneal-neuropathy': 'peroneal neuropathy',
  'foot-drop': 'foot drop',
  'restless-legs': 'restless legs syndrome',
  'leg-cramps': 'sleep-related leg cramps',
  'venous-insufficiency': 'venous insufficiency or varicose veins',
  ckd: 'chronic kidney disease',
  esrd: 'end-stage renal disease',
  'iron-deficiency': 'iron deficiency',
  anemia: 'anaemia',
  pregnancy: 'pregnancy',
  'active-cancer': 'active cancer',
  hypothyroidism: 'hypothyroidism',
  'cardiovascular-disease': 'coronary or cerebrovascular disease',
  cirrhosis: 'cirrhosis',
  cellulitis: 'cellulitis',
  'leg-fracture': 'a knee, leg or fibular fracture',
  'tobacco-use': 'tobacco use',
};

export const OBSERVATION_LABELS: Readonly<Record<ObservationConcept, string>> = {
  hba1c: 'HbA1c',
  glucose: 'glucose',
  ferritin: 'ferritin',
  iron: 'serum iron',
  tibc: 'TIBC',
  'transferrin-saturation': 'transferrin saturation',
  potassium: 'potassium',
  magnesium: 'magnesium',
  calcium: 'calcium',
  creatinine: 'creatinine',
  egfr: 'eGFR',
  tsh: 'TSH',
  'd-dimer': 'D-dimer',
  'vitamin-b12': 'vitamin B12',
  hemoglobin: 'haemoglobin',
  bmi: 'BMI',
  abi: 'ABI',
  tbi: 'TBI',
  'ankle-pressure': 'ankle pressure',
  'toe-pressure': 'toe pressure',
  tcpo2: 'TcPO2',
};

export const MEDICATION_LABELS: Readonly<Record<MedicationClass, string>> = {
  metformin: 'metformin',
  diuretic: 'a diuretic',
  statin: 'a statin',
  laba: 'a long-acting β2-agonist',
  'estrogen-serm': 'an oestrogen, raloxifene or tamoxifen',
  'sedating-antihistamine': 'a sedating antihistamine',
  antidepressant: 'an SSRI, SNRI, mirtazapine or tricyclic',
  antipsychotic: 'an antipsychotic',
  metoclopramide: 'metoclopramide',
  anticoagulant: 'an anticoagulant',
  'other-cramp-associated': 'another cramp-associated drug (naproxen, teriparatide, IV iron sucrose)',
};

type Opt<K extends 'locations' | 'qualities' | 'timing' | 'relievedBy' | 'worsenedBy'> = NonNullable<
  FormAnswers[K]
>[number];
export type Location = Opt<'locations'>;
export type Quality = Opt<'qualities'>;
export type Timing = Opt<'timing'>;
export type Reliever = Opt<'relievedBy'>;
export type Aggravator = Opt<'worsenedBy'>;
export type Onset = NonNullable<FormAnswers['onset']>;
export type FormSide = NonNullable<FormAnswers['side']>;
export type EpisodeLength = NonNullable<FormAnswers['episodeLength']>;
export type PedalPulses = NonNullable<ExamAnswers['pedalPulses']>;

export interface ListOptions {
  locations: Location;
  qualities: Quality;
  timing: Timing;
  relievedBy: Reliever;
  worsenedBy: Aggravator;
}
export type ListField = keyof ListOptions;

export const OPTION_LABELS: { readonly [F in ListField]: Readonly<Record<ListOptions[F], string>> } = {
  locations: {
    'toes-forefoot': 'the toes or forefoot',
    foot: 'the foot',
    calf: 'the calf',
    'lateral-leg-dorsum-foot': 'the outer leg or top of the foot',
    'back-of-leg-from-buttock': 'the back of the leg, from the buttock',
    thigh: 'the thigh',
    'whole-leg': 'the whole leg',
  },
  qualities: {
    burning: 'burning',
    'deep-ache': 'a deep ache',
    'sharp-shooting-electric': 'sharp, shooting or electric',
    'numbness-tingling': 'numbness or tingling',
    'cramp-knot': 'a cramp with a knot',
    'creeping-urge': 'creeping or crawling with an urge to move',
    'tight-swollen': 'tight or swollen',
    'heavy-aching': 'heavy and aching',
    'sheets-touching-hurts': 'painful to the touch of the bedsheets (allodynia)',
  },
  timing: {
    'immediately-when-flat': 'immediately on lying flat',
    'after-1-2-hours-wakes': '1–2 hours after lying down, waking the patient',
    'evening-at-rest': 'in the evening at rest',
    'sudden-during-sleep': 'sudden, during sleep',
    'only-with-knee-pressure': 'only with pressure at the knee',
    constant: 'constant',
    'end-of-day-after-standing': 'at the end of the day after standing',
  },
  relievedBy: {
    'dangling-leg': 'dangling the leg over the bed',
    walking: 'walking',
    'moving-legs': 'moving the legs',
    'stretching-calf': 'stretching the calf',
    'curling-up-flexion': 'curling up (spinal flexion)',
    'raising-head-of-bed': 'raising the head of the bed',
    'changing-position': 'changing position',
    'elevating-legs': 'raising the legs up',
    nothing: 'nothing',
  },
  worsenedBy: {
    'lying-flat-on-back': 'lying flat on the back',
    'elevating-leg': 'elevating the leg',
    'cough-sneeze': 'coughing or sneezing',
    rest: 'rest',
    'pressure-at-knee': 'pressure at the knee',
  },
};

/** Sentence templates for list fields: `{}` is replaced by the option phrase(s). */
export const LIST_TEMPLATES: Readonly<Record<ListField, string>> = {
  locations: 'the pain is in {}',
  qualities: 'the pain is described as {}',
  timing: 'the timing is {}',
  relievedBy: 'the pain is relieved by {}',
  worsenedBy: 'the pain is worsened by {}',
};

export const EPISODE_LABELS: Readonly<Record<EpisodeLength, string>> = {
  'seconds-to-minutes': 'seconds to minutes',
  'minutes-until-position-change': 'minutes, until the position changes',
  hours: 'hours',
  'as-long-as-at-rest': 'as long as the patient stays at rest',
  persistent: 'persistently',
};

export const SIDE_LABELS: Readonly<Record<FormSide, string>> = {
  left: 'the left leg only',
  right: 'the right leg only',
  both: 'both legs',
};

type BoolKeys<T> = { [K in keyof T]-?: NonNullable<T[K]> extends boolean ? K : never }[keyof T];
export type ExamFinding = BoolKeys<ExamAnswers>;
export type HistoryItem = BoolKeys<HistoryAnswers>;
export type IrlssgItem = keyof IrlssgAnswers;

export const EXAM_LABELS: Readonly<Record<ExamFinding, string>> = {
  coolFoot: 'a cool foot',
  pallorOnElevationOrDependentRubor: 'pallor on elevation or dependent rubor',
  shinyHairlessSkin: 'shiny, hairless skin',
  ulcer: 'a foot or leg ulcer',
  gangrene: 'gangrene',
  unilateralSwelling: 'unilateral leg swelling',
  calfSwellingOver3cm: 'calf swelling more than 3 cm over the other side',
  entireLegSwollen: 'the entire leg swollen',
  pittingOedemaSymptomaticLeg: 'pitting oedema confined to the symptomatic leg',
  warmth: 'warmth of the leg',
  redness: 'redness of the leg',
  deepVeinTenderness: 'tenderness along the deep veins',
  collateralSuperficialVeins: 'collateral superficial (non-varicose) veins',
  varicoseVeins: 'varicose veins',
  venousSkinChanges: 'haemosiderin staining, lipodermatosclerosis or a venous ulcer',
  ankleOedema: 'ankle oedema',
  footDrop: 'foot drop',
  weakDorsiflexionEversion: 'weak ankle dorsiflexion and eversion',
  weakInversion: 'weak ankle inversion',
  tinelAtFibularHead: 'a positive Tinel sign at the fibular head',
  dermatomalSensoryLoss: 'dermatomal sensory loss',
  reducedVibrationOrMonofilament: 'reduced vibration or monofilament sensation',
  reducedAnkleReflexes: 'reduced or absent ankle reflexes',
  saddleAnaesthesia: 'saddle anaesthesia',
  bladderOrBowelChange: 'new bladder or bowel change',
  progressiveWeakness: 'progressive leg weakness',
  palpableCrampKnot: 'a palpable cramp knot',
  suddenColdPaleLeg: 'a suddenly cold, pale leg',
  tenseSwollenCompartment: 'a tense, swollen muscle compartment',
  painOnPassiveStretch: 'pain on passive stretch',
};

export const HISTORY_LABELS: Readonly<Record<HistoryItem, string>> = {
  recentSurgeryOrBedRest: 'recent surgery or bed rest over 3 days',
  legParalysisOrCast: 'paralysis, paresis or a recent plaster cast of the leg',
  legCrossingOrKneeling: 'habitual leg crossing, kneeling or squatting',
  weightLoss: 'recent weight loss',
  backPain: 'back pain',
  claudication: 'claudication (calf pain on walking, eased by rest)',
  dyspnoeaOrChestPain: 'breathlessness or chest pain',
  haemoptysisOrSyncope: 'coughing blood or fainting',
  fever: 'fever',
  recentTrauma: 'recent leg trauma',
  cancerHistory: 'a history of cancer',
  ivDrugUseOrImmunosuppression: 'IV drug use or immunosuppression',
  pregnantOrPostpartum: 'pregnancy or within 6 weeks postpartum',
  familyHistoryRls: 'a family history of restless legs',
  partnerNoticesLegJerks: 'leg jerks in sleep noticed by a bed partner',
  recentExertionOrDehydration: 'recent exertion, heat or dehydration',
  longTravel: 'recent long-distance travel',
  alternativeDiagnosisAsLikely: 'an alternative diagnosis at least as likely as DVT (clinician judgement)',
};

export const IRLSSG_LABELS: Readonly<Record<IrlssgItem, string>> = {
  urgeToMove: 'urge to move the legs, usually with uncomfortable sensations',
  worseAtRest: 'begins or worsens during rest or inactivity',
  reliefByMovement: 'partly or totally relieved by movement while it continues',
  eveningOrNight: 'only or worse in the evening or night',
  notExplainedByMimic: 'not solely explained by another condition (cramps, positional discomfort, oedema…)',
};

export const IRLSSG_ORDER: readonly IrlssgItem[] = [
  'urgeToMove',
  'worseAtRest',
  'reliefByMovement',
  'eveningOrNight',
  'notExplainedByMimic',
];

export function joinOr(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} or ${items[items.length - 1] ?? ''}`;
}

export function vascularLabel(concept: VascularConcept): string {
  return OBSERVATION_LABELS[concept];
}

export function labLabel(concept: LabConcept): string {
  return OBSERVATION_LABELS[concept];
}
