/**
 * A small chart builder for the synthetic personas.
 *
 * Why a builder and not JSON files: every date in a persona is relative to an injected `now`, so "hip
 * replacement 3 weeks ago" stays 3 weeks ago whenever the tests or the sandbox run. The builder also keeps
 * ids unique across personas (`<patient id>-<key>`) so all of them can live in one FHIR store.
 *
 * Code systems are spelled out here on purpose instead of importing `fhir-mappings/code-systems.ts`: the
 * personas are test data for those mappers, and test data that derives its codes from the code under test
 * cannot catch a typo in it. Codes come from the project's clinical reference (✅ where one exists).
 */
import type {
  Bundle,
  BundleEntry,
  CodeableConcept,
  Coding,
  Condition,
  Encounter,
  FhirResource,
  MedicationRequest,
  Observation,
  ObservationComponent,
  Patient,
  Practitioner,
  Procedure,
  Quantity,
} from 'fhir/r4';
import { DAY_MS } from '../../lib/core/time';

export const SYSTEMS = {
  snomed: 'http://snomed.info/sct',
  loinc: 'http://loinc.org',
  icd10cm: 'http://hl7.org/fhir/sid/icd-10-cm',
  rxnorm: 'http://www.nlm.nih.gov/research/umls/rxnorm',
  ucum: 'http://unitsofmeasure.org',
  actCode: 'http://terminology.hl7.org/CodeSystem/v3-ActCode',
  conditionClinical: 'http://terminology.hl7.org/CodeSystem/condition-clinical',
  conditionVerification: 'http://terminology.hl7.org/CodeSystem/condition-ver-status',
  conditionCategory: 'http://terminology.hl7.org/CodeSystem/condition-category',
  observationCategory: 'http://terminology.hl7.org/CodeSystem/observation-category',
  interpretation: 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation',
  npi: 'http://hl7.org/fhir/sid/us-npi',
  mrn: 'http://hospital.example.org/mrn',
  /** A site's own flowsheet codes: only understood when a site configures them as local codes. */
  localFlowsheet: 'http://hospital.example.org/flowsheet',
} as const;

/** Base for `Bundle.entry.fullUrl`; the sandbox store serves resources under its own base. */
const FULL_URL_BASE = 'https://fhir.nocturne.example/r4';

export const snomed = (code: string, display: string): Coding => ({ system: SYSTEMS.snomed, code, display });
export const loinc = (code: string, display: string): Coding => ({ system: SYSTEMS.loinc, code, display });
export const icd10 = (code: string, display: string): Coding => ({ system: SYSTEMS.icd10cm, code, display });
export const rxnorm = (code: string, display: string): Coding => ({ system: SYSTEMS.rxnorm, code, display });

/** `now` minus a number of days (fractions allowed), as an ISO 8601 instant. */
export function daysAgo(now: Date, days: number): string {
  return new Date(now.getTime() - days * DAY_MS).toISOString();
}

/** The calendar date part of {@link daysAgo}. */
export function dateDaysAgo(now: Date, days: number): string {
  return daysAgo(now, days).slice(0, 10);
}

/** A birth date that makes the patient exactly `age` years old at `now` (birthday 40 days ago). */
export function birthDateForAge(now: Date, age: number): string {
  const lastBirthday = new Date(now.getTime() - 40 * DAY_MS);
  const birth = new Date(
    Date.UTC(lastBirthday.getUTCFullYear() - age, lastBirthday.getUTCMonth(), lastBirthday.getUTCDate()),
  );
  return birth.toISOString().slice(0, 10);
}

/** Laterality as the chart would put it on `Observation.bodySite` (SNOMED qualifier values plus text). */
export const LATERALITY = {
  right: { coding: [snomed('24028007', 'Right')], text: 'Right lower limb' },
  left: { coding: [snomed('7771000', 'Left')], text: 'Left lower limb' },
} as const satisfies Record<'right' | 'left', CodeableConcept>;

