/**
 * Domain facts: the engine's view of the chart.
 *
 * This file is the contract between `fhir-mappings` (which turns FHIR into these facts) and `lib/engine`
 * (which reasons over them). It deliberately contains no FHIR types: the engine must be testable and
 * reviewable without knowing how a server spells a code. Every fact carries {@link FactProvenance} so that
 * any point the engine awards can be traced back to the resource and date it came from.
 */
import type { DataProblem } from '../core/problem';
import type { RecordType } from '../core/records';

/** Concepts recorded as Conditions (problem list / encounter diagnoses). Stable ids; value sets map codes onto them. */
export const CONDITION_CONCEPTS = [
  'diabetes',
  'prediabetes',
  'diabetic-neuropathy',
  'peripheral-neuropathy',
  'pad',
  'claudication',
  'clti',
  'ischemic-ulcer',
  'gangrene',
  'diabetic-foot-ulcer',
  'amputation',
  'dvt',
  'pulmonary-embolism',
  'thrombophilia',
  'lumbar-stenosis',
  'lumbar-disc-herniation',
  'sciatica',
  'lumbar-radiculopathy',
  'low-back-pain',
  'peroneal-neuropathy',
  'foot-drop',
  'restless-legs',
  'leg-cramps',
  'venous-insufficiency',
  'ckd',
  'esrd',
  'iron-deficiency',
  'anemia',
  'pregnancy',
  'active-cancer',
  'hypothyroidism',
  'cardiovascular-disease',
  'hypertension',
  'hyperlipidemia',
  'obesity',
  'cirrhosis',
  'cellulitis',
  'leg-fracture',
  'tobacco-use',
  'atrial-fibrillation',
  'peripheral-revascularisation',
  'dialysis',
] as const;
export type ConditionConcept = (typeof CONDITION_CONCEPTS)[number];

/** Numeric observations the engine reads. Vascular tests carry laterality; labs do not. */
export const LAB_CONCEPTS = [
  'hba1c',
  'glucose',
  'ferritin',
  'iron',
  'tibc',
  'transferrin-saturation',
  'potassium',
  'magnesium',
  'calcium',
  'creatinine',
  'egfr',
  'tsh',
  'd-dimer',
  'vitamin-b12',
  'hemoglobin',
  'bmi',
  'heart-rate',
  'spo2',
] as const;
export type LabConcept = (typeof LAB_CONCEPTS)[number];

export const VASCULAR_CONCEPTS = ['abi', 'tbi', 'ankle-pressure', 'toe-pressure', 'tcpo2'] as const;
export type VascularConcept = (typeof VASCULAR_CONCEPTS)[number];

export type ObservationConcept = LabConcept | VascularConcept;

/**
 * Canonical units, one per concept. Mappers convert to these (UCUM) so the engine compares numbers
 * against guideline thresholds without ever seeing a unit string.
 */
export const CANONICAL_UNITS: Readonly<Record<ObservationConcept, string>> = {
  hba1c: '%',
  glucose: 'mg/dL',
  ferritin: 'ug/L',
  iron: 'ug/dL',
  tibc: 'ug/dL',
  'transferrin-saturation': '%',
  potassium: 'mmol/L',
  magnesium: 'mg/dL',
  calcium: 'mg/dL',
  creatinine: 'mg/dL',
  egfr: 'mL/min/{1.73_m2}',
  tsh: 'm[IU]/L',
  'd-dimer': 'ng/mL{FEU}',
  'vitamin-b12': 'pg/mL',
  hemoglobin: 'g/dL',
  bmi: 'kg/m2',
  'heart-rate': '/min',
  spo2: '%',
  abi: '{ratio}',
  tbi: '{ratio}',
  'ankle-pressure': 'mm[Hg]',
  'toe-pressure': 'mm[Hg]',
  tcpo2: 'mm[Hg]',
};

export const MEDICATION_CLASSES = [
  'diuretic',
  'statin',
  'laba',
  'estrogen-serm',
  'sedating-antihistamine',
  'antidepressant',
  'antipsychotic',
  'metoclopramide',
  'anticoagulant',
  'other-cramp-associated',
  'metformin',
  'dopamine-agonist',
] as const;
export type MedicationClass = (typeof MEDICATION_CLASSES)[number];

