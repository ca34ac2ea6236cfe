/** Small FHIR R4 builders for mapping tests (plain JSON, as a server would send it). */
export const NOW = new Date('2026-03-01T12:00:00Z');
export const LOINC = 'http://loinc.org';
export const SNOMED = 'http://snomed.info/sct';
export const ICD10CM = 'http://hl7.org/fhir/sid/icd-10-cm';
export const RXNORM = 'http://www.nlm.nih.gov/research/umls/rxnorm';
export const UCUM = 'http://unitsofmeasure.org';

let counter = 0;
const nextId = (prefix: string) => `${prefix}-${++counter}`;

export interface ObsOptions {
  id?: string;
  system?: string;
  code?: string;
  display?: string;
  text?: string;
  value?: number;
  unit?: string | undefined;
  ucum?: string;
  status?: string;
  date?: string;
  extra?: Record<string, unknown>;
}

export function observation(o: ObsOptions): Record<string, unknown> {
  const coding = o.code
    ? [{ system: o.system ?? LOINC, code: o.code, ...(o.display ? { display: o.display } : {}) }]
    : [];
  return {
    resourceType: 'Observation',
    id: o.id ?? nextId('obs'),
    status: o.status ?? 'final',
    code: { ...(coding.length ? { coding } : {}), ...(o.text ? { text: o.text } : {}) },
    effectiveDateTime: o.date ?? '2026-02-01T09:00:00Z',
    ...(o.value !== undefined
      ? {
          valueQuantity: {
            value: o.value,
            ...(o.unit !== undefined ? { unit: o.unit } : {}),
            ...(o.ucum !== undefined ? { system: UCUM, code: o.ucum } : {}),
          },
        }
      : {}),
    ...o.extra,
  };
}

export interface CondOptions {
  id?: string;
  system?: string;
  code?: string;
  display?: string;
  text?: string;
  clinical?: string | null;
  verification?: string;
  onset?: string;
  extra?: Record<string, unknown>;
}

export function condition(c: CondOptions): Record<string, unknown> {
  const coding = c.code
    ? [{ system: c.system ?? SNOMED, code: c.code, ...(c.display ? { display: c.display } : {}) }]
    : [];
  return {
    resourceType: 'Condition',
    id: c.id ?? nextId('cond'),
    ...(c.clinical !== null
      ? {
          clinicalStatus: {
            coding: [
              { system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code: c.clinical ?? 'active' },
            ],
          },
        }
      : {}),
    ...(c.verification
      ? {
          verificationStatus: {
            coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-ver-status', code: c.verification }],
          },
        }
      : {}),
    code: { ...(coding.length ? { coding } : {}), ...(c.text ? { text: c.text } : {}) },
    onsetDateTime: c.onset ?? '2025-06-01',
    ...c.extra,
  };
}

export function medicationRequest(m: {
  id?: string;
  code?: string;
  display?: string;
  text?: string;
  status?: string;
  extra?: Record<string, unknown>;
}): Record<string, unknown> {
  return {
    resourceType: 'MedicationRequest',
    id: m.id ?? nextId('med'),
    status: m.status ?? 'active',
    intent: 'order',
    ...(m.code || m.text
      ? {
          medicationCodeableConcept: {
            ...(m.code
              ? { coding: [{ system: RXNORM, code: m.code, ...(m.display ? { display: m.display } : {}) }] }
              : {}),
            ...(m.text ? { text: m.text } : {}),
          },
        }
      : {}),
    authoredOn: '2026-01-10',
    ...m.extra,
  };
}

export function bundle(type: string, resources: Record<string, unknown>[]): Record<string, unknown> {
  return {
    resourceType: 'Bundle',
    type,
    entry: resources.map((resource) => ({ fullUrl: `urn:uuid:${String(resource.id)}`, resource })),
  };
}