/** A clinician who can be the launch's `fhirUser`; the same id in every persona that uses them. */
export interface Clinician {
  readonly id: string;
  readonly given: string;
  readonly family: string;
  readonly prefix: string;
  readonly npi: string;
  readonly qualification: string;
}

export const CLINICIANS = {
  okafor: {
    id: 'practitioner-amara-okafor',
    given: 'Amara',
    family: 'Okafor',
    prefix: 'Dr.',
    npi: '1902847561',
    qualification: 'MD',
  },
  lindqvist: {
    id: 'practitioner-erik-lindqvist',
    given: 'Erik',
    family: 'Lindqvist',
    prefix: 'Dr.',
    npi: '1548203917',
    qualification: 'MD',
  },
  nguyen: {
    id: 'practitioner-mai-nguyen',
    given: 'Mai',
    family: 'Nguyen',
    prefix: '',
    npi: '1366019384',
    qualification: 'NP',
  },
} as const satisfies Record<string, Clinician>;

export interface PatientSpec {
  readonly given: string;
  readonly family: string;
  readonly sex: 'male' | 'female';
  readonly age: number;
  readonly mrn: string;
  readonly city?: string;
}

export type ClinicalStatus = 'active' | 'recurrence' | 'relapse' | 'inactive' | 'remission' | 'resolved';
export type VerificationStatus =
  'unconfirmed' | 'provisional' | 'differential' | 'confirmed' | 'refuted' | 'entered-in-error';

export interface ConditionSpec {
  readonly key: string;
  readonly codings: readonly Coding[];
  readonly text?: string;
  readonly clinical?: ClinicalStatus;
  readonly verification?: VerificationStatus;
  /** Days before `now` the condition began. */
  readonly onsetDaysAgo?: number;
  readonly abatementDaysAgo?: number;
  readonly recordedDaysAgo?: number;
  readonly category?: 'problem-list-item' | 'encounter-diagnosis';
}

export interface QuantitySpec {
  readonly value: number;
  /** Human unit, as the lab prints it. */
  readonly unit: string;
  /** UCUM code; omitted for units a lab writes free-text only. */
  readonly ucum?: string;
}

export interface ObservationSpec {
  readonly key: string;
  readonly code: CodeableConcept;
  readonly quantity?: QuantitySpec;
  readonly valueCodeableConcept?: CodeableConcept;
  readonly daysAgo: number;
  readonly category?: 'laboratory' | 'vital-signs' | 'exam' | 'social-history' | 'procedure';
  readonly status?: Observation['status'];
  readonly side?: 'right' | 'left';
  readonly referenceRange?: { readonly low?: number; readonly high?: number };
  readonly interpretation?: 'H' | 'L' | 'N' | 'A';
  readonly components?: readonly ObservationComponent[];
  readonly note?: string;
}

/** What a persona adds to a {@link ChartBuilder.lab} or {@link ChartBuilder.abi} result beyond code, value and date. */
export type ObservationExtra = Partial<Omit<ObservationSpec, 'code' | 'quantity' | 'daysAgo' | 'side'>>;

export interface MedicationSpec {
  readonly key: string;
  readonly codings: readonly Coding[];
  readonly text: string;
  readonly status?: MedicationRequest['status'];
  readonly authoredDaysAgo: number;
  readonly dosage?: string;
}

export interface ProcedureSpec {
  readonly key: string;
  readonly codings: readonly Coding[];
  readonly text: string;
  readonly daysAgo: number;
  /** Length of the procedure in hours (its `performedPeriod`). */
  readonly hours?: number;
}

function range(q: QuantitySpec, r: { readonly low?: number; readonly high?: number }) {
  return {
    ...(r.low !== undefined ? { low: quantity({ ...q, value: r.low }) } : {}),
    ...(r.high !== undefined ? { high: quantity({ ...q, value: r.high }) } : {}),
  };
}

const INTERPRETATION_DISPLAY = { H: 'High', L: 'Low', N: 'Normal', A: 'Abnormal' } as const;

