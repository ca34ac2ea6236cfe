/**
 * The URIs the write-back builders need.
 *
 * Shared code systems (LOINC, the US Core note category) are named once in `fhir-mappings/code-systems.ts` and
 * re-exported here; this file adds only the write-back-specific ones (profile and provenance vocabularies), so the
 * builders have a single import and no URI is spelled twice in the project.
 */
export { LOINC as LOINC_SYSTEM, US_CORE_DOCREF_CATEGORY as US_CORE_DOCUMENT_CATEGORY_SYSTEM } from '../code-systems';

export const US_CORE_DOCUMENT_REFERENCE_PROFILE =
  'http://hl7.org/fhir/us/core/StructureDefinition/us-core-documentreference';
export const PROVENANCE_PARTICIPANT_TYPE_SYSTEM = 'http://terminology.hl7.org/CodeSystem/provenance-participant-type';
export const DATA_OPERATION_SYSTEM = 'http://terminology.hl7.org/CodeSystem/v3-DataOperation';
