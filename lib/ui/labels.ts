/**
 * Words for the domain's ids: what the workspace prints for a likelihood, an urgency, a chart concept.
 *
 * Presentation only: which concepts are grouped together on screen is a reading aid for the clinician; the
 * engine's reasoning does not depend on it.
 */
import type { Likelihood, Urgency, WorkupPriority, AbiBand } from '../engine/assessment';
import { RECORD_WORDS } from '../core/records';
import type { ChartSection, ConditionConcept, LabConcept, MedicationClass } from '../engine/facts';

export const LIKELIHOOD_WORDS: Readonly<Record<Likelihood, string>> = {
  high: 'High likelihood',
  moderate: 'Moderate likelihood',
  low: 'Low likelihood',
  unlikely: 'Unlikely',
};

export const URGENCY_HINT: Readonly<Record<Urgency, string>> = {
  emergency: 'act now',
  urgent: 'same day to days',
  soon: 'within weeks',
};

export const URGENCY_ORDER: readonly Urgency[] = ['emergency', 'urgent', 'soon'];

export const PRIORITY_WORDS: Readonly<Record<WorkupPriority, string>> = {
  now: 'Now',
  soon: 'Soon',
  routine: 'Routine',
};

export const PRIORITY_ORDER: readonly WorkupPriority[] = ['now', 'soon', 'routine'];

export const ABI_BAND_WORDS: Readonly<Record<AbiBand, string>> = {
  abnormal: 'Abnormal',
  borderline: 'Borderline',
  normal: 'Normal',
  noncompressible: 'Noncompressible',
};

/** The section words of `lib/core/records.ts` (one table for data issues, section states and the UI). */
export const SECTION_WORDS: Readonly<Record<ChartSection, string>> = {
  Patient: RECORD_WORDS.Patient.many,
  Condition: RECORD_WORDS.Condition.many,
  Observation: RECORD_WORDS.Observation.many,
  MedicationRequest: RECORD_WORDS.MedicationRequest.many,
  Procedure: RECORD_WORDS.Procedure.many,
  Encounter: RECORD_WORDS.Encounter.many,
};

export const LAB_LABELS: Readonly<Record<LabConcept, string>> = {
  hba1c: 'HbA1c',
  glucose: 'Glucose',
  ferritin: 'Ferritin',
  iron: 'Serum iron',
  tibc: 'TIBC',
  'transferrin-saturation': 'Transferrin saturation',
  potassium: 'Potassium',
  magnesium: 'Magnesium',
  calcium: 'Calcium',
  creatinine: 'Creatinine',
  egfr: 'eGFR',
  tsh: 'TSH',
  'd-dimer': 'D-dimer',
  'vitamin-b12': 'Vitamin B12',
  hemoglobin: 'Haemoglobin',
  bmi: 'BMI',
  'heart-rate': 'Heart rate',
  spo2: 'Oxygen saturation',
};

/** Labs in the order a clinician scans them: iron studies, electrolytes, renal, glycaemia, other. */
export const LAB_ORDER: readonly LabConcept[] = [
  'ferritin',
  'transferrin-saturation',
  'iron',
  'tibc',
  'hemoglobin',
  'potassium',
  'magnesium',
  'calcium',
  'creatinine',
  'egfr',
  'hba1c',
  'glucose',
  'tsh',
  'vitamin-b12',
  'd-dimer',
  'bmi',
  'heart-rate',
  'spo2',
];

export const MEDICATION_CLASS_LABELS: Readonly<Record<MedicationClass, string>> = {
  metformin: 'Metformin',
  diuretic: 'Diuretic',
  statin: 'Statin',
  laba: 'Long-acting β2-agonist',
  'estrogen-serm': 'Oestrogen / SERM',
  'sedating-antihistamine': 'Sedating antihistamine',
  antidepressant: 'Antidepressant',
  antipsychotic: 'Antipsychotic',
  metoclopramide: 'Metoclopramide',
  anticoagulant: 'Anticoagulant',
  'other-cramp-associated': 'Other cramp-associated drug',
  'dopamine-agonist': 'Dopamine agonist / levodopa',
};

export interface ConditionGroup {
  readonly id: string;
  readonly title: string;
  readonly concepts: readonly ConditionConcept[];
}

/**
 * The chart-evidence rows, in reading order. The first eight are always shown (with "not on file" when empty)
 * because a clinician needs to know they were looked for; the last row collects anything else that matched.
 */
export const CONDITION_GROUPS: readonly ConditionGroup[] = [
  {
    id: 'pad',
    title: 'PAD / limb ischaemia',
    concepts: ['pad', 'claudication', 'clti', 'ischemic-ulcer', 'gangrene', 'amputation'],
  },
  {
    id: 'diabetes',
    title: 'Diabetes',
    concepts: ['diabetes', 'prediabetes', 'diabetic-neuropathy', 'diabetic-foot-ulcer'],
  },
  { id: 'vte', title: 'Prior DVT / PE', concepts: ['dvt', 'pulmonary-embolism', 'thrombophilia'] },
  {
    id: 'spine',
    title: 'Spine',
    concepts: ['lumbar-stenosis', 'lumbar-disc-herniation', 'sciatica', 'lumbar-radiculopathy', 'low-back-pain'],
  },
  { id: 'rls', title: 'Restless legs / iron', concepts: ['restless-legs', 'iron-deficiency', 'anemia'] },
  { id: 'ckd', title: 'Kidney disease', concepts: ['ckd', 'esrd'] },
  { id: 'cancer', title: 'Cancer', concepts: ['active-cancer'] },
  { id: 'pregnancy', title: 'Pregnancy', concepts: ['pregnancy'] },
  {
    id: 'other',
    title: 'Other relevant',
    concepts: [
      'peripheral-neuropathy',
      'peroneal-neuropathy',
      'foot-drop',
      'leg-cramps',
      'venous-insufficiency',
      'cellulitis',
      'leg-fracture',
      'hypothyroidism',
      'cirrhosis',
      'cardiovascular-disease',
      'hypertension',
      'hyperlipidemia',
      'obesity',
      'tobacco-use',
    ],
  },
];

export const SMOKING_WORDS = {
  current: 'Current smoker',
  former: 'Former smoker',
  never: 'Never smoked',
  unknown: 'Smoking status unknown',
} as const;

export const SEX_WORDS = {
  male: 'Male',
  female: 'Female',
  other: 'Other',
  unknown: 'Sex unknown',
} as const;

export const EVENT_WORDS = {
  surgery: 'Surgery',
  'inpatient-stay': 'Inpatient stay',
  immobilisation: 'Immobilisation / cast',
} as const;
