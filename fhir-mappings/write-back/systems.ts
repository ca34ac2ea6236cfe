/**
 * The URIs the write-back builders need.
 *
 * Shared code systems (LOINC, …) are named once in `fhir-mappings/code-systems.ts`; this file only adds the
 * write-back-specific ones (note category, profile and provenance vocabularies) and re-exports what it uses, so the
 * builders have a single import.
 */
export const LOINC_SYSTEM = 'http://loinc.org';

export const US_CORE_DOCUMENT_CATEGORY_SYSTEM =
  'http://hl7.org/fhir/us/core/CodeSystem/us-core-documentreference-category';
export const US_CORE_DOCUMENT_REFERENCE_PROFILE =
  'http://hl7.org/fhir/us/core/StructureDefinition/us-core-documentreference';
export const PROVENANCE_PARTICIPANT_TYPE_SYSTEM = 'http://terminology.hl7.org/CodeSystem/provenance-participant-type';
export const DATA_OPERATION_SYSTEM = 'http://terminology.hl7.org/CodeSystem/v3-DataOperation';