function quantity(q: QuantitySpec): Quantity {
  return q.ucum === undefined
    ? { value: q.value, unit: q.unit }
    : { value: q.value, unit: q.unit, system: SYSTEMS.ucum, code: q.ucum };
}

/**
 * Accumulates one patient's chart. Methods return `this` so a persona reads top to bottom like a chart
 * summary. `bundle()` returns a FHIR R4 `collection` Bundle.
 */
export class ChartBuilder {
  private readonly entries: BundleEntry[] = [];
  private encounterId: string | undefined;
  private practitionerId: string | undefined;

  constructor(
    private readonly now: Date,
    readonly patientId: string,
  ) {}

  private id(key: string): string {
    return `${this.patientId}-${key}`;
  }

  private get subject() {
    return { reference: `Patient/${this.patientId}` };
  }

  /** Adds a resource as-is (also used for deliberately malformed entries). */
  add(resource: FhirResource | Record<string, unknown>): this {
    const r = resource as { resourceType?: string; id?: string };
    this.entries.push({
      fullUrl: `${FULL_URL_BASE}/${r.resourceType ?? 'Unknown'}/${r.id ?? 'unknown'}`,
      resource: resource as FhirResource,
    });
    return this;
  }

  patient(spec: PatientSpec): this {
    const patient: Patient = {
      resourceType: 'Patient',
      id: this.patientId,
      meta: { tag: [{ system: 'http://nocturne.example/tags', code: 'synthetic', display: 'Synthetic persona' }] },
      identifier: [{ use: 'usual', system: SYSTEMS.mrn, value: spec.mrn }],
      active: true,
      name: [{ use: 'official', family: spec.family, given: [spec.given] }],
      gender: spec.sex,
      birthDate: birthDateForAge(this.now, spec.age),
      address: [{ use: 'home', city: spec.city ?? 'Springfield', state: 'MA', country: 'US' }],
    };
    return this.add(patient);
  }

  practitioner(c: Clinician): this {
    const practitioner: Practitioner = {
      resourceType: 'Practitioner',
      id: c.id,
      identifier: [{ system: SYSTEMS.npi, value: c.npi }],
      active: true,
      name: [{ use: 'official', family: c.family, given: [c.given], ...(c.prefix ? { prefix: [c.prefix] } : {}) }],
      qualification: [{ code: { text: c.qualification } }],
    };
    this.practitionerId = c.id;
    return this.add(practitioner);
  }

  /** Today's ambulatory visit, started 20 minutes ago and still in progress (the launch encounter). */
  encounterToday(reason: string): this {
    const id = this.id('encounter-today');
    const encounter: Encounter = {
      resourceType: 'Encounter',
      id,
      status: 'in-progress',
      class: { system: SYSTEMS.actCode, code: 'AMB', display: 'ambulatory' },
      type: [{ coding: [snomed('185345009', 'Encounter for symptom')], text: 'Encounter for symptom' }],
      subject: this.subject,
      ...(this.practitionerId
        ? { participant: [{ individual: { reference: `Practitioner/${this.practitionerId}` } }] }
        : {}),
      period: { start: daysAgo(this.now, 20 / 1440) },
      reasonCode: [{ text: reason }],
    };
    this.encounterId = id;
    return this.add(encounter);
  }

  /** A finished inpatient stay (Wells "recently bedridden" / VTE risk). */
  inpatientStay(key: string, fromDaysAgo: number, toDaysAgo: number, reason: string): this {
    const encounter: Encounter = {
      resourceType: 'Encounter',
      id: this.id(key),
      status: 'finished',
      class: { system: SYSTEMS.actCode, code: 'IMP', display: 'inpatient encounter' },
      type: [{ text: 'Hospital admission' }],
      subject: this.subject,
      period: { start: daysAgo(this.now, fromDaysAgo), end: daysAgo(this.now, toDaysAgo) },
      reasonCode: [{ text: reason }],
    };
    return this.add(encounter);
  }