/** Where a fact came from: enough for a clinician to find it in the chart. */
export interface FactProvenance {
  /** Relative reference, e.g. `Observation/123`. */
  readonly reference: string;
  /** The clinically relevant date (effective / onset / recorded / authored), ISO 8601. */
  readonly date?: string;
  /** The coding (or text) that matched the value set. */
  readonly matched?: {
    readonly system?: string | undefined;
    readonly code?: string | undefined;
    readonly display?: string | undefined;
    readonly text?: string | undefined;
  };
  /** Which value set matched, e.g. `abi`. */
  readonly valueSet?: string;
  /** How the record matched: a reviewed or site code, an ICD-10-CM prefix, or free text (least reliable). */
  readonly matchedBy?: 'code' | 'icd10-prefix' | 'text';
  /**
   * Verification mark of the matched code or prefix (clinical reference ✅ / ◐ / ⚠). `unverified` facts only
   * appear when a site opts in to ⚠ codes; show them as "unverified code: confirm". Absent for text matches.
   */
  readonly verification?: 'verified' | 'single-source' | 'unverified';
}

export type Side = 'left' | 'right';

export interface ConditionFact {
  readonly concept: ConditionConcept;
  /** `active` = active/recurrence/relapse; `history` = resolved/inactive/remission or a "history of" code. */
  readonly status: 'active' | 'history';
  /** Human-readable name as recorded in the chart. */
  readonly label: string;
  readonly onset?: string;
  readonly abatement?: string;
  readonly side?: Side | 'bilateral';
  /**
   * `false` when the record's verificationStatus is provisional or unconfirmed: a suspicion, not a diagnosis,
   * so the engine should weigh it down. Absent when confirmed or not stated.
   */
  readonly confirmed?: false;
  /**
   * `true` when the concept is implied by a complication record (e.g. diabetes from "Neuropathy due to type 2
   * diabetes mellitus") rather than recorded plainly. Plain records of the same concept sort before implied ones.
   */
  readonly implied?: true;
  readonly provenance: FactProvenance;
}

export interface ObservationFact {
  readonly concept: ObservationConcept;
  /** Value in {@link CANONICAL_UNITS} for the concept. */
  readonly value: number;
  readonly unit: string;
  /** As recorded, when a conversion happened (shown so a clinician can check it). */
  readonly original?: { readonly value: number; readonly unit: string };
  /** Only for vascular tests; `undefined` when the chart did not say which leg. */
  readonly side?: Side;
  /** Effective date-time, ISO 8601. */
  readonly date: string;
  /** Lab's own flag, if given (H/L/N/A), normalised. */
  readonly interpretation?: 'high' | 'low' | 'normal' | 'abnormal';
  readonly referenceRange?: { readonly low?: number; readonly high?: number };
  readonly provenance: FactProvenance;
}

export interface MedicationFact {
  readonly medClass: MedicationClass;
  readonly label: string;
  readonly status: 'active' | 'stopped';
  readonly date?: string;
  readonly provenance: FactProvenance;
}

/** Events that matter for VTE risk and nerve compression: surgery, inpatient stays, casts. */
export interface CareEventFact {
  readonly kind: 'surgery' | 'inpatient-stay' | 'immobilisation';
  readonly label: string;
  /** When it ended (or was performed), ISO 8601. */
  readonly date: string;
  /**
   * Surgery only: `major` when the procedure is one done under general or regional anaesthesia (the Wells
   * item), `minor` when it is a local-anaesthetic procedure; absent when the chart cannot tell (then ask).
   */
  readonly surgeryClass?: 'major' | 'minor';
  /** Inpatient stays only: length of stay in days, when both ends of the stay are recorded. */
  readonly days?: number;
  readonly provenance: FactProvenance;
}

export interface SmokingFact {
  readonly status: 'current' | 'former' | 'never' | 'unknown';
  readonly date?: string;
  readonly provenance: FactProvenance;
}

export interface PatientFact {
  readonly birthDate?: string;
  readonly sex?: 'male' | 'female' | 'other' | 'unknown';
  /** Present when the chart records the patient as deceased (`date` when deceasedDateTime is given). */
  readonly deceased?: { readonly date?: string };
  readonly provenance?: FactProvenance;
}

/** The sections the chart is read in: the FHIR resource types of `lib/core/records.ts`. */
export type ChartSection = RecordType;

/** A record that could not be used, and why: the shared vocabulary's data problem (`lib/core/problem.ts`). */
export type DataIssue = DataProblem;

/**
 * Everything the engine knows from the chart.
 * Series are newest first. `unavailable` lists sections that could not be loaded (server error,
 * missing scope): the engine must treat their concepts as unknown, never as "not on file".
 */
export interface ChartFacts {
  readonly patient?: PatientFact;
  readonly conditions: readonly ConditionFact[];
  readonly observations: readonly ObservationFact[];
  readonly medications: readonly MedicationFact[];
  readonly events: readonly CareEventFact[];
  readonly smoking?: SmokingFact;
  readonly unavailable: readonly ChartSection[];
  readonly dataIssues: readonly DataIssue[];
}

/** An empty chart: nothing on file and nothing failed. */
export const EMPTY_FACTS: ChartFacts = {
  conditions: [],
  observations: [],
  medications: [],
  events: [],
  unavailable: [],
  dataIssues: [],
};
