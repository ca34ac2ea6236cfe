/**
 * Every code-system URI the mappings read or write, named once.
 *
 * Why one file: servers spell the same system in several ways (canonical URI, OID, trailing slash), and
 * a typo in a URI silently turns a match into a miss. Everything else imports these constants, and
 * {@link normaliseSystem} folds the known aliases onto the canonical URI before any comparison.
 */

export const LOINC = 'http://loinc.org';
export const SNOMED_CT = 'http://snomed.info/sct';
export const ICD_10_CM = 'http://hl7.org/fhir/sid/icd-10-cm';
/** WHO ICD-10: prefixes overlap ICD-10-CM for every chapter we match, so both are read as ICD-10. */
export const ICD_10 = 'http://hl7.org/fhir/sid/icd-10';
export const RXNORM = 'http://www.nlm.nih.gov/research/umls/rxnorm';
export const UCUM = 'http://unitsofmeasure.org';
export const CONDITION_CLINICAL = 'http://terminology.hl7.org/CodeSystem/condition-clinical';
export const CONDITION_VER_STATUS = 'http://terminology.hl7.org/CodeSystem/condition-ver-status';
export const CONDITION_CATEGORY = 'http://terminology.hl7.org/CodeSystem/condition-category';
export const OBSERVATION_CATEGORY = 'http://terminology.hl7.org/CodeSystem/observation-category';
export const OBSERVATION_INTERPRETATION = 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation';
export const US_CORE_DOCREF_CATEGORY = 'http://hl7.org/fhir/us/core/CodeSystem/us-core-documentreference-category';
/** Encounter.class (IMP / ACUTE / NONAC = inpatient). */
export const V3_ACT_CODE = 'http://terminology.hl7.org/CodeSystem/v3-ActCode';
export const DATA_ABSENT_REASON = 'http://terminology.hl7.org/CodeSystem/data-absent-reason';

/** OIDs and spelling variants seen in the wild, mapped to the canonical URI. */
const SYSTEM_ALIASES: Readonly<Record<string, string>> = {
  'urn:oid:2.16.840.1.113883.6.1': LOINC,
  'https://loinc.org': LOINC,
  'urn:oid:2.16.840.1.113883.6.96': SNOMED_CT,
  'https://snomed.info/sct': SNOMED_CT,
  'urn:oid:2.16.840.1.113883.6.90': ICD_10_CM,
  'http://hl7.org/fhir/sid/icd-10-cm/': ICD_10_CM,
  'urn:oid:2.16.840.1.113883.6.3': ICD_10,
  'urn:oid:2.16.840.1.113883.6.88': RXNORM,
  'http://www.nlm.nih.gov/research/umls/rxnorm/': RXNORM,
  'urn:oid:2.16.840.1.113883.6.8': UCUM,
  'urn:oid:2.16.840.1.113883.5.4': V3_ACT_CODE,
  'http://hl7.org/fhir/v3/ActCode': V3_ACT_CODE,
};

/** Canonical form of a system URI: trimmed, trailing slash dropped, known aliases folded. */
export function normaliseSystem(system: string | undefined): string {
  if (system === undefined) return '';
  const trimmed = system.trim();
  const alias = SYSTEM_ALIASES[trimmed];
  if (alias !== undefined) return alias;
  const noSlash = trimmed.endsWith('/') ? trimmed.slice(0, -1) : trimmed;
  return SYSTEM_ALIASES[noSlash] ?? noSlash;
}

/** ICD-10 (CM or WHO): matched by prefix rather than exact code (codes are restructured every fiscal year). */
export function isIcd10System(system: string): boolean {
  return system === ICD_10_CM || system === ICD_10;
}

/** Short human names for the "what do we match" table and data-issue text. */
export const SYSTEM_NAMES: Readonly<Record<string, string>> = {
  [LOINC]: 'LOINC',
  [SNOMED_CT]: 'SNOMED CT',
  [ICD_10_CM]: 'ICD-10-CM',
  [ICD_10]: 'ICD-10',
  [RXNORM]: 'RxNorm',
  [UCUM]: 'UCUM',
  [V3_ACT_CODE]: 'HL7 v3 ActCode',
};