  condition(spec: ConditionSpec): this {
    const clinical = spec.clinical ?? 'active';
    const condition: Condition = {
      resourceType: 'Condition',
      id: this.id(spec.key),
      clinicalStatus: { coding: [{ system: SYSTEMS.conditionClinical, code: clinical }] },
      verificationStatus: {
        coding: [{ system: SYSTEMS.conditionVerification, code: spec.verification ?? 'confirmed' }],
      },
      category: [
        {
          coding: [
            {
              system: SYSTEMS.conditionCategory,
              code: spec.category ?? 'problem-list-item',
              display: spec.category === 'encounter-diagnosis' ? 'Encounter Diagnosis' : 'Problem List Item',
            },
          ],
        },
      ],
      code: { coding: [...spec.codings], text: spec.text ?? spec.codings[0]?.display },
      subject: this.subject,
      ...(spec.onsetDaysAgo !== undefined ? { onsetDateTime: daysAgo(this.now, spec.onsetDaysAgo) } : {}),
      ...(spec.abatementDaysAgo !== undefined ? { abatementDateTime: daysAgo(this.now, spec.abatementDaysAgo) } : {}),
      recordedDate: daysAgo(this.now, spec.recordedDaysAgo ?? spec.onsetDaysAgo ?? 0),
    };
    return this.add(condition);
  }

  observation(spec: ObservationSpec): this {
    const observation: Observation = {
      resourceType: 'Observation',
      id: this.id(spec.key),
      status: spec.status ?? 'final',
      category: [
        {
          coding: [{ system: SYSTEMS.observationCategory, code: spec.category ?? 'laboratory' }],
        },
      ],
      code: spec.code,
      subject: this.subject,
      effectiveDateTime: daysAgo(this.now, spec.daysAgo),
      issued: daysAgo(this.now, Math.max(0, spec.daysAgo - 0.25)),
      ...(spec.quantity ? { valueQuantity: quantity(spec.quantity) } : {}),
      ...(spec.valueCodeableConcept ? { valueCodeableConcept: spec.valueCodeableConcept } : {}),
      ...(spec.side ? { bodySite: LATERALITY[spec.side] } : {}),
      ...(spec.interpretation
        ? {
            interpretation: [
              {
                coding: [
                  {
                    system: SYSTEMS.interpretation,
                    code: spec.interpretation,
                    display: INTERPRETATION_DISPLAY[spec.interpretation],
                  },
                ],
              },
            ],
          }
        : {}),
      ...(spec.referenceRange && spec.quantity ? { referenceRange: [range(spec.quantity, spec.referenceRange)] } : {}),
      ...(spec.components ? { component: [...spec.components] } : {}),
      ...(spec.note ? { note: [{ text: spec.note }] } : {}),
    };
    return this.add(observation);
  }

  /**
   * A lab result coded from {@link LAB}. The observation key defaults to the lab's name; `extra` carries what is
   * specific to the story (reference range, interpretation, another key for a second result of the same test).
   */
  lab(name: keyof typeof LAB, value: QuantitySpec, daysAgoValue: number, extra: ObservationExtra = {}): this {
    return this.observation({ key: name, code: LAB[name], quantity: value, daysAgo: daysAgoValue, ...extra });
  }

  /** One leg's ankle-brachial index, recorded as an exam finding with laterality; key defaults to `abi-<side>`. */
  abi(side: 'right' | 'left', value: number, daysAgoValue: number, extra: ObservationExtra = {}): this {
    return this.observation({
      key: `abi-${side}`,
      code: abiCode(side),
      quantity: ratio(value),
      side,
      daysAgo: daysAgoValue,
      category: 'exam',
      ...extra,
    });
  }

  /** Tobacco smoking status (LOINC 72166-2) with a SNOMED value, as Synthea and US Core record it. */
  smoking(key: string, value: 'current' | 'former' | 'never', daysAgoValue: number): this {
    const values = {
      current: snomed('449868002', 'Smokes tobacco daily'),
      former: snomed('8517006', 'Ex-smoker'),
      never: snomed('266919005', 'Never smoked tobacco'),
    } as const;
    return this.observation({
      key,
      code: { coding: [loinc('72166-2', 'Tobacco smoking status')], text: 'Tobacco smoking status' },
      valueCodeableConcept: { coding: [values[value]], text: values[value].display },
      daysAgo: daysAgoValue,
      category: 'social-history',
    });
  }

