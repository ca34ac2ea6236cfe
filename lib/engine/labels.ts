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
  cellulitis: 'Cellulitis (skin and soft-tissue infection)',
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
  cellulitis: 'cellulitis',
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
  'spinal-infection': 'suspected spinal infection',
  'necrotising-soft-tissue-infection': 'possible necrotising soft-tissue infection',
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
  'atrial-fibrillation': 'atrial fibrillation',
  'peripheral-revascularisation': 'a leg bypass, stent or angioplasty',
  dialysis: 'dialysis',
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
  'heart-rate': 'heart rate',
  spo2: 'oxygen saturation',
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
  'dopamine-agonist': 'a dopamine agonist or levodopa',
};

type Opt<K extends ListField> = NonNullable<FormAnswers[K]>[number];
export type Location = Opt<'locations'>;
export type Quality = Opt<'qualities'>;
export type Timing = Opt<'timing'>;
export type Reliever = Opt<'relievedBy'>;
export type Aggravator = Opt<'worsenedBy'>;
export type RecentMedicine = Opt<'recentMedicines'>;
export type FormSide = NonNullable<FormAnswers['side']>;
export type PulseGrade = NonNullable<ExamAnswers['pulsesRight']>;

/** Multi-select fields (ticked = present; unticked is not evidence of absence). */
export type ListField = 'locations' | 'qualities' | 'timing' | 'relievedBy' | 'worsenedBy' | 'recentMedicines';
export type ListOptions = { [F in ListField]: NonNullable<FormAnswers[F]>[number] };

/** Single-choice answers, by dotted path (pulses are per leg and have their own predicate). */
export interface ChoiceOptions {
  onset: NonNullable<FormAnswers['onset']>;
  episodeOnset: NonNullable<FormAnswers['episodeOnset']>;
  side: FormSide;
  episodeLength: NonNullable<FormAnswers['episodeLength']>;
  restPainDuration: NonNullable<FormAnswers['restPainDuration']>;
  ulcerDuration: NonNullable<FormAnswers['ulcerDuration']>;
  'exam.straightLegRaise': NonNullable<ExamAnswers['straightLegRaise']>;
  'exam.footSensation': NonNullable<ExamAnswers['footSensation']>;
  'exam.footMovement': NonNullable<ExamAnswers['footMovement']>;
  'history.pregnancyStage': NonNullable<HistoryAnswers['pregnancyStage']>;
  'history.anticoagulantAdherence': NonNullable<HistoryAnswers['anticoagulantAdherence']>;
}
export type ChoiceField = keyof ChoiceOptions;
export type EpisodeLength = ChoiceOptions['episodeLength'];

/** Each choice's options as they read inside a sentence. */
export const CHOICE_OPTION_LABELS: { readonly [F in ChoiceField]: Readonly<Record<ChoiceOptions[F], string>> } = {
  onset: { sudden: 'suddenly', gradual: 'gradually' },
  episodeOnset: { sudden: 'suddenly', gradual: 'gradually' },
  side: { left: 'the left leg only', right: 'the right leg only', both: 'both legs' },
  episodeLength: {
    'seconds-to-minutes': 'seconds to minutes',
    'minutes-until-position-change': 'minutes, until the position changes',
    hours: 'hours',
    'as-long-as-at-rest': 'as long as the patient stays at rest',
    persistent: 'persistently',
  },
  restPainDuration: { hours: 'hours', days: 'days (under 2 weeks)', '2-weeks-or-more': '2 weeks or more' },
  ulcerDuration: { 'under-2-weeks': 'under 2 weeks', '2-weeks-or-more': '2 weeks or more' },
  'exam.straightLegRaise': { positive: 'positive', negative: 'negative' },
  'exam.footSensation': {
    normal: 'normal',
    'reduced-toes-only': 'reduced in the toes only',
    'reduced-beyond-toes': 'reduced beyond the toes',
    absent: 'absent',
  },
  'exam.footMovement': { normal: 'normal', weak: 'weak', paralysed: 'paralysed' },
  'history.pregnancyStage': {
    'first-trimester': 'the first trimester',
    'second-trimester': 'the second trimester',
    'third-trimester': 'the third trimester',
    postpartum: 'within 6 weeks postpartum',
  },
  'history.anticoagulantAdherence': {
    'as-prescribed': 'taken as prescribed',
    'missed-doses': 'taken with missed doses',
    stopped: 'stopped',
  },
};

/** Sentence templates for choices: `{}` is replaced by the option phrase(s). */
export const CHOICE_TEMPLATES: Readonly<Record<ChoiceField, string>> = {
  onset: 'the problem began {}',
  episodeOnset: 'each episode starts {}',
  side: 'symptoms affect {}',
  episodeLength: 'episodes last {}',
  restPainDuration: 'the pain at rest (or the cold leg) has been present for {}',
  ulcerDuration: 'the ulcer has been present for {}',
  'exam.straightLegRaise': 'the straight-leg raise is {}',
  'exam.footSensation': 'sensation in the affected foot is {}',
  'exam.footMovement': 'toe and ankle movement on the affected side is {}',
  'history.pregnancyStage': 'the patient is in {}',
  'history.anticoagulantAdherence': 'the anticoagulant is {}',
};