  medication(spec: MedicationSpec): this {
    const request: MedicationRequest = {
      resourceType: 'MedicationRequest',
      id: this.id(spec.key),
      status: spec.status ?? 'active',
      intent: 'order',
      medicationCodeableConcept: { coding: [...spec.codings], text: spec.text },
      subject: this.subject,
      authoredOn: daysAgo(this.now, spec.authoredDaysAgo),
      ...(this.practitionerId ? { requester: { reference: `Practitioner/${this.practitionerId}` } } : {}),
      ...(spec.dosage ? { dosageInstruction: [{ text: spec.dosage }] } : {}),
    };
    return this.add(request);
  }

  procedure(spec: ProcedureSpec): this {
    const start = daysAgo(this.now, spec.daysAgo);
    const procedure: Procedure = {
      resourceType: 'Procedure',
      id: this.id(spec.key),
      status: 'completed',
      code: { coding: [...spec.codings], text: spec.text },
      subject: this.subject,
      performedPeriod: { start, end: daysAgo(this.now, spec.daysAgo - (spec.hours ?? 2) / 24) },
    };
    return this.add(procedure);
  }

  /** The collection Bundle. The encounter id is exposed for tests via {@link ChartBuilder.encounter}. */
  bundle(): Bundle {
    return {
      resourceType: 'Bundle',
      id: `${this.patientId}-chart`,
      type: 'collection',
      timestamp: this.now.toISOString(),
      entry: [...this.entries],
    };
  }

  get encounter(): string | undefined {
    return this.encounterId ? `Encounter/${this.encounterId}` : undefined;
  }
}

/** Starts a chart with the Patient, the treating clinician and today's ambulatory encounter. */
export function standardChart(
  now: Date,
  patientId: string,
  patient: PatientSpec,
  clinician: Clinician,
  reason: string,
): ChartBuilder {
  return new ChartBuilder(now, patientId).patient(patient).practitioner(clinician).encounterToday(reason);
}

// ---------------------------------------------------------------------------------------------------------
// Frequently used observations, with the codes and units a US lab sends (reference §1.1, §1.2).
// ---------------------------------------------------------------------------------------------------------

/** Ankle-brachial index, coded with the SNOMED observable 446841001 (no verified LOINC exists). */
export function abiCode(side?: 'right' | 'left'): CodeableConcept {
  const label = side ? `Ankle brachial pressure index, ${side}` : 'Ankle brachial pressure index';
  return { coding: [snomed('446841001', 'Ankle brachial pressure index')], text: label };
}

export const ratio = (value: number): QuantitySpec => ({ value, unit: 'ratio', ucum: '{ratio}' });
export const mmHg = (value: number): QuantitySpec => ({ value, unit: 'mmHg', ucum: 'mm[Hg]' });

/** A quantity maker for one lab unit: the unit as the lab prints it and its UCUM code (the same unless given). */
const unitOf =
  (unit: string, ucum: string = unit) =>
  (value: number): QuantitySpec => ({ value, unit, ucum });

export const percent = unitOf('%');
export const mgPerDl = unitOf('mg/dL');
export const gPerDl = unitOf('g/dL');
export const mmolPerL = unitOf('mmol/L');
export const mmolPerMol = unitOf('mmol/mol');
export const ngPerMl = unitOf('ng/mL');
export const pgPerMl = unitOf('pg/mL');
export const ugPerDl = unitOf('ug/dL');
export const mIuPerL = unitOf('mIU/L', 'm[IU]/L');
export const egfrUnits = unitOf('mL/min/1.73m2', 'mL/min/{1.73_m2}');
export const ngPerMlFeu = unitOf('ng/mL FEU', 'ng/mL{FEU}');
export const ngPerMlDdu = unitOf('ng/mL DDU', 'ng/mL{DDU}');
export const perMin = unitOf('/min');

export const LAB = {
  hba1c: { coding: [loinc('4548-4', 'Hemoglobin A1c/Hemoglobin.total in Blood')], text: 'Hemoglobin A1c' },
  glucoseSerum: { coding: [loinc('2345-7', 'Glucose [Mass/volume] in Serum or Plasma')], text: 'Glucose' },
  ferritin: { coding: [loinc('2276-4', 'Ferritin [Mass/volume] in Serum or Plasma')], text: 'Ferritin' },
  iron: { coding: [loinc('2498-4', 'Iron [Mass/volume] in Serum or Plasma')], text: 'Iron' },
  tibc: { coding: [loinc('2500-7', 'Iron binding capacity [Mass/volume] in Serum or Plasma')], text: 'TIBC' },
  tsat: {
    coding: [loinc('2502-3', 'Iron saturation [Mass Fraction] in Serum or Plasma')],
    text: 'Transferrin saturation',
  },
  potassium: { coding: [loinc('2823-3', 'Potassium [Moles/volume] in Serum or Plasma')], text: 'Potassium' },
  magnesium: { coding: [loinc('19123-9', 'Magnesium [Mass/volume] in Serum or Plasma')], text: 'Magnesium' },
  calcium: { coding: [loinc('17861-6', 'Calcium [Mass/volume] in Serum or Plasma')], text: 'Calcium' },
  creatinine: { coding: [loinc('2160-0', 'Creatinine [Mass/volume] in Serum or Plasma')], text: 'Creatinine' },
  egfr: {
    coding: [loinc('33914-3', 'Glomerular filtration rate/1.73 sq M.predicted (MDRD)')],
    text: 'eGFR',
  },
  tsh: { coding: [loinc('3016-3', 'Thyrotropin [Units/volume] in Serum or Plasma')], text: 'TSH' },
  dDimerFeu: {
    coding: [loinc('48065-7', 'Fibrin D-dimer FEU [Mass/volume] in Platelet poor plasma')],
    text: 'D-dimer (FEU)',
  },
  dDimerDdu: {
    coding: [loinc('48066-5', 'Fibrin D-dimer DDU [Mass/volume] in Platelet poor plasma')],
    text: 'D-dimer (DDU)',
  },
  hemoglobin: { coding: [loinc('718-7', 'Hemoglobin [Mass/volume] in Blood')], text: 'Hemoglobin' },
  b12: {
    coding: [loinc('2132-9', 'Cobalamin (Vitamin B12) [Mass/volume] in Serum or Plasma')],
    text: 'Vitamin B12',
  },
  bmi: { coding: [loinc('39156-5', 'Body mass index (BMI) [Ratio]')], text: 'BMI' },
  heartRate: { coding: [loinc('8867-4', 'Heart rate')], text: 'Heart rate' },
  spo2: {
    coding: [
      loinc('59408-5', 'Oxygen saturation in Arterial blood by Pulse oximetry'),
      loinc('2708-6', 'Oxygen saturation in Arterial blood'),
    ],
    text: 'Oxygen saturation',
  },
} as const satisfies Record<string, CodeableConcept>;

/** RxNorm ingredient codes (text is the prescribed product, as an EHR shows it). */
export const RX = {
  furosemide: rxnorm('4603', 'furosemide'),
  atorvastatin: rxnorm('83367', 'atorvastatin'),
  sertraline: rxnorm('36437', 'sertraline'),
  metformin: rxnorm('6809', 'metformin'),
  lisinopril: rxnorm('29046', 'lisinopril'),
  amlodipine: rxnorm('17767', 'amlodipine'),
  apixaban: rxnorm('1364430', 'apixaban'),
  levothyroxine: rxnorm('10582', 'levothyroxine'),
  gabapentin: rxnorm('25480', 'gabapentin'),
} as const satisfies Record<string, Coding>;