export const PULSE_LABELS: Readonly<Record<PulseGrade, string>> = {
  normal: 'normal',
  diminished: 'diminished',
  'doppler-only': 'not palpable (Doppler signal only)',
  absent: 'absent (no Doppler signal)',
};

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
  recentMedicines: {
    'sedating-antihistamine': 'a sedating antihistamine (including over-the-counter sleep aids)',
    'serotonergic-antidepressant': 'an SSRI, SNRI or mirtazapine',
    'dopamine-antagonist': 'an antipsychotic, metoclopramide or prochlorperazine',
    diuretic: 'a diuretic',
    statin: 'a statin',
    'other-cramp-drug':
      'another cramp-associated drug (raloxifene, oestrogens, naproxen, teriparatide, IV iron sucrose)',
  },
};

/** Sentence templates for list fields: `{}` is replaced by the option phrase(s). */
export const LIST_TEMPLATES: Readonly<Record<ListField, string>> = {
  locations: 'the pain is in {}',
  qualities: 'the pain is described as {}',
  timing: 'the timing is {}',
  relievedBy: 'the pain is relieved by {}',
  worsenedBy: 'the pain is worsened by {}',
  recentMedicines: 'medicines started or increased recently include {}',
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
  ulcerInfected: 'an infected ulcer (pus, spreading redness or probe to bone)',
  gangrene: 'gangrene',
  unilateralSwelling: 'unilateral leg swelling',
  calfSwellingOver3cm: 'calf swelling more than 3 cm over the other side',
  entireLegSwollen: 'the entire leg swollen',
  pittingOedemaSymptomaticLeg: 'pitting oedema confined to the symptomatic leg',
  massiveSwellingBlueOrWhiteLeg: 'massive swelling with a blue or white leg (phlegmasia)',
  warmth: 'warmth of the leg',
  redness: 'redness of the leg',
  painOutOfProportion: 'pain out of proportion to the skin findings',
  crepitusBullaeOrNecrosis: 'crepitus, bullae, or dusky or necrotic skin',
  rapidlySpreadingRedness: 'redness spreading over hours',
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
  bladderOrBowelChange: 'new urinary retention or incontinence, or bowel change',
  progressiveWeakness: 'progressive leg weakness',
  palpableCrampKnot: 'a palpable cramp knot',
  wastingOrFasciculations: 'muscle wasting or fasciculations',
  suddenColdPaleLeg: 'a suddenly cold, pale leg',
  tenseSwollenCompartment: 'a tense, swollen muscle compartment',
  painOnPassiveStretch: 'pain on passive stretch',
};

export const HISTORY_LABELS: Readonly<Record<HistoryItem, string>> = {
  recentSurgeryOrBedRest:
    'major surgery under general or regional anaesthesia, or 3 days or more bedridden, in the last 12 weeks',
  legParalysisOrCast: 'paralysis, paresis or a recent plaster cast of the leg',
  legCrossingOrKneeling: 'habitual leg crossing, kneeling or squatting',
  weightLoss: 'recent weight loss',
  backPain: 'back pain',
  claudication: 'claudication (calf pain on walking, eased by rest)',
  dyspnoeaOrChestPain: 'breathlessness or chest pain',
  breathlessnessNewOrWorse: 'breathlessness or chest pain that is new or worse than usual',
  haemoptysisOrSyncope: 'coughing blood or fainting',
  fever: 'fever',
  recentTrauma: 'recent leg trauma',
  cancerHistory: 'a history of cancer',
  activeCancer: 'active cancer (treated in the last 6 months, or palliative)',
  ivDrugUseOrImmunosuppression: 'IV drug use or immunosuppression',
  recentBacteraemia: 'a recent bloodstream infection, endocarditis or spinal procedure',
  pregnantOrPostpartum: 'pregnancy or within 6 weeks postpartum',
  previousDvt: 'a previously documented DVT',
  previousPe: 'a previous pulmonary embolism',
  onAnticoagulant: 'taking an anticoagulant',
  atrialFibrillation: 'atrial fibrillation',
  priorLegBypassOrStent: 'a previous bypass, stent or angioplasty of the leg arteries',
  onDialysis: 'dialysis',
  bilateralSciatica: 'new radicular (sciatica-type) pain, numbness or weakness in both legs',
  bladderSensationOrStreamChange: 'new reduced bladder sensation, hesitancy or poor stream',
  sexualDysfunction: 'new sexual dysfunction',
  onDopamineAgonist: 'taking a dopamine agonist or levodopa',
  rlsAugmentation: 'augmentation (symptoms earlier in the day, spreading to the arms, or shorter relief)',
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
